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
    if (t instanceof Element && (t.closest('input, select, textarea, [contenteditable]'))) return;
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

  // Print: every section open, so that the notes print as footnotes and the fact sheets whole.
  var reopen = [];
  window.addEventListener('beforeprint', function () {
    closeCard(false);
    reopen = Array.prototype.filter.call(d.querySelectorAll('details:not([open])'), function (x) { return true; });
    for (var i = 0; i < reopen.length; i++) reopen[i].open = true;
  });
  window.addEventListener('afterprint', function () {
    for (var i = 0; i < reopen.length; i++) reopen[i].open = false;
    reopen = [];
  });

  d.documentElement.setAttribute('data-ready', '');
})();
