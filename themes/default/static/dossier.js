/*
 * dossier.js: progressive enhancement only. Every page works without it:
 * each highlight is followed by a link to its claim, and the article's list
 * of annotations links every passage and every claim.
 *
 * 1. From disk (file:), links and form actions to folders are pointed at
 *    their index.html.
 * 2. On an article page:
 *    - hovering or focusing a highlight shows a card (#hl-card) with the
 *      claim, stance, speaker, channel and note of every annotation over
 *      that point; Enter on a highlight moves into the card, Escape closes it;
 *    - the keys n and p move to the next and previous highlight, and a
 *      polite live region (#hl-status) says which one ("3 of 28");
 *    - a filter bar (#ann-filters) above the list of annotations shows them
 *      by stance, claim and actor; the highlights of hidden ones are dimmed.
 *
 * Everything the card and the filters show is read from the list of
 * annotations already in the page: nothing is fetched.
 */
(function () {
  'use strict';

  function ready(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        node.textContent = attrs[k];
      } else {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* ---------------------------------------------------------------- */
  /* 1. Opened from disk                                               */
  /* ---------------------------------------------------------------- */

  /*
   * From disk, a link to a directory ("../claims/x/") shows a file listing
   * or nothing: there is no server to answer with the directory's
   * index.html. Served over http(s), clean directory URLs are left alone.
   */
  // A scheme ("https:", "mailto:") or "//host" means the link leaves the site.
  var EXTERNAL = /^(?:[a-z][a-z0-9+.\-]*:|\/\/)/i;

  function rewrite(href) {
    if (EXTERNAL.test(href)) {
      return null;
    }
    // Split off "?query" and "#fragment": only the path decides.
    var cut = href.search(/[?#]/);
    var path = cut === -1 ? href : href.slice(0, cut);
    var rest = cut === -1 ? '' : href.slice(cut);
    if (path === '' || path.charAt(path.length - 1) !== '/') {
      return null;
    }
    return path + 'index.html' + rest;
  }

  function fixLinks(root) {
    if (window.location.protocol !== 'file:') {
      return;
    }
    var links = root.querySelectorAll('a[href], area[href]');
    for (var i = 0; i < links.length; i++) {
      var fixed = rewrite(links[i].getAttribute('href'));
      if (fixed !== null) {
        links[i].setAttribute('href', fixed);
      }
    }
    // The header's search form goes to a folder too.
    var forms = root.querySelectorAll('form[action]');
    for (var j = 0; j < forms.length; j++) {
      var action = rewrite(forms[j].getAttribute('action'));
      if (action !== null) {
        forms[j].setAttribute('action', action);
      }
    }
  }

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

  /** The annotations over a highlight piece: its own first, then those it sits in. */
  function over(mark, data) {
    var found = [];
    for (var m = mark; m; m = m.parentElement && m.parentElement.closest(MARK)) {
      var a = data.byKey[m.getAttribute('data-annotation')];
      if (a && found.indexOf(a) === -1) {
        found.push(a);
      }
    }
    return found;
  }

  function clean(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute('id');
    var withIds = copy.querySelectorAll('[id]');
    for (var i = 0; i < withIds.length; i++) {
      withIds[i].removeAttribute('id');
    }
    return copy;
  }

  /** The card's section for one annotation, built from its list entry. */
  function cardItem(a, total) {
    var item = el('section', { class: 'hl-card-item', 'data-for': a.key, 'data-stance': a.li.getAttribute('data-stance') });
    ['.annotation-claim', '.attribution', '.note'].forEach(function (sel) {
      var part = a.li.querySelector(sel);
      if (part) {
        item.appendChild(clean(part));
      }
    });
    item.appendChild(
      el('p', { class: 'hl-card-more' }, [
        el('a', { href: '#n-' + a.id, text: 'In the list of annotations' }),
        el('span', { class: 'hl-card-pos', text: ' · ' + (a.index + 1) + ' of ' + total })
      ])
    );
    return item;
  }

  function makeCard(main, data) {
    var card = el('div', {
      id: 'hl-card',
      class: 'hl-card',
      role: 'dialog',
      'aria-label': 'Annotations on this passage',
      hidden: ''
    });
    var close = el('button', { type: 'button', class: 'hl-card-close', 'aria-label': 'Close' }, ['×']);
    var content = el('div', { class: 'hl-card-content' });
    // The close button comes last, so Enter lands on the first link.
    card.appendChild(content);
    card.appendChild(close);
    main.appendChild(card);

    var state = { trigger: null, by: null, showTimer: 0, hideTimer: 0 };

    function place(mark, pointerY) {
      // Under the line the pointer is on; from the keyboard, under the
      // piece's last line, so the passage itself stays in view.
      var rects = mark.getClientRects();
      var rect = rects[rects.length - 1] || mark.getBoundingClientRect();
      for (var i = 0; pointerY !== undefined && i < rects.length; i++) {
        if (pointerY >= rects[i].top && pointerY <= rects[i].bottom) {
          rect = rects[i];
        }
      }
      var margin = 8;
      var width = card.offsetWidth;
      var height = card.offsetHeight;
      var viewW = document.documentElement.clientWidth;
      var left = Math.max(margin, Math.min(rect.left, viewW - width - margin));
      var below = rect.bottom + margin;
      var top = below + height > window.innerHeight && rect.top - margin - height > 0 ? rect.top - margin - height : below;
      card.style.left = left + window.scrollX + 'px';
      card.style.top = top + window.scrollY + 'px';
    }

    function show(mark, by, pointerY) {
      clearTimeout(state.hideTimer);
      var found = over(mark, data);
      if (found.length === 0) {
        return;
      }
      if (state.trigger !== mark || card.hidden) {
        content.textContent = '';
        found.forEach(function (a) {
          content.appendChild(cardItem(a, data.order.length));
        });
        if (found.length > 1) {
          content.insertBefore(
            el('p', { class: 'hl-card-overlap', text: found.length + ' annotations cover this passage.' }),
            content.firstChild
          );
        }
      }
      if (state.trigger) {
        state.trigger.classList.remove('is-active');
      }
      state.trigger = mark;
      state.by = by;
      mark.classList.add('is-active');
      card.hidden = false;
      place(mark, pointerY);
    }

    function hide() {
      clearTimeout(state.showTimer);
      clearTimeout(state.hideTimer);
      card.hidden = true;
      if (state.trigger) {
        state.trigger.classList.remove('is-active');
      }
      state.by = null;
    }

    /** Escape, the close button: back to the passage, card closed. */
    function dismiss() {
      var trigger = state.trigger;
      var inside = card.contains(document.activeElement);
      hide();
      if (inside && trigger && trigger.tabIndex === 0) {
        state.quiet = true;
        trigger.focus();
        state.quiet = false;
      }
    }

    function focusable() {
      return card.querySelectorAll('a[href], button');
    }

    // Pointer: a short delay both ways, so the card neither flickers while
    // the pointer crosses the text nor vanishes on the way to its links.
    var body = document.querySelector('.article-body');
    body.addEventListener('mouseover', function (e) {
      var mark = e.target.closest(MARK);
      if (!mark || card.contains(document.activeElement)) {
        return;
      }
      clearTimeout(state.hideTimer);
      clearTimeout(state.showTimer);
      var y = e.clientY;
      state.showTimer = setTimeout(function () {
        show(mark, 'hover', y);
      }, 150);
    });
    body.addEventListener('mouseout', function (e) {
      var to = e.relatedTarget;
      if (to && (to.closest(MARK) || card.contains(to))) {
        return;
      }
      clearTimeout(state.showTimer);
      if (state.by === 'hover') {
        state.hideTimer = setTimeout(hide, 400);
      }
    });
    card.addEventListener('mouseenter', function () {
      clearTimeout(state.hideTimer);
    });
    card.addEventListener('mouseleave', function (e) {
      if (state.by === 'hover' && !(e.relatedTarget && e.relatedTarget.closest && e.relatedTarget.closest(MARK))) {
        state.hideTimer = setTimeout(hide, 400);
      }
    });

    // Keyboard and touch: focusing a passage (Tab, n/p, a tap) shows its card.
    body.addEventListener('focusin', function (e) {
      var mark = e.target;
      if (!state.quiet && mark.matches && mark.matches(MARK) && mark.tabIndex === 0) {
        show(mark, 'focus');
        var a = data.byKey[mark.getAttribute('data-annotation')];
        state.current = a ? a.index : state.current;
      }
    });
    document.addEventListener('focusout', function () {
      setTimeout(function () {
        var now = document.activeElement;
        if (state.by === 'focus' && !card.contains(now) && !(now && now.matches && now.matches(MARK))) {
          hide();
        }
      }, 0);
    });
    body.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && e.target.matches(MARK) && e.target.tabIndex === 0) {
        e.preventDefault();
        show(e.target, 'focus');
        focusable()[0].focus();
      }
    });
    card.addEventListener('keydown', function (e) {
      if (e.key !== 'Tab') {
        return;
      }
      var links = focusable();
      var first = links[0];
      var last = links[links.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        state.trigger.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        // Back to the passage; the Tab itself then goes on from there.
        state.trigger.focus();
      }
    });
    close.addEventListener('click', dismiss);
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !card.hidden) {
        dismiss();
      }
    });
    // A click or tap on a passage shows the annotations right there, even
    // inside a longer passage whose first piece took the focus.
    body.addEventListener('click', function (e) {
      var mark = e.target.closest(MARK);
      if (mark) {
        show(mark, 'click', e.clientY);
      }
    });
    document.addEventListener('click', function (e) {
      if (!card.hidden && !card.contains(e.target) && !e.target.closest(MARK)) {
        hide();
      }
    });
    window.addEventListener('resize', function () {
      if (!card.hidden && state.trigger) {
        place(state.trigger);
      }
    });

    /**
     * A smooth scroll (to a #a-… target, or by n/p) may still be under way
     * when the card is shown: place it again where the passage comes to rest.
     */
    function settle(mark) {
      var done = false;
      function again() {
        if (done) {
          return;
        }
        done = true;
        window.removeEventListener('scrollend', again);
        if (!card.hidden && state.trigger === mark) {
          place(mark);
        }
      }
      window.addEventListener('scrollend', again);
      setTimeout(again, 'onscrollend' in window ? 1500 : 600);
    }

    return { show: show, hide: hide, settle: settle, state: state, el: card };
  }

  /** n and p: next and previous highlight in reading order, among those shown. */
  function keys(data, card, status) {
    var order = data.order;
    var state = card.state;
    state.current = -1;

    function typing(t) {
      return t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName));
    }

    // With no passage chosen yet, start from what is on screen.
    function start(step) {
      if (state.current >= 0) {
        return state.current;
      }
      for (var i = 0; i < order.length; i++) {
        if (order[i].first.getBoundingClientRect().top >= 0) {
          return step > 0 ? i - 1 : i;
        }
      }
      return step > 0 ? order.length - 1 : order.length;
    }

    document.addEventListener('keydown', function (e) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) {
        return;
      }
      var step = e.key === 'n' ? 1 : e.key === 'p' ? -1 : 0;
      if (!step) {
        return;
      }
      e.preventDefault();
      var shown = order.filter(function (a) {
        return !a.li.hidden;
      });
      var i = start(step) + step;
      while (i >= 0 && i < order.length && order[i].li.hidden) {
        i += step;
      }
      if (i < 0 || i >= order.length) {
        status.textContent = step > 0 ? 'No highlighted passage after this one.' : 'No highlighted passage before this one.';
        return;
      }
      var a = order[i];
      state.current = i;
      a.first.focus({ preventScroll: true });
      a.first.scrollIntoView({ block: 'center' });
      card.show(a.first, 'focus');
      card.settle(a.first);
      var claim = a.li.querySelector('.annotation-claim a');
      status.textContent =
        'Passage ' + (shown.indexOf(a) + 1) + ' of ' + shown.length + (claim ? ': ' + a.li.getAttribute('data-stance') + ', ' + claim.textContent : '');
    });
  }

  /** The filter bar: stance, claim, actor (speaker or channel). */
  function filters(list, data) {
    var order = data.all;
    function options(attr, nameOf) {
      var seen = {};
      var out = [];
      order.forEach(function (a) {
        attr.split(' ').forEach(function (at) {
          var v = a.li.getAttribute(at);
          if (v && !seen[v]) {
            seen[v] = { value: v, name: nameOf(a, at), count: 0 };
            out.push(seen[v]);
          }
          if (v) {
            seen[v].count += 1;
          }
        });
      });
      return out;
    }
    function text(a, sel) {
      var node = a.li.querySelector(sel);
      return node ? node.textContent.trim() : '';
    }
    var SYMBOL = { supports: '✓', disputes: '✗', context: '◇' };
    var stances = options('data-stance', function (a) {
      var s = a.li.getAttribute('data-stance');
      return SYMBOL[s] + ' ' + s;
    }).sort(function (x, y) {
      return Object.keys(SYMBOL).indexOf(x.value) - Object.keys(SYMBOL).indexOf(y.value);
    });
    var claims = options('data-claim', function (a) {
      return text(a, '.annotation-claim > a');
    });
    var actors = options('data-speaker data-via', function (a, at) {
      return text(a, at === 'data-speaker' ? '.said-by a' : '.via a');
    }).sort(function (x, y) {
      return x.name.localeCompare(y.name);
    });

    function select(id, label, all, opts) {
      var s = el('select', { id: id });
      s.appendChild(el('option', { value: '', text: all }));
      opts.forEach(function (o) {
        s.appendChild(el('option', { value: o.value, text: o.name + ' (' + o.count + ')' }));
      });
      return el('div', { class: 'ann-filter' }, [el('label', { for: id, text: label }), s]);
    }

    var count = el('p', { id: 'filter-count', class: 'filter-count', role: 'status' });
    var reset = el('button', { type: 'button', id: 'filter-reset', class: 'filter-reset', text: 'Show all' });
    var bar = el('div', { id: 'ann-filters', class: 'ann-filters', role: 'group', 'aria-labelledby': 'ann-filters-title' }, [
      el('p', { id: 'ann-filters-title', class: 'ann-filters-title', text: 'Filter the annotations' }),
      select('filter-stance', 'Stance', 'All stances', stances),
      select('filter-claim', 'Claim', 'All claims', claims),
      select('filter-actor', 'Actor (speaker or channel)', 'All actors', actors),
      reset,
      count
    ]);
    var controls = {
      stance: bar.querySelector('#filter-stance'),
      claim: bar.querySelector('#filter-claim'),
      actor: bar.querySelector('#filter-actor')
    };

    function apply() {
      var want = { stance: controls.stance.value, claim: controls.claim.value, actor: controls.actor.value };
      var shown = 0;
      order.forEach(function (a) {
        var li = a.li;
        var ok =
          (!want.stance || li.getAttribute('data-stance') === want.stance) &&
          (!want.claim || li.getAttribute('data-claim') === want.claim) &&
          (!want.actor || li.getAttribute('data-speaker') === want.actor || li.getAttribute('data-via') === want.actor);
        li.hidden = !ok;
        shown += ok ? 1 : 0;
        a.marks.concat(a.labels).forEach(function (m) {
          m.classList.toggle('is-dimmed', !ok);
        });
      });
      count.textContent = shown + ' of ' + order.length + ' shown';
      reset.disabled = shown === order.length;
    }
    ['stance', 'claim', 'actor'].forEach(function (k) {
      controls[k].addEventListener('change', apply);
    });
    reset.addEventListener('click', function () {
      controls.stance.value = controls.claim.value = controls.actor.value = '';
      apply();
      controls.stance.focus();
    });
    apply();
    list.parentNode.insertBefore(bar, list);
  }

  /** The keys, said where the reader sees the legend; only when they work. */
  function hint() {
    var legend = document.querySelector('.legend');
    if (!legend) {
      return;
    }
    function kbd(k) {
      return el('kbd', { text: k });
    }
    legend.parentNode.insertBefore(
      el('p', { id: 'keys-hint', class: 'keys-hint' }, [
        'Keys: ', kbd('n'), ' next passage, ', kbd('p'), ' previous; ', kbd('Enter'),
        ' on a passage opens its card, ', kbd('Esc'), ' closes it.'
      ]),
      legend.nextSibling
    );
  }

  ready(function () {
    fixLinks(document);
    initArticle();
  });
})();
