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
    ['.annotation-claim', '.translation', '.attribution', '.source-links', '.note'].forEach(function (sel) {
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

  /** The card's box, hidden and empty, last in `main`. */
  function cardBox(main) {
    var box = el('div', {
      id: 'hl-card',
      class: 'hl-card',
      role: 'dialog',
      'aria-label': 'Annotations on this passage',
      hidden: ''
    });
    var close = el('button', { type: 'button', class: 'hl-card-close', 'aria-label': 'Close' }, ['×']);
    var content = el('div', { class: 'hl-card-content' });
    // The close button comes last, so Enter lands on the first link.
    box.appendChild(content);
    box.appendChild(close);
    main.appendChild(box);
    return { el: box, content: content, close: close };
  }

  function placeCard(box, mark, pointerY) {
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
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var viewW = document.documentElement.clientWidth;
    var left = Math.max(margin, Math.min(rect.left, viewW - width - margin));
    var below = rect.bottom + margin;
    var top = below + height > window.innerHeight && rect.top - margin - height > 0 ? rect.top - margin - height : below;
    box.style.left = left + window.scrollX + 'px';
    box.style.top = top + window.scrollY + 'px';
  }

  /** One section per annotation, after a line saying how many when they overlap. */
  function fillCard(content, found, total) {
    content.textContent = '';
    found.forEach(function (a) {
      content.appendChild(cardItem(a, total));
    });
    if (found.length > 1) {
      content.insertBefore(
        el('p', { class: 'hl-card-overlap', text: found.length + ' annotations cover this passage.' }),
        content.firstChild
      );
    }
  }

  /**
   * The card, shown by pointer, keyboard and touch. Returns what the keys
   * and the page need: show, hide, dismiss, settle, its state and element.
   */
  function makeCard(main, data) {
    var parts = cardBox(main);
    var box = parts.el;
    var state = { trigger: null, by: null, showTimer: 0, hideTimer: 0 };

    function show(mark, by, pointerY) {
      clearTimeout(state.hideTimer);
      var found = over(mark, data);
      if (found.length === 0) {
        return;
      }
      if (state.trigger !== mark || box.hidden) {
        fillCard(parts.content, found, data.order.length);
      }
      if (state.trigger) {
        state.trigger.classList.remove('is-active');
      }
      state.trigger = mark;
      state.by = by;
      mark.classList.add('is-active');
      box.hidden = false;
      placeCard(box, mark, pointerY);
    }

    function hide() {
      clearTimeout(state.showTimer);
      clearTimeout(state.hideTimer);
      box.hidden = true;
      if (state.trigger) {
        state.trigger.classList.remove('is-active');
      }
      state.by = null;
    }

    /** Escape, the close button: back to the passage, card closed. */
    function dismiss() {
      var trigger = state.trigger;
      var inside = box.contains(document.activeElement);
      hide();
      if (inside && trigger && trigger.tabIndex === 0) {
        state.quiet = true;
        trigger.focus();
        state.quiet = false;
      }
    }

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
        if (!box.hidden && state.trigger === mark) {
          placeCard(box, mark);
        }
      }
      window.addEventListener('scrollend', again);
      setTimeout(again, 'onscrollend' in window ? 1500 : 600);
    }

    var card = { show: show, hide: hide, dismiss: dismiss, settle: settle, state: state, el: box };
    var body = document.querySelector('.article-body');
    cardPointer(card, body);
    cardKeyboard(card, body, data);
    parts.close.addEventListener('click', dismiss);
    return card;
  }

  /** Hover, click and tap. */
  function cardPointer(card, body) {
    var state = card.state;
    var box = card.el;
    // A short delay both ways, so the card neither flickers while the
    // pointer crosses the text nor vanishes on the way to its links.
    body.addEventListener('mouseover', function (e) {
      var mark = e.target.closest(MARK);
      if (!mark || box.contains(document.activeElement)) {
        return;
      }
      clearTimeout(state.hideTimer);
      clearTimeout(state.showTimer);
      var y = e.clientY;
      state.showTimer = setTimeout(function () {
        card.show(mark, 'hover', y);
      }, 150);
    });
    body.addEventListener('mouseout', function (e) {
      var to = e.relatedTarget;
      if (to && (to.closest(MARK) || box.contains(to))) {
        return;
      }
      clearTimeout(state.showTimer);
      if (state.by === 'hover') {
        state.hideTimer = setTimeout(card.hide, 400);
      }
    });
    box.addEventListener('mouseenter', function () {
      clearTimeout(state.hideTimer);
    });
    box.addEventListener('mouseleave', function (e) {
      if (state.by === 'hover' && !(e.relatedTarget && e.relatedTarget.closest && e.relatedTarget.closest(MARK))) {
        state.hideTimer = setTimeout(card.hide, 400);
      }
    });
    // A click or tap on a passage shows the annotations right there, even
    // inside a longer passage whose first piece took the focus.
    body.addEventListener('click', function (e) {
      var mark = e.target.closest(MARK);
      if (mark) {
        card.show(mark, 'click', e.clientY);
      }
    });
    document.addEventListener('click', function (e) {
      if (!box.hidden && !box.contains(e.target) && !e.target.closest(MARK)) {
        card.hide();
      }
    });
    window.addEventListener('resize', function () {
      if (!box.hidden && state.trigger) {
        placeCard(box, state.trigger);
      }
    });
  }

  /** Keyboard and touch: focusing a passage (Tab, n/p, a tap) shows its card. */
  function cardKeyboard(card, body, data) {
    var state = card.state;
    var box = card.el;
    function focusable() {
      return box.querySelectorAll('a[href], button');
    }
    body.addEventListener('focusin', function (e) {
      var mark = e.target;
      if (!state.quiet && mark.matches && mark.matches(MARK) && mark.tabIndex === 0) {
        card.show(mark, 'focus');
        var a = data.byKey[mark.getAttribute('data-annotation')];
        state.current = a ? a.index : state.current;
      }
    });
    document.addEventListener('focusout', function () {
      setTimeout(function () {
        var now = document.activeElement;
        if (state.by === 'focus' && !box.contains(now) && !(now && now.matches && now.matches(MARK))) {
          card.hide();
        }
      }, 0);
    });
    body.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && e.target.matches(MARK) && e.target.tabIndex === 0) {
        e.preventDefault();
        card.show(e.target, 'focus');
        focusable()[0].focus();
      }
    });
    box.addEventListener('keydown', function (e) {
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
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !box.hidden) {
        card.dismiss();
      }
    });
  }

