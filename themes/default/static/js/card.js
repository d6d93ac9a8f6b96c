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

