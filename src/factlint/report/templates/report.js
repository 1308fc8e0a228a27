(function () {
  'use strict';
  // Filters and paging toggle `hidden` on server-rendered findings; facet values
  // are small integers in data-* attributes, read once; nothing is rebuilt.
  // Sorting never moves nodes: the list is a flex column and only the shown
  // page's items get a CSS `order`, so 5,000 findings sort without a freeze.
  // A collapsed finding keeps its details in a template element (parsed, never laid
  // out or counted in the live DOM) until it is opened.
  var FACETS = ['sev', 'kind', 'entity', 'metric', 'source', 'status'];
  var SORTS = ['doc', 'severity', 'entity'];
  var list = document.getElementById('finding-list');
  var items = Array.prototype.slice.call(list.children);
  var shownEl = document.getElementById('shown');
  var searchEl = document.getElementById('flt-q');
  var sortEl = document.getElementById('flt-sort');
  var selects = {};
  var nameToIndex = {};
  FACETS.forEach(function (f) {
    var el = document.getElementById('flt-' + f);
    if (!el) return;
    selects[f] = el;
    nameToIndex[f] = {};
    Array.prototype.forEach.call(el.options, function (o) {
      if (o.value !== '' || o.hasAttribute('data-i')) nameToIndex[f][o.value] = o.getAttribute('data-i');
    });
  });
  var facets = Object.keys(selects);
  var index = items.map(function (el) {
    var d = {};
    facets.forEach(function (f) { d[f] = (el.getAttribute('data-' + f) || '').split(' '); });
    d.ord = el.getAttribute('data-ord').split(' ').map(Number);
    return d;
  });
  var texts = null; // lower-cased finding text, built on the first search
  var state = blank();
  var pager = document.getElementById('pager');
  var pageSize = Number(pager.getAttribute('data-size')) || 100;
  var page = 0;
  var matching = []; // indexes of the findings the filters let through, in sort order
  var expanded = null; // null: as rendered; true/false: the "Expand all" choice
  var printing = false;

  function blank() {
    var s = { q: '', sort: 'doc' };
    facets.forEach(function (f) { s[f] = ''; });
    return s;
  }

  function apply() {
    var want = {};
    facets.forEach(function (f) {
      want[f] = state[f] === '' ? null : (nameToIndex[f][state[f]] == null ? '-' : nameToIndex[f][state[f]]);
    });
    var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && texts === null) {
      texts = items.map(function (el) {
        var t = el.querySelector('template.body');
        return (el.textContent + ' ' + (t ? t.content.textContent : '')).toLowerCase();
      });
    }
    matching = [];
    for (var i = 0; i < items.length; i++) {
      var ok = true;
      for (var k = 0; ok && k < facets.length; k++) {
        var w = want[facets[k]];
        if (w !== null && index[i][facets[k]].indexOf(w) < 0) ok = false;
      }
      for (var j = 0; ok && j < words.length; j++) {
        if (texts[i].indexOf(words[j]) < 0) ok = false;
      }
      if (ok) matching.push(i);
    }
    var s = SORTS.indexOf(state.sort);
    matching.sort(function (a, b) { return index[a].ord[s] - index[b].ord[s]; });
    shownEl.textContent = matching.length + ' of ' + items.length + ' findings shown';
    showPage();
    syncControls();
  }

  function materialise(li) {
    var t = li.querySelector('template.body');
    if (t) { t.parentNode.appendChild(t.content); t.parentNode.removeChild(t); }
  }
  // `toggle` does not bubble; a capturing listener on the list sees every finding's.
  list.addEventListener('toggle', function (ev) {
    if (ev.target.open) materialise(ev.target.parentNode);
  }, true);

  function pages() { return Math.max(1, Math.ceil(matching.length / pageSize)); }

  function showPage() {
    page = Math.min(Math.max(page, 0), pages() - 1);
    var from = printing ? 0 : page * pageSize;
    var to = printing ? matching.length : from + pageSize;
    var on = new Uint8Array(items.length);
    for (var p = from; p < to && p < matching.length; p++) {
      var el = items[matching[p]];
      on[matching[p]] = 1;
      el.style.order = String(p - from);
      if (expanded !== null || printing) {
        if (printing || expanded) materialise(el);
        el.firstElementChild.open = printing || expanded;
      }
    }
    for (var i = 0; i < items.length; i++) {
      if (items[i].hidden === !!on[i]) items[i].hidden = !on[i];
    }
    pager.hidden = matching.length <= pageSize;
    document.getElementById('page').textContent = 'page ' + (page + 1) + ' of ' + pages();
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page >= pages() - 1;
  }

  function syncControls() {
    facets.forEach(function (f) { selects[f].value = state[f]; if (selects[f].value !== state[f]) selects[f].value = ''; });
    if (document.activeElement !== searchEl) searchEl.value = state.q;
    sortEl.value = state.sort;
    Array.prototype.forEach.call(document.querySelectorAll('a.chip'), function (a) {
      a.classList.toggle('on', state[a.getAttribute('data-facet')] === a.getAttribute('data-name'));
    });
  }

  function toHash() {
    var p = new URLSearchParams();
    facets.forEach(function (f) { if (state[f]) p.set(f, state[f]); });
    if (state.q) p.set('q', state.q);
    if (state.sort !== 'doc') p.set('sort', state.sort);
    var s = p.toString();
    return s ? '#f:' + s : '';
  }

  function fromHash(hash) {
    var p = new URLSearchParams(hash.slice(3));
    var s = blank();
    facets.forEach(function (f) { s[f] = p.get(f) || ''; });
    s.q = p.get('q') || '';
    s.sort = SORTS.indexOf(p.get('sort')) >= 0 ? p.get('sort') : 'doc';
    return s;
  }

  function writeHash() {
    var h = toHash();
    if (h === location.hash || (h === '' && location.hash === '')) return;
    var url = h || location.pathname + location.search;
    try { history.replaceState(null, '', url); } catch (e) { location.replace(h || '#'); }
  }

  function update() { page = 0; apply(); writeHash(); }

  function onHash() {
    var h = location.hash;
    if (h.indexOf('#f:') === 0) { state = fromHash(h); apply(); return; }
    var id = decodeURIComponent(h.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    // A link to a finding shows it: on its page, or with the filters cleared when they hide it.
    var i = items.indexOf(el.closest('li.finding'));
    if (i >= 0) {
      if (matching.indexOf(i) < 0) { state = blank(); apply(); }
      page = Math.floor(matching.indexOf(i) / pageSize);
      showPage();
    }
    var d = i >= 0 && el.matches('li.finding') ? el.firstElementChild : el.closest('details');
    if (i >= 0) materialise(items[i]);
    if (d && !d.open) d.open = true;
    requestAnimationFrame(function () { el.scrollIntoView({ block: 'center' }); });
  }

  document.getElementById('prev').addEventListener('click', function () { page--; showPage(); list.scrollIntoView(); });
  document.getElementById('next').addEventListener('click', function () { page++; showPage(); list.scrollIntoView(); });
  var expandEl = document.getElementById('expand');
  expandEl.addEventListener('click', function () {
    expanded = expandEl.textContent === 'Expand all';
    expandEl.textContent = expanded ? 'Collapse all' : 'Expand all';
    showPage();
  });
  // Print every filtered finding, expanded; then back to the page as it was.
  var before = null;
  window.addEventListener('beforeprint', function () {
    before = items.map(function (el) { return el.firstElementChild.open; });
    printing = true; showPage();
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    if (before) items.forEach(function (el, i) { el.firstElementChild.open = before[i]; });
    showPage();
  });
  document.getElementById('print').addEventListener('click', function () { window.print(); });

  facets.forEach(function (f) {
    selects[f].addEventListener('change', function () { state[f] = selects[f].value; update(); });
  });
  sortEl.addEventListener('change', function () { state.sort = sortEl.value; update(); });
  var timer = 0;
  searchEl.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = searchEl.value.trim(); update(); }, 150);
  });
  document.getElementById('flt-reset').addEventListener('click', function () { state = blank(); update(); });
  document.getElementById('summary').addEventListener('click', function (ev) {
    var a = ev.target.closest('a.chip');
    if (!a) return;
    ev.preventDefault();
    var f = a.getAttribute('data-facet');
    var v = a.getAttribute('data-name');
    state[f] = state[f] === v ? '' : v;
    update();
    document.getElementById('findings').scrollIntoView();
  });
  window.addEventListener('hashchange', onHash);
  if (location.hash.indexOf('#f:') === 0) onHash(); else apply();
})();
