'use strict';
// copydesk report: finding cards, places in the text, filters, keys, print.
// One listener per kind of event on the document (delegation), nothing per highlight; nothing
// is computed at load beyond finding a few elements, so a long report is interactive at once.
(function () {
  var d = document;
  var pop = d.getElementById('pop');
  var keys = d.getElementById('keys');
  var canHighlight = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
  var current = null;       // the highlight whose card is open
  var returnTo = null;      // where Escape sends focus back to
  var anchorList = null;    // focusable highlights in order, visible ones only (cache)
  var placeButton = null;   // the fact-sheet entry last clicked, and which of its places is shown
  var placeIndex = 0;

  // ---- byte ranges of the article -> DOM ranges ---------------------------------------
  // The article's text nodes are its bytes in order; every block carries data-o, its offset.
  var blockCache = new Map();
  function blocks(article) {
    var list = blockCache.get(article);
    if (!list) {
      list = [];
      var els = article.querySelectorAll('[data-o]');
      for (var i = 0; i < els.length; i++) list.push([Number(els[i].getAttribute('data-o')), els[i]]);
      blockCache.set(article, list);
    }
    return list;
  }
  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }
  function utf16Index(s, bytes) {
    var i = 0, b = 0;
    while (i < s.length && b < bytes) {
      var c = s.charCodeAt(i);
      if (c < 0x80) { b += 1; i += 1; }
      else if (c < 0x800) { b += 2; i += 1; }
      else if (c >= 0xd800 && c < 0xdc00) { b += 4; i += 2; }
      else { b += 3; i += 1; }
    }
    return i;
  }
  function rangeOf(article, start, end) {
    var list = blocks(article);
    var lo = 0, hi = list.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] <= start) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    var pos = at >= 0 ? list[at][0] : 0;
    var walker = d.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    walker.currentNode = at >= 0 ? list[at][1] : article;
    var range = d.createRange();
    var started = false, node;
    while ((node = walker.nextNode())) {
      var len = utf8Length(node.data);
      if (!started && pos + len > start) {
        range.setStart(node, utf16Index(node.data, start - pos));
        started = true;
      }
      if (started && pos + len >= end) {
        range.setEnd(node, utf16Index(node.data, end - pos));
        return range;
      }
      pos += len;
    }
    return started ? range : null;
  }
  function articleOf(file) {
    return d.querySelector('#file-' + file + ' article.text');
  }
  function rangesOf(button) {
    var article = articleOf(button.getAttribute('data-file'));
    var out = [];
    if (!article) return out;
    var parts = (button.getAttribute('data-at') || '').split(' ');
    for (var i = 0; i < parts.length; i++) {
      var se = parts[i].split('-');
      if (se.length !== 2) continue;
      var r = rangeOf(article, Number(se[0]), Number(se[1]));
      if (r) out.push(r);
    }
    return out;
  }
  function setHighlight(name, ranges) {
    if (!canHighlight) return;
    if (ranges && ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
    else CSS.highlights.delete(name);
  }
  function scrollToRange(range) {
    var rect = range.getBoundingClientRect();
    if (rect.height > 0 || rect.width > 0) {
      window.scrollTo({ top: Math.max(0, rect.top + window.scrollY - window.innerHeight / 3), behavior: 'instant' });
    } else {
      var el = range.startContainer.parentElement;
      while (el && el.closest('.mk')) el = el.parentElement;
      if (el) el.scrollIntoView({ block: 'center' });
    }
  }

  // ---- fact-sheet entries and related places: highlight their places, scroll to them -----
  function showPlaces(button) {
    var ranges = rangesOf(button);
    if (!ranges.length) return;
    placeIndex = button === placeButton ? (placeIndex + 1) % ranges.length : 0;
    if (placeButton) placeButton.classList.remove('on');
    placeButton = button;
    button.classList.add('on');
    setHighlight('place', ranges);
    setHighlight('place-current', [ranges[placeIndex]]);
    button.setAttribute('aria-description',
      ranges.length > 1 ? 'place ' + (placeIndex + 1) + ' of ' + ranges.length + ' shown; press again for the next' : 'shown in the text');
    scrollToRange(ranges[placeIndex]);
  }

  // ---- finding cards -----------------------------------------------------------------
  function findingIds(el) {
    return (el.getAttribute('data-f') || '').split(' ').filter(Boolean);
  }
  function closeCard(restoreFocus) {
    if (current) current.classList.remove('current');
    var notes = d.querySelectorAll('li.note.current');
    for (var i = 0; i < notes.length; i++) notes[i].classList.remove('current');
    pop.hidden = true;
    pop.replaceChildren();
    setHighlight('related', null);
    if (restoreFocus && returnTo && d.contains(returnTo)) returnTo.focus();
    current = null;
    returnTo = null;
  }
  function openCard(el, moveFocus) {
    var ids = findingIds(el);
    pop.replaceChildren();
    var close = d.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.setAttribute('aria-label', 'Close');
    close.textContent = '×';
    pop.append(close);
    var related = [];
    var notes = d.querySelectorAll('li.note.current');
    for (var n = 0; n < notes.length; n++) notes[n].classList.remove('current');
    for (var i = 0; i < ids.length; i++) {
      var li = d.getElementById(ids[i]);
      if (!li || li.classList.contains('off')) continue;
      li.classList.add('current');
      var card = li.querySelector('.card').cloneNode(true);
      var doc = d.getElementById('rule-' + li.getAttribute('data-rule'));
      var summary = doc && doc.querySelector('.summary');
      if (summary) {
        var help = d.createElement('p');
        help.className = 'help';
        help.textContent = summary.textContent;
        var more = card.querySelector('.related');
        card.insertBefore(help, more);
      }
      var wrap = d.createElement('div');
      wrap.className = 'pop-card';
      wrap.setAttribute('data-for', ids[i]);
      wrap.append(card);
      pop.append(wrap);
      var places = li.querySelectorAll('.related button.place');
      for (var p = 0; p < places.length; p++) related.push.apply(related, rangesOf(places[p]));
    }
    if (pop.childElementCount < 2) { closeCard(false); return; }
    if (current && current !== el) current.classList.remove('current');
    current = el;
    el.classList.add('current');
    setHighlight('related', related);
    pop.hidden = false;
    place(el);
    if (moveFocus) {
      returnTo = el;
      pop.tabIndex = -1;
      pop.focus();
    }
  }
  function place(el) {
    var r = el.getBoundingClientRect();
    pop.style.left = '0px';
    pop.style.top = '0px';
    var w = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    pop.style.left = (left + window.scrollX) + 'px';
    pop.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  // ---- next / previous finding -------------------------------------------------------
  function anchors() {
    if (!anchorList) {
      anchorList = Array.prototype.filter.call(
        d.querySelectorAll('article.text a.hl'),
        function (a) { return !a.classList.contains('off'); });
    }
    return anchorList;
  }
  function move(step) {
    var list = anchors();
    if (!list.length) return;
    var at = list.indexOf(d.activeElement);
    if (at < 0 && current) at = list.indexOf(current);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step;
    if (next < 0 || next >= list.length) return;
    var el = list[next];
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
    openCard(el, false);
  }
  function goToFinding(id) {
    var el = d.getElementById('h' + id.slice(1));
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
    openCard(el, false);
  }

  // ---- fact sheets: built from their data when a section is first opened --------------
  // The data holds positions, names and values; quoted words come from the article itself.
  var CHUNK = 300;
  var factsCache = new Map();
  function factsOf(file) {
    if (!factsCache.has(file)) {
      var script = d.getElementById('facts-' + file);
      var data = null;
      try { data = script ? JSON.parse(script.textContent) : null; } catch (err) { data = null; }
      factsCache.set(file, data);
    }
    return factsCache.get(file);
  }
  function make(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function placeButtonFor(file, at, label) {
    var b = make('button', 'place', label);
    b.type = 'button';
    b.setAttribute('data-file', file);
    b.setAttribute('data-at', at);
    return b;
  }
  function shorten(s, max) {
    var chars = Array.from(s.replace(/\s+/g, ' ').trim());
    return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
  }
  function textAt(article, start, end) {
    var r = rangeOf(article, start, end);
    return r ? r.toString() : '';
  }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  var builders = {
    people: function (file, article, data, p) {
      // [name, title, note, in registry, named in full, [start, end, ...], [quote indices]]
      var li = make('li', p[4] ? 'person' : 'person flag');
      var at = [], forms = [];
      for (var i = 0; i + 1 < p[5].length; i += 2) {
        at.push(p[5][i] + '-' + p[5][i + 1]);
        var form = shorten(textAt(article, p[5][i], p[5][i + 1]), 60);
        if (forms.indexOf(form) < 0) forms.push(form);
      }
      li.append(placeButtonFor(file, at.join(' '), p[0]));
      if (p[3]) {
        var tag = make('span', 'tag', 'registry');
        tag.title = 'In the [[people]] registry of copydesk.toml';
        li.append(' ', tag);
      }
      if (!p[4]) li.append(' ', make('span', 'flagged', 'never named in full'));
      if (p[1]) li.append(make('span', 'title', p[1]));
      li.append(make('span', 'meta', plural(at.length, 'mention', 'mentions') + ': ' + shorten(forms.join(', '), 120)));
      if (p[6].length) {
        var qs = [];
        for (var q = 0; q < p[6].length; q++) {
          var quote = data.quotes[p[6][q]];
          if (quote) qs.push(quote[0] + '-' + quote[1]);
        }
        var meta = make('span', 'meta');
        meta.append(placeButtonFor(file, qs.join(' '), plural(p[6].length, 'quote', 'quotes')));
        li.append(meta);
      }
      if (p[2]) li.append(make('span', 'meta note-text', p[2]));
      return li;
    },
    quotes: function (file, article, data, q) {
      // [start, end, speaker, cue, via, closed, parent or -1]
      var li = make('li', q[2] ? 'quote' : 'quote flag');
      li.append(placeButtonFor(file, q[0] + '-' + q[1], shorten(textAt(article, q[0], q[1]), 140)));
      var meta = make('span', 'meta');
      if (q[2]) {
        meta.append(make('span', 'speaker', q[2]));
        if (q[3]) meta.append(' ', make('span', 'cue', '(' + q[3] + ')'));
        if (q[4] !== 'named') meta.append(' ', make('span', 'via', 'via ' + q[4]));
      } else {
        meta.append(make('span', 'flagged', 'no speaker'));
      }
      if (!q[5]) meta.append(' ', make('span', 'flagged', 'never closed'));
      if (q[6] >= 0) meta.append(' ', make('span', 'via', 'inside quote ' + (q[6] + 1)));
      li.append(meta);
      return li;
    },
    figures: function (file, article, data, f) {
      // [start, end, value with its unit, kind, counts]
      var tr = make('tr');
      var td = make('td');
      td.append(placeButtonFor(file, f[0] + '-' + f[1], shorten(textAt(article, f[0], f[1]), 60)));
      tr.append(td, make('td', null, f[2]), make('td', null, f[3]), make('td', null, f[4] || ''));
      return tr;
    }
  };
  function buildList(div, all) {
    var section = div.closest('section.file');
    var file = section && section.getAttribute('data-file');
    var data = file !== null && factsOf(file);
    var kind = div.getAttribute('data-list');
    if (!data || !data[kind] || !builders[kind]) return;
    var items = data[kind];
    var article = articleOf(file);
    var entries = div.querySelector('.entries');
    if (!entries) {
      div.replaceChildren();
      if (kind === 'figures') {
        var table = make('table', 'facts');
        var head = make('tr');
        ['Text', 'Value', 'Kind', 'Counts'].forEach(function (h) {
          var th = make('th', null, h);
          th.scope = 'col';
          head.append(th);
        });
        var thead = make('thead');
        thead.append(head);
        entries = make('tbody', 'entries');
        table.append(thead, entries);
        div.append(table);
      } else {
        entries = make(kind === 'quotes' ? 'ol' : 'ul', 'facts entries');
        div.append(entries);
      }
      div.setAttribute('data-done', '0');
    }
    var from = Number(div.getAttribute('data-done'));
    var to = all ? items.length : Math.min(items.length, from + CHUNK);
    var frag = d.createDocumentFragment();
    for (var i = from; i < to; i++) frag.append(builders[kind](file, article, data, items[i]));
    entries.append(frag);
    div.setAttribute('data-done', String(to));
    var more = div.querySelector('button.more');
    if (to < items.length) {
      if (!more) {
        more = make('button', 'more');
        more.type = 'button';
        div.append(more);
      }
      more.textContent = 'Show ' + Math.min(CHUNK, items.length - to) + ' more (' + (items.length - to) + ' not shown yet)';
    } else if (more) {
      more.remove();
    }
  }
  function buildOpenLists() {
    var lists = d.querySelectorAll('details[open] > .list[data-list]:not([data-done])');
    for (var i = 0; i < lists.length; i++) buildList(lists[i], false);
  }

  // ---- filters -----------------------------------------------------------------------
  var SEV = ['s-error', 's-warning', 's-information', 's-hint'];
  function applyFilters() {
    var form = d.getElementById('filters');
    var sev = new Set(), rule = new Set();
    var inputs = form.querySelectorAll('input[type=checkbox]');
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i].checked) continue;
      (inputs[i].name === 'sev' ? sev : rule).add(inputs[i].value);
    }
    var on = new Map();
    var notes = d.querySelectorAll('li.note');
    var shown = 0;
    for (var n = 0; n < notes.length; n++) {
      var li = notes[n];
      var ok = sev.has(li.getAttribute('data-sev')) && rule.has(li.getAttribute('data-rule'));
      li.classList.toggle('off', !ok);
      li.hidden = !ok;
      if (ok) { on.set(li.id, 's-' + li.getAttribute('data-sev')); shown++; }
    }
    var marks = d.querySelectorAll('article.text .hl');
    for (var m = 0; m < marks.length; m++) {
      var el = marks[m];
      var worst = 4;
      var ids = findingIds(el);
      for (var k = 0; k < ids.length; k++) {
        var s = on.get(ids[k]);
        if (s !== undefined) worst = Math.min(worst, SEV.indexOf(s));
      }
      el.classList.toggle('off', worst === 4);
      if (worst < 4) {
        for (var c = 0; c < SEV.length; c++) el.classList.toggle(SEV[c], c === worst);
      }
    }
    var status = d.getElementById('shown');
    if (status) status.textContent = shown === notes.length ? '' : 'Showing ' + shown + ' of ' + notes.length + ' findings';
    anchorList = null;
    closeCard(false);
  }

  // ---- events ------------------------------------------------------------------------
  d.addEventListener('click', function (e) {
    var t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    if (t.closest('#pop .close')) { closeCard(true); return; }
    var hl = t.closest('article.text .hl');
    if (hl && !hl.classList.contains('off')) {
      e.preventDefault();
      openCard(hl, e.detail === 0);
      return;
    }
    var moreBtn = t.closest('.list button.more');
    if (moreBtn) { buildList(moreBtn.parentElement, false); return; }
    var placeBtn = t.closest('button.place');
    if (placeBtn) { showPlaces(placeBtn); return; }
    var back = t.closest('li.note a.back');
    if (back) { e.preventDefault(); goToFinding(back.closest('li.note').id); return; }
    var note = t.closest('li.note');
    if (note && !t.closest('a, button')) { goToFinding(note.id); return; }
    if (!t.closest('#pop')) closeCard(false);
  });
  d.addEventListener('focusin', function (e) {
    var t = e.target;
    if (t instanceof Element && t.matches('article.text a.hl') && !t.classList.contains('off') && t !== current) {
      openCard(t, false);
    }
  });
  d.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      if (!pop.hidden) { closeCard(true); e.preventDefault(); }
      return;
    }
    var t = e.target;
    // Keys are letters: leave them to fields that take text.
    if (t instanceof Element && t.closest('input:not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable]')) return;
    switch (e.key) {
      case 'j': case 'n': move(1); break;
      case 'k': case 'p': move(-1); break;
      case '?': if (keys) { keys.hidden = !keys.hidden; } break;
      default: return;
    }
    e.preventDefault();
  });
  var filters = d.getElementById('filters');
  if (filters) {
    filters.addEventListener('change', applyFilters);
    filters.addEventListener('submit', function (e) { e.preventDefault(); });
  }
  window.addEventListener('resize', function () { if (current) place(current); });
  // `toggle` does not bubble: listen in the capture phase.
  d.addEventListener('toggle', function (e) {
    var t = e.target;
    if (t instanceof HTMLDetailsElement && t.open) {
      var list = t.querySelector(':scope > .list[data-list]:not([data-done])');
      if (list) buildList(list, false);
    }
  }, true);

  // Print: every section open, so that the notes print as footnotes and the fact sheets whole.
  var reopen = [];
  window.addEventListener('beforeprint', function () {
    closeCard(false);
    reopen = Array.prototype.slice.call(d.querySelectorAll('details:not([open])'));
    for (var i = 0; i < reopen.length; i++) reopen[i].open = true;
    var lists = d.querySelectorAll('.list[data-list]');
    for (var j = 0; j < lists.length; j++) buildList(lists[j], true);
  });
  window.addEventListener('afterprint', function () {
    for (var i = 0; i < reopen.length; i++) reopen[i].open = false;
    reopen = [];
  });

  buildOpenLists();
  d.documentElement.setAttribute('data-ready', '');
})();
