  /* ---------------------------------------------------------------- */
  /* 2. Article page                                                   */
  /* ---------------------------------------------------------------- */

  var MARK = 'mark[data-annotation]';

  /** One annotation: its list entry and its highlight's pieces. */
  function collect(body, list) {
    var byKey = {};
    var all = [];
    var order = [];
    var items = list.querySelectorAll('li[data-for]');
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var entry = { li: li, key: li.getAttribute('data-for'), id: li.id.replace(/^n-/, ''), marks: [], labels: [] };
      byKey[entry.key] = entry;
      all.push(entry);
    }
    var marks = body.querySelectorAll(MARK);
    for (var j = 0; j < marks.length; j++) {
      var a = byKey[marks[j].getAttribute('data-annotation')];
      if (!a) {
        continue;
      }
      if (a.marks.length === 0) {
        order.push(a);
      }
      a.marks.push(marks[j]);
    }
    var labels = body.querySelectorAll('.stance-tag[data-for]');
    for (var k = 0; k < labels.length; k++) {
      var owner = byKey[labels[k].getAttribute('data-for')];
      if (owner) {
        owner.labels.push(labels[k]);
      }
    }
    // Reading order: where each passage starts. The first piece carries the
    // id. (An annotation whose passage the sanitiser removed has no marks:
    // it is listed and filtered, but not in `order`.)
    order.forEach(function (a, n) {
      a.index = n;
      a.first = document.getElementById('a-' + a.id) || a.marks[0];
    });
    return { byKey: byKey, all: all, order: order };
  }

  function initArticle() {
    var body = document.querySelector('.article-body');
    var list = document.querySelector('.annotation-list');
    var main = document.querySelector('main') || document.body;
    if (!body || !list) {
      return;
    }
    var data = collect(body, list);
    var order = data.order;
    if (order.length === 0) {
      return;
    }

    var status = el('p', { id: 'hl-status', class: 'vh', role: 'status' });
    main.appendChild(status);

    order.forEach(function (a) {
      a.first.tabIndex = 0;
      var described = ['nc-' + a.id, 'nb-' + a.id].filter(function (id) {
        return document.getElementById(id);
      });
      if (described.length) {
        a.first.setAttribute('aria-describedby', described.join(' '));
      }
      // The card replaces the browser's tooltip, which would cover it.
      a.marks.forEach(function (m) {
        if (m.hasAttribute('title')) {
          m.setAttribute('data-title', m.getAttribute('title'));
          m.removeAttribute('title');
        }
      });
    });

    var card = makeCard(main, data);
    keys(data, card, status);
    filters(list, data);
    hint();

    // Arriving from a claim page at #a-…: that passage, with its card.
    function toTarget() {
      var id = window.location.hash.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (e) {
        return;
      }
      var target = id && document.getElementById(id);
      if (target && target.matches(MARK) && target.tabIndex === 0) {
        target.focus({ preventScroll: true });
        card.settle(target);
      }
    }
    toTarget();
    window.addEventListener('hashchange', toTarget);
  }

