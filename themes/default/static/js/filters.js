  /** Each filter's choices, as the list has them: value, name and count. */
  function filterChoices(order) {
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
    return { stances: stances, claims: claims, actors: actors };
  }

  /** A labelled select: "All …", then each choice with its count. */
  function filterSelect(id, label, all, opts) {
    var s = el('select', { id: id });
    s.appendChild(el('option', { value: '', text: all }));
    opts.forEach(function (o) {
      s.appendChild(el('option', { value: o.value, text: o.name + ' (' + o.count + ')' }));
    });
    return el('div', { class: 'ann-filter' }, [el('label', { for: id, text: label }), s]);
  }

  /** The filter bar: stance, claim, actor (speaker or channel). */
  function filters(list, data) {
    var order = data.all;
    var choices = filterChoices(order);
    var count = el('p', { id: 'filter-count', class: 'filter-count', role: 'status' });
    var reset = el('button', { type: 'button', id: 'filter-reset', class: 'filter-reset', text: 'Show all' });
    var bar = el('div', { id: 'ann-filters', class: 'ann-filters', role: 'group', 'aria-labelledby': 'ann-filters-title' }, [
      el('p', { id: 'ann-filters-title', class: 'ann-filters-title', text: 'Filter the annotations' }),
      filterSelect('filter-stance', 'Stance', 'All stances', choices.stances),
      filterSelect('filter-claim', 'Claim', 'All claims', choices.claims),
      filterSelect('filter-actor', 'Actor (speaker or channel)', 'All actors', choices.actors),
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

