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

