// Runs a built site's own assets/search-index.js under Node, over the site's
// index on disk: the same code and files a browser uses, without one.
// Used by tests/it/search.rs, and by hand to measure what a search fetches:
//
//   echo '{"site": "public", "queries": [{"q": "kupyansk"}]}' | node tests/it/run-search.js
//
// Reads {site, queries: [{q, filters}], texts: [string]} as JSON on stdin;
// prints {tokens: [[token]], results: [{ids, hrefs, bytes}]}: the numbers of
// the matching documents, the hrefs of the first 20, and the bytes a first
// search with a fresh cache fetches (index files only).
'use strict';

const fs = require('fs');
const path = require('path');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const search = require(path.resolve(input.site, 'assets/search-index.js'));

function fresh() {
  const loaded = { bytes: 0 };
  const index = search.createIndex(function (file) {
    const text = fs.readFileSync(path.resolve(input.site, 'search', file.split('?')[0]), 'utf8');
    loaded.bytes += Buffer.byteLength(text);
    return Promise.resolve(JSON.parse(text));
  });
  return { index: index, loaded: loaded };
}

(async function () {
  const out = { tokens: (input.texts || []).map(search.tokenize), results: [] };
  for (const query of input.queries || []) {
    const { index, loaded } = fresh();
    const ids = await index.search(query.q, query.filters || {});
    const docs = ids ? await index.docs(ids.slice(0, 20)) : [];
    out.results.push({ ids: ids, hrefs: docs.map(function (d) { return d.u; }), bytes: loaded.bytes });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(function (error) {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
