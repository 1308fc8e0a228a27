(function () {
  'use strict';
  // Filters toggle `hidden` on server-rendered findings.  Facet values are
  // small integers in data-* attributes, read once; nothing is rebuilt.
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
  var currentSort = 'doc';

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
    if (words.length && texts === null) texts = items.map(function (el) { return el.textContent.toLowerCase(); });
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var ok = true;
      for (var k = 0; ok && k < facets.length; k++) {
        var w = want[facets[k]];
        if (w !== null && index[i][facets[k]].indexOf(w) < 0) ok = false;
      }
      for (var j = 0; ok && j < words.length; j++) {
        if (texts[i].indexOf(words[j]) < 0) ok = false;
      }
      if (items[i].hidden === ok) items[i].hidden = !ok;
      if (ok) shown++;
    }
    shownEl.textContent = shown + ' of ' + items.length + ' findings shown';
    sortBy(state.sort);
    syncControls();
  }

  function sortBy(name) {
    var k = SORTS.indexOf(name);
    if (k < 0 || name === currentSort) return;
    var order = items.map(function (_, i) { return i; });
    order.sort(function (a, b) { return index[a].ord[k] - index[b].ord[k]; });
    var frag = document.createDocumentFragment();
    order.forEach(function (i) { frag.appendChild(items[i]); });
    list.appendChild(frag);
    currentSort = name;
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

  function update() { apply(); writeHash(); }

  function onHash() {
    var h = location.hash;
    if (h.indexOf('#f:') === 0) { state = fromHash(h); apply(); return; }
    var id = decodeURIComponent(h.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    // A link to a finding the filters hide shows that finding.
    var i = items.indexOf(el);
    if (i >= 0 && el.hidden) el.hidden = false;
    requestAnimationFrame(function () { el.scrollIntoView({ block: 'center' }); });
  }

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
