/*
 * search.js: the search page (search/index.html). It reads the query and
 * filters from the form and the address, runs them with search-index.js
 * (loaded before it), and lists the results. No framework and no inline
 * code, so a strict Content-Security-Policy passes. Without JavaScript the
 * page links the indexes instead.
 */
(function () {
  'use strict';

  var engine = window.DossierSearch;
  var FILTERS = engine.FILTERS;
  // Results shown at a time.
  var PAGE = 20;
  var KINDS = { actor: 'Actor', claim: 'Claim', article: 'Article', quote: 'Quote' };
  var SYMBOLS = { supports: '\u2713', disputes: '\u2717', context: '\u25c7' };

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) {
      e.className = className;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function render(doc, root) {
    var li = element('li', 'search-result');
    li.setAttribute('data-kind', doc.k);
    var head = element('p', 'search-head');
    head.appendChild(element('span', 'search-kind', KINDS[doc.k] || doc.k));
    if (doc.s) {
      li.setAttribute('data-stance', doc.s);
      var stance = element('span', 'stance stance-' + doc.s);
      var symbol = element('span', '', SYMBOLS[doc.s]);
      symbol.setAttribute('aria-hidden', 'true');
      stance.appendChild(symbol);
      stance.appendChild(document.createTextNode(' ' + doc.s));
      head.appendChild(document.createTextNode(' '));
      head.appendChild(stance);
    }
    li.appendChild(head);
    var link = element('a', 'search-title', doc.k === 'quote' ? '\u201c' + doc.t + '\u201d' : doc.t);
    link.href = root + doc.u;
    if (doc.l) {
      link.lang = doc.l;
    }
    li.appendChild(link);
    if (doc.m) {
      li.appendChild(element('p', 'search-meta', doc.m));
    }
    return li;
  }

  function start() {
    var form = document.getElementById('search-form');
    if (!form) {
      return;
    }
    var input = document.getElementById('search-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var selects = {};
    FILTERS.forEach(function (name) { selects[name] = document.getElementById('search-' + name); });
    var root = form.getAttribute('data-root') || '';
    // The folder of the search index, from the page: only the site knows its layout.
    var indexFolder = form.getAttribute('data-index');

    if (window.location.protocol === 'file:') {
      status.textContent = 'Search cannot run on pages opened from a file: the browser does not let them ' +
        'read the search index. Serve the site (for example with "dossier serve"), or browse the ' +
        'articles, claims and actors from the menu.';
      return;
    }

    var index = engine.createIndex(function (path) {
      if (indexFolder === null) {
        return Promise.reject(new Error('the search form has no data-index'));
      }
      return fetch(indexFolder + path, { cache: path === 'index.json' ? 'no-cache' : 'default' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(indexFolder + path + ': ' + response.status);
          }
          return response.json();
        });
    });
    var seq = 0;
    var current = null;
    var timer = null;

    function filters() {
      var f = {};
      FILTERS.forEach(function (name) { f[name] = selects[name] ? selects[name].value : ''; });
      return f;
    }

    function remember(query, f) {
      var params = new URLSearchParams();
      if (query) {
        params.set('q', query);
      }
      FILTERS.forEach(function (name) {
        if (f[name]) {
          params.set(name, f[name]);
        }
      });
      var search = params.toString();
      window.history.replaceState(null, '', search ? '?' + search : window.location.pathname);
    }

    function describe() {
      var n = current.ids.length;
      var words = [];
      if (current.query.trim()) {
        words.push('for \u201c' + current.query.trim() + '\u201d');
      }
      FILTERS.forEach(function (name) {
        var select = selects[name];
        if (select && select.value) {
          words.push(select.options[select.selectedIndex].getAttribute('data-label'));
        }
      });
      var what = words.length ? ' ' + words.join(', ') : '';
      if (n === 0) {
        return 'No results' + what + '.';
      }
      var found = n + (n === 1 ? ' result' : ' results') + what;
      return current.shown < n ? found + '; showing the first ' + current.shown + '.' : found + '.';
    }

    function show(mine, focus) {
      var slice = current.ids.slice(current.shown, current.shown + PAGE);
      return index.docs(slice).then(function (docs) {
        if (mine !== seq) {
          return;
        }
        var first = null;
        docs.forEach(function (doc) {
          var li = render(doc, root);
          list.appendChild(li);
          first = first || li.querySelector('a');
        });
        current.shown += docs.length;
        more.hidden = current.shown >= current.ids.length;
        status.textContent = describe();
        if (focus && first) {
          first.focus();
        }
      });
    }

    function fail(mine, error) {
      if (mine === seq) {
        status.textContent = 'The search index could not be loaded (' + error.message + ').';
      }
    }

    function run() {
      var mine = ++seq;
      var query = input.value;
      var f = filters();
      remember(query, f);
      index.search(query, f).then(function (ids) {
        if (mine !== seq) {
          return null;
        }
        list.textContent = '';
        more.hidden = true;
        if (ids === null) {
          current = null;
          status.textContent = '';
          return null;
        }
        current = { ids: ids, shown: 0, query: query };
        return show(mine, false);
      }).catch(function (error) { fail(mine, error); });
    }

    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    FILTERS.forEach(function (name) {
      var value = params.get(name);
      var select = selects[name];
      if (value && select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 150);
    });
    FILTERS.forEach(function (name) {
      if (selects[name]) {
        selects[name].addEventListener('change', run);
      }
    });
    more.addEventListener('click', function () {
      if (current) {
        show(seq, true).catch(function (error) { fail(seq, error); });
      }
    });
    if (input.value || FILTERS.some(function (name) { return params.get(name); })) {
      run();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
