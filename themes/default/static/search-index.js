/*
 * search-index.js: reads the static index that `dossier build` writes under
 * search/ (the format is in docs/search.md) and runs queries over it,
 * fetching only the pieces a query needs: the manifest, the shards that
 * hold its terms, the chunks of the results it shows. No DOM: search.js
 * drives it on the search page, tests/it/run-search.js under Node.
 *
 * The tokenising rules repeat src/search/text.rs exactly: change both or
 * neither.
 */
(function () {
  'use strict';

  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) {
    VALUE[DIGITS.charAt(d)] = d;
  }
  var MAX_TOKEN = 40;
  // The last word, while it is being typed, also finds the words it
  // begins: when it has at least MIN_PREFIX characters and those words
  // lie in at most MAX_PREFIX_SHARDS shards.
  var MIN_PREFIX = 2;
  var MAX_PREFIX_SHARDS = 3;
  var APOSTROPHES = /[\u2019\u2018\u201a\u201b\u2032\u02bc]/g;
  var NOT_WORD = /[^'\p{Alphabetic}\p{N}]+/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var FILTERS = ['stance', 'actor', 'outlet'];

  // ---- Reading text, as src/search/text.rs does ----------------------

  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  }

  // A run of letters, digits and apostrophes as a token: apostrophes at
  // its ends and a final "'s" dropped, the others removed.
  function token(run) {
    var stem = run.replace(/^'+|'+$/g, '');
    if (stem.slice(-2) === "'s") {
      stem = stem.slice(0, -2);
    }
    return Array.from(stem.replace(/'/g, '')).slice(0, MAX_TOKEN).join('');
  }

  function tokenize(text) {
    return fold(text).replace(APOSTROPHES, "'").split(NOT_WORD).map(token).filter(Boolean);
  }

  // Is the last word still being typed (no space or punctuation after it)?
  function typing(query) {
    var chars = Array.from(query);
    return chars.length > 0 && WORD.test(chars[chars.length - 1]);
  }

  // ---- Posting lists: sorted document numbers ------------------------

  // "~" and a bitmap, six documents a digit; else the gaps, in base 32,
  // continuation digits (32..63) first.
  function decode(s) {
    var out = [];
    var i;
    if (s.charAt(0) === '~') {
      for (i = 1; i < s.length; i++) {
        var bits = VALUE[s.charAt(i)];
        for (var b = 0; b < 6; b++) {
          if (bits & (1 << b)) {
            out.push((i - 1) * 6 + b);
          }
        }
      }
      return out;
    }
    var n = 0;
    var next = 0;
    for (i = 0; i < s.length; i++) {
      var v = VALUE[s.charAt(i)];
      if (v >= 32) {
        n = n * 32 + v - 32;
      } else {
        next += n * 32 + v;
        out.push(next);
        next += 1;
        n = 0;
      }
    }
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out.push(a[i]);
        i++;
        j++;
      }
    }
    return out;
  }

  function union(lists) {
    var all = [].concat.apply([], lists).sort(function (x, y) { return x - y; });
    return all.filter(function (x, i) { return i === 0 || all[i - 1] !== x; });
  }

  // ---- The index -----------------------------------------------------

  // `load(path)` resolves to the parsed JSON of search/<path>.
  function createIndex(load) {
    var manifest = null;
    var pending = new Map();
    var shards = new Map();
    var chunks = new Map();

    function getManifest() {
      // A failed load is forgotten, so the next search tries again.
      manifest = manifest || load('index.json').catch(function (error) {
        manifest = null;
        throw error;
      });
      return manifest;
    }

    // The last shard whose first term is not after `term`.
    function shardOf(m, term) {
      var lo = 0;
      var hi = m.shards.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (m.shards[mid] <= term) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    function ensure(m, numbers) {
      // An empty dossier has no shards: nothing to fetch, nothing found.
      var existing = numbers.filter(function (i) { return i < m.shards.length; });
      return Promise.all(existing.map(function (i) {
        if (!pending.has(i)) {
          pending.set(i, load('terms/' + i + '.json?v=' + m.version).then(function (entries) {
            shards.set(i, { entries: entries, byTerm: new Map(entries.map(function (e) { return [e[0], e]; })) });
          }, function (error) {
            pending.delete(i);
            throw error;
          }));
        }
        return pending.get(i);
      }));
    }

    // A term's entry, from a shard already loaded: [term, postings, phrases?].
    function lookup(m, term) {
      var shard = shards.get(shardOf(m, term));
      return shard && shard.byTerm.get(term);
    }

    // The shards that may hold words starting with `p`, or null if too many.
    function prefixRange(m, p) {
      var first = shardOf(m, p);
      var last = shardOf(m, p + '\uffff');
      var few = m.shards.length > 0 && last - first < MAX_PREFIX_SHARDS;
      return few ? { first: first, last: last } : null;
    }

    // Every word that starts with `p`, from the shards of `range`.
    function prefixAlternatives(range, p) {
      var alts = [];
      for (var i = range.first; i <= range.last; i++) {
        shards.get(i).entries.forEach(function (e) {
          if (e[0].lastIndexOf(p, 0) === 0) {
            alts.push(e[0]);
          }
        });
      }
      return alts.length ? alts : [p];
    }

    // The longest spelling of an actor, of more than one word, that starts
    // at tokens[i]: its length in tokens and the actors it names, or null.
    // (A word that spells an actor by itself already finds all the
    // actor's documents.)
    function spelling(e, tokens, i) {
      var best = null;
      ((e && e[2]) || []).forEach(function (phrase) {
        var rest = phrase[0].split(' ');
        for (var k = 0; k < rest.length; k++) {
          if (tokens[i + 1 + k] !== rest[k]) {
            return;
          }
        }
        if (!best || rest.length + 1 > best.length) {
          best = { length: rest.length + 1, actors: [phrase[1]] };
        } else if (rest.length + 1 === best.length) {
          best.actors.push(phrase[1]);
        }
      });
      return best;
    }

    // The query as lists of alternatives: a result has, for every list,
    // at least one of its terms. A spelling of an actor in several words
    // stands for the actor (`@<id>`), which every spelling finds.
    function plan(m, query, filters) {
      var tokens = tokenize(query);
      var last = tokens.length - 1;
      var prefix = last >= 0 && typing(query) && Array.from(tokens[last]).length >= MIN_PREFIX;
      var range = prefix ? prefixRange(m, tokens[last]) : null;
      var needed = tokens.map(function (t) { return shardOf(m, t); });
      for (var s = range ? range.first : 0; range && s <= range.last; s++) {
        needed.push(s);
      }
      return ensure(m, needed).then(function () {
        var lists = [];
        for (var i = 0; i < tokens.length; ) {
          var found = spelling(lookup(m, tokens[i]), tokens, i);
          if (found) {
            lists.push(found.actors);
            i += found.length;
          } else if (i === last && range) {
            lists.push(prefixAlternatives(range, tokens[i]));
            i++;
          } else {
            lists.push([tokens[i]]);
            i++;
          }
        }
        FILTERS.forEach(function (name) {
          if (filters[name]) {
            lists.push(['=' + (name === 'actor' ? 'by' : name) + ':' + filters[name]]);
          }
        });
        return lists;
      });
    }

    // The numbers of the matching documents, in result order; null when
    // there is nothing to search for.
    function search(query, filters) {
      return getManifest().then(function (m) {
        return plan(m, query, filters).then(function (lists) {
          if (!lists.length) {
            return null;
          }
          var terms = [].concat.apply([], lists);
          return ensure(m, terms.map(function (t) { return shardOf(m, t); })).then(function () {
            var result = null;
            lists.forEach(function (list) {
              var ids = union(list.map(function (t) {
                var e = lookup(m, t);
                return e ? decode(e[1]) : [];
              }));
              result = result === null ? ids : intersect(result, ids);
            });
            return result;
          });
        });
      });
    }

    // The documents with these numbers, in the same order.
    function docs(ids) {
      return getManifest().then(function (m) {
        var numbers = union([ids.map(function (id) { return Math.floor(id / m.chunk); })]);
        return Promise.all(numbers.map(function (n) {
          if (!chunks.has(n)) {
            chunks.set(n, load('docs/' + n + '.json?v=' + m.version).catch(function (error) {
              chunks.delete(n);
              throw error;
            }));
          }
          return chunks.get(n);
        })).then(function () {
          return Promise.all(ids.map(function (id) {
            return chunks.get(Math.floor(id / m.chunk)).then(function (c) { return c[id % m.chunk]; });
          }));
        });
      });
    }

    return { search: search, docs: docs };
  }

  var api = { tokenize: tokenize, fold: fold, decode: decode, createIndex: createIndex, FILTERS: FILTERS };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    window.DossierSearch = api;
  }
})();
