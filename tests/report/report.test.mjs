// The HTML report in a real browser (Debian's chromium, headless, driven by playwright-core):
// the bundled example and a folder of invented articles, checked against `check --format json`
// and `facts --format json` of the same files.
//
//   COPYDESK_BIN=target/debug/copydesk node --test tests/report/report.test.mjs
//
// Every request the page makes other than the page itself is refused and fails the test; so
// does any console error (a Content-Security-Policy violation is one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, guardRequests, run } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = process.env.COPYDESK_BIN
  ? path.resolve(process.env.COPYDESK_BIN)
  : path.join(repo, 'target', 'debug', 'copydesk');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-report-test-'));
let browser;

/** Runs copydesk in the repository; exit codes 0 and 1 are both "it worked". */
async function copydesk(args, { ok = [0, 1] } = {}) {
  const r = await run(bin, args, { cwd: repo });
  assert.ok(ok.includes(r.code), `copydesk ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** The bytes `start..end` of `text` (UTF-8), as a string. */
function slice(text, start, end) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

/** Opens `file` in a new page with every other request refused; console errors are collected. */
async function open(file) {
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (req) => {
    if (req.url() !== url) problems.push(`request: ${req.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
  return { page, problems, url };
}

async function closePage({ page, problems }) {
  await page.close();
  assert.deepEqual(problems, [], 'no console error, no request but the page');
  assert.deepEqual(browser.refused, [], 'no request left the page');
}

let example; // { html, text, json, facts }
let folder; // { html, json, texts }

before(async () => {
  assert.ok(fs.existsSync(bin), `no copydesk binary at ${bin}: cargo build`);
  // The bundled example.
  const exArgs = ['check', 'examples/nato-summit.md', '--config', 'examples/copydesk.toml'];
  const exHtml = path.join(work, 'example.html');
  await copydesk([...exArgs, '--format', 'html', '--output', exHtml]);
  example = {
    html: exHtml,
    text: fs.readFileSync(path.join(repo, 'examples/nato-summit.md'), 'utf8'),
    json: JSON.parse((await copydesk([...exArgs, '--format', 'json'])).stdout),
    facts: JSON.parse(
      (await copydesk(['facts', 'examples/nato-summit.md', '--config', 'examples/copydesk.toml', '--format', 'json']))
        .stdout,
    ),
  };
  // A folder: invented articles (one hostile), its own copydesk.toml, and a file that cannot be
  // checked.
  const dir = path.join(work, 'desk');
  fs.cpSync(path.join(here, 'fixtures', 'desk'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'zz-scan.txt'), Buffer.from('scan\0\0\0binary'));
  const fHtml = path.join(work, 'folder.html');
  const r = await run(bin, ['check', dir, '--format', 'html', '--output', fHtml]);
  assert.equal(r.code, 2, 'a file that cannot be checked makes the exit code 2');
  const json = JSON.parse((await run(bin, ['check', dir, '--format', 'json'])).stdout);
  folder = {
    html: fHtml,
    json,
    texts: json.files.map((f) => (f.error ? null : fs.readFileSync(f.path, 'utf8'))),
  };

  const { context, close } = await launch();
  browser = { context, close, refused: [] };
  // Everything but file:// pages of this test is refused (and recorded).
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(pathToFileURL(work).href)) return route.continue();
    browser.refused.push(u);
    return route.abort('blockedbyclient');
  });
});

after(async () => {
  if (browser) await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The text of each finding's highlighted pieces, the article's text, and the anchors. */
async function highlights(page, file) {
  return page.evaluate((file) => {
    const article = document.querySelector(`#file-${file} article.text`);
    const pieces = {};
    for (const el of article.querySelectorAll('.hl')) {
      for (const id of el.dataset.f.split(' ')) pieces[id] = (pieces[id] || '') + el.textContent;
    }
    const anchors = {};
    for (const a of article.querySelectorAll('a.hl[id]')) {
      const st = getComputedStyle(a);
      anchors[a.id] = {
        tag: a.tagName,
        underline: st.textDecorationLine,
        visible: a.getClientRects().length > 0,
        icon: getComputedStyle(a, '::before').content,
      };
    }
    for (const s of article.querySelectorAll('span[id^="h"]')) anchors[s.id] = { tag: 'SPAN' };
    return { text: article.textContent, pieces, anchors };
  }, file);
}

function checkHighlights(h, file, diagnostics, text) {
  assert.equal(h.text, text, 'the page holds the article, byte for byte');
  diagnostics.forEach((d, k) => {
    const id = `f${file}-${k}`;
    const [s, e] = d.byte_range;
    // An empty range is shown on the character after it; it only needs its place.
    if (s === e) assert.ok(h.pieces[id], `${id} ${d.code} is highlighted`);
    else assert.equal(h.pieces[id], slice(text, s, e), `${id} ${d.code} is highlighted at its words`);
    const a = h.anchors[`h${file}-${k}`];
    assert.ok(a, `${id} has a place to focus`);
    if (a.tag === 'A') {
      assert.ok(a.visible, `${id} is visible`);
      assert.match(a.underline, /underline/, `${id} is underlined`);
      assert.notEqual(a.icon, 'none', `${id} has its severity icon`);
    }
  });
}

test('example: every finding is highlighted at its words, with its severity', async () => {
  const p = await open(example.html);
  const diagnostics = example.json.files[0].diagnostics;
  assert.ok(diagnostics.length >= 5);
  checkHighlights(await highlights(p.page, 0), 0, diagnostics, example.text);
  await closePage(p);
});

test('example: clicking a highlight shows its message, computation, fix and rule', async () => {
  const p = await open(example.html);
  const { page } = p;
  const diagnostics = example.json.files[0].diagnostics;
  for (const [k, d] of diagnostics.entries()) {
    // A finding that starts where another does shares its highlight: click the shared one.
    const anchor = await page.evaluate((k) => {
      const el = document.getElementById(`h0-${k}`);
      return el.tagName === 'A' ? `#h0-${k}` : `#${el.nextElementSibling.id}`;
    }, k);
    await page.click(anchor);
    const card = page.locator(`#pop .pop-card[data-for="f0-${k}"]`);
    await card.waitFor();
    const shown = (await card.innerText()).replace(/\s+/g, ' ');
    const words = (s) => s.replace(/`/g, '').replace(/\s+/g, ' ');
    assert.ok(shown.includes(words(d.message)), `card of ${d.code} shows "${d.message}": ${shown}`);
    if (d.computation) assert.ok(shown.includes(words(d.computation)), `${d.code} computation`);
    if (d.fix) assert.ok(shown.includes(words(d.fix.title)), `${d.code} fix`);
    assert.ok(shown.toLowerCase().includes(d.severity), `${d.code} severity in words`);
    // The rule's link goes to its explanation, embedded in the page.
    const href = await card.locator('a.rule').getAttribute('href');
    assert.equal(href, `#rule-${d.code}`);
    assert.equal(await page.locator(`article#rule-${d.code} h3`).innerText(), `${d.code} ${d.rule}`);
    // Related places ("spelled X here") are highlighted when the card opens, and link to them.
    for (const [j, r] of (d.related || []).entries()) {
      const related = await page.evaluate(() =>
        [...(CSS.highlights.get('related') || [])].map((range) => range.toString()));
      assert.ok(related.includes(slice(example.text, ...r.byte_range)), `related ${j} highlighted`);
      await card.locator('.related button.place').nth(j).click();
      const place = await page.evaluate(() => [...CSS.highlights.get('place-current')].map((x) => x.toString()));
      assert.deepEqual(place, [slice(example.text, ...r.byte_range)]);
    }
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#pop').isHidden(), true);
  }
  // The rule link works offline: it lands on the explanation.
  await page.click('#h0-0');
  await page.locator('#pop a.rule').click();
  assert.equal(new URL(page.url()).hash, `#rule-${diagnostics[0].code}`);
  await closePage(p);
});

test('example: the fact sheet lists the people and quotes, and finds them in the text', async () => {
  const p = await open(example.html);
  const { page } = p;
  const people = await page.locator('#file-0 details.people li.person').evaluateAll((lis) =>
    lis.map((li) => ({
      name: li.querySelector('button.place').textContent,
      flagged: li.classList.contains('flag'),
      title: li.querySelector('.title')?.textContent ?? null,
    })));
  assert.deepEqual(people.map((x) => x.name), example.facts.people.map((x) => x.name));
  example.facts.people.forEach((person, i) => {
    assert.equal(people[i].title, person.title, `${person.name}'s title`);
    const full = person.mentions.some((m) => m.kind === 'full-name');
    assert.equal(people[i].flagged, !full, `${person.name}: flagged when never named in full`);
  });
  const quotes = await page.locator('#file-0 details.quotes li.quote').evaluateAll((lis) =>
    lis.map((li) => ({ text: li.querySelector('button.place').textContent, flagged: li.classList.contains('flag'), meta: li.querySelector('.meta').textContent })));
  assert.equal(quotes.length, example.facts.quotes.length);
  example.facts.quotes.forEach((q, i) => {
    assert.equal(quotes[i].flagged, q.speaker === null, `quote ${i + 1} stands out when it has no speaker`);
    if (q.speaker) assert.ok(quotes[i].meta.includes(q.speaker), `quote ${i + 1}: ${q.speaker}`);
    else assert.ok(quotes[i].meta.includes('no speaker'));
    if (q.cue) assert.ok(quotes[i].meta.includes(q.cue), `quote ${i + 1}: cue ${q.cue}`);
  });
  assert.ok(quotes.some((q) => q.flagged), 'the example has a quote without a speaker');
  const figures = await page.locator('#file-0 details.figures tbody tr').count();
  assert.equal(figures, example.facts.figures.length);

  // Clicking a person highlights every mention and scrolls to the first; again, to the next.
  const person = example.facts.people[0];
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const button = page.locator('#file-0 details.people li.person button.place').first();
  await button.click();
  const marked = await page.evaluate(() => [...CSS.highlights.get('place')].map((r) => r.toString()));
  assert.deepEqual(marked, person.mentions.map((m) => m.text));
  const inView = async () => page.evaluate(() => {
    const r = [...CSS.highlights.get('place-current')][0].getBoundingClientRect();
    return { text: [...CSS.highlights.get('place-current')][0].toString(), visible: r.top >= 0 && r.bottom <= innerHeight };
  });
  assert.deepEqual(await inView(), { text: person.mentions[0].text, visible: true });
  await button.click();
  assert.deepEqual(await inView(), { text: person.mentions[1].text, visible: true });
  // A quote entry finds its quote.
  await page.locator('#file-0 details.quotes li.quote button.place').first().click();
  const quote = await page.evaluate(() => [...CSS.highlights.get('place')].map((r) => r.toString()));
  assert.deepEqual(quote, [slice(example.text, ...example.facts.quotes[0].byte_range)]);
  await closePage(p);
});

test('example: keys move between findings and focus them', async () => {
  const p = await open(example.html);
  const { page } = p;
  const anchors = await page.locator('#file-0 article.text a.hl').evaluateAll((as) => as.map((a) => a.id));
  assert.ok(anchors.length >= 5);
  const focused = () => page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('j');
  assert.equal(await focused(), anchors[0]);
  assert.equal(await page.locator('#pop').isVisible(), true, 'the card opens with the focus');
  await page.keyboard.press('j');
  assert.equal(await focused(), anchors[1]);
  await page.keyboard.press('n');
  assert.equal(await focused(), anchors[2]);
  await page.keyboard.press('k');
  assert.equal(await focused(), anchors[1]);
  await page.keyboard.press('p');
  assert.equal(await focused(), anchors[0]);
  // Enter moves into the card; Escape closes it and gives the focus back.
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pop');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#pop').isHidden(), true);
  assert.equal(await focused(), anchors[0]);
  // Tab reaches the highlights too, and a focused highlight shows its card.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), anchors[1]);
  assert.equal(await page.locator(`#pop .pop-card`).count() > 0, true);
  // The keys are documented in the page; `?` hides and shows that line.
  assert.match(await page.locator('#keys').innerText(), /j.*next finding.*k.*previous finding/s);
  await page.keyboard.press('?');
  assert.equal(await page.locator('#keys').isHidden(), true);
  await closePage(p);
});

test('example: print keeps highlights and lists findings as notes', async () => {
  const p = await open(example.html);
  const { page } = p;
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const style = await page.evaluate(() => {
    const a = document.querySelector('article.text a.hl');
    return {
      note: getComputedStyle(a, '::after').content,
      background: getComputedStyle(a).backgroundColor,
      adjust: getComputedStyle(a).printColorAdjust,
      side: getComputedStyle(document.querySelector('.side')).position,
      filters: getComputedStyle(document.querySelector('#filters')).display,
      open: [...document.querySelectorAll('details')].every((x) => x.open),
      notes: document.querySelectorAll('ol.notes > li').length,
    };
  });
  assert.equal(style.note, '"[1]"', 'the first finding carries footnote mark [1]');
  assert.notEqual(style.background, 'rgba(0, 0, 0, 0)');
  assert.equal(style.adjust, 'exact');
  assert.equal(style.side, 'static');
  assert.equal(style.filters, 'none');
  assert.equal(style.open, true);
  assert.equal(style.notes, example.json.files[0].diagnostics.length);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await closePage(p);
});

test('folder: index worst first, every article marked up, the unreadable file with its error', async () => {
  const p = await open(folder.html);
  const { page } = p;
  const rows = await page.locator('nav.index tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ file: tr.querySelector('th').textContent, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
  assert.equal(rows.length, folder.json.files.length);
  const sev = ['error', 'warning', 'information', 'hint'];
  const key = (f) => (f.error ? [1e9] : sev.map((s) => f.diagnostics.filter((d) => d.severity === s).length));
  const expected = folder.json.files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const ka = key(a.f), kb = key(b.f);
      for (let j = 0; j < Math.max(ka.length, kb.length); j++) {
        if ((kb[j] ?? 0) !== (ka[j] ?? 0)) return (kb[j] ?? 0) - (ka[j] ?? 0);
      }
      return a.i - b.i;
    });
  assert.deepEqual(rows.map((r) => r.file), expected.map((x) => x.f.path));
  const failed = rows.find((r) => r.file.endsWith('zz-scan.txt'));
  assert.match(failed.cells.join(' '), /binary file/);
  for (const { f, i } of expected) {
    if (f.error) {
      assert.match(await page.locator(`#file-${i} .error`).innerText(), /binary file/);
      continue;
    }
    const counts = sev.map((s) => String(f.diagnostics.filter((d) => d.severity === s).length));
    assert.deepEqual(rows.find((r) => r.file === f.path).cells, counts);
    checkHighlights(await highlights(page, i), i, f.diagnostics, folder.texts[i]);
  }
  // Overlapping findings (an unattributed quote with a misspelled name in it) share the overlap:
  // one piece carries both, drawn darker, and its card shows both findings.
  const md0 = folder.json.files.findIndex((f) => f.path.endsWith('harbour-ferry.md'));
  const ds = folder.json.files[md0].diagnostics;
  const outer = ds.findIndex((d) => d.code === 'ATT001');
  const inner = ds.findIndex((d) => d.code === 'PPL001');
  assert.ok(outer >= 0 && inner >= 0 && ds[inner].byte_range[0] > ds[outer].byte_range[0] &&
    ds[inner].byte_range[1] < ds[outer].byte_range[1], 'the fixture has a finding inside another');
  const shared = page.locator(`#h${md0}-${inner}`);
  assert.equal(await shared.getAttribute('data-f'), `f${md0}-${outer} f${md0}-${inner}`);
  assert.match(await shared.getAttribute('class'), /\bmulti\b/);
  await shared.click();
  assert.deepEqual(await page.locator('#pop .pop-card').evaluateAll((cs) => cs.map((c) => c.dataset.for)),
    [`f${md0}-${outer}`, `f${md0}-${inner}`]);
  await page.keyboard.press('Escape');
  // Index links go to the article's section.
  const last = expected.filter((x) => !x.f.error).at(-1);
  await page.locator(`nav.index a[href="#file-${last.i}"]`).click();
  assert.equal(new URL(page.url()).hash, `#file-${last.i}`);
  assert.equal(await page.locator(`#file-${last.i} h2`).isVisible(), true);
  // Plain text keeps its paragraphs; Markdown its headings; code stays code.
  const txt = folder.json.files.findIndex((f) => f.path.endsWith('.txt') && !f.error);
  const paragraphs = folder.texts[txt].trim().split(/\n\s*\n/).length;
  assert.equal(await page.locator(`#file-${txt} article.text .chunk > :is(p, h3)`).count(), paragraphs);
  const md = folder.json.files.findIndex((f) => f.path.endsWith('harbour-ferry.md'));
  assert.equal(await page.locator(`#file-${md} article.text h3`).innerText(), 'Harbour council approves ferry link after late-night vote');
  assert.match(await page.locator(`#file-${md} article.text pre.code code`).innerText(), /route\s+crossings/);
  await closePage(p);
});

test('folder: filters by severity and rule work without reloading', async () => {
  const p = await open(folder.html);
  const { page } = p;
  const all = folder.json.files.flatMap((f, i) => f.diagnostics.map((d, k) => ({ ...d, id: `f${i}-${k}` })));
  const state = () => page.evaluate(() => ({
    notes: [...document.querySelectorAll('li.note')].filter((li) => !li.hidden).map((li) => li.id),
    on: [...document.querySelectorAll('article.text .hl:not(.off)')].map((el) => el.dataset.f.split(' ')),
    off: [...document.querySelectorAll('article.text .hl.off')].map((el) => el.dataset.f.split(' ')),
    shown: document.getElementById('shown').textContent,
    url: location.href,
  }));
  const before = await state();
  assert.equal(before.notes.length, all.length);
  await page.locator('#filters input[name=sev][value=warning]').uncheck();
  let s = await state();
  const noWarnings = all.filter((d) => d.severity !== 'warning').map((d) => d.id);
  assert.deepEqual(s.notes.sort(), [...noWarnings].sort());
  // A highlight stays when one of its findings is shown, and only then.
  assert.ok(s.on.every((ids) => ids.some((id) => noWarnings.includes(id))));
  assert.ok(s.off.length > 0 && s.off.every((ids) => ids.every((id) => !noWarnings.includes(id))));
  assert.deepEqual([...new Set(s.on.flat())].filter((id) => noWarnings.includes(id)).sort(), [...noWarnings].sort());
  assert.equal(s.shown, `Showing ${noWarnings.length} of ${all.length} findings`);
  assert.equal(s.url, before.url, 'no reload, no navigation');
  // Next-finding keys skip what is filtered out.
  await page.keyboard.press('j');
  const focusedFindings = await page.evaluate(() => document.activeElement.dataset.f.split(' '));
  assert.ok(focusedFindings.some((id) => noWarnings.includes(id)));
  await page.keyboard.press('Escape');
  // A rule filter on top of it.
  await page.locator('#filters input[name=rule][value=ATT003]').uncheck();
  s = await state();
  const left = all.filter((d) => d.severity !== 'warning' && d.code !== 'ATT003').map((d) => d.id);
  assert.deepEqual(s.notes.sort(), [...left].sort());
  // Everything back.
  await page.locator('#filters input[name=sev][value=warning]').check();
  await page.locator('#filters input[name=rule][value=ATT003]').check();
  s = await state();
  assert.equal(s.notes.length, all.length);
  assert.equal(s.shown, '');
  await closePage(p);
});

test('folder: a hostile article shows as text and runs nothing', async () => {
  const p = await open(folder.html);
  const { page } = p;
  const i = folder.json.files.findIndex((f) => f.path.endsWith('hostile.md'));
  const result = await page.evaluate((i) => {
    const article = document.querySelector(`#file-${i} article.text`);
    const everything = [...document.querySelectorAll('*')];
    return {
      pwned: window.__pwned ?? null,
      text: article.textContent,
      foreign: everything.filter((el) => ['IMG', 'SVG', 'IFRAME', 'B', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())).length,
      handlers: everything.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      scripts: document.scripts.length,
      links: [...document.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href').startsWith('#')).length,
    };
  }, i);
  assert.equal(result.pwned, null, 'no script from the article ran');
  assert.equal(result.foreign, 0, 'no element from the article');
  assert.equal(result.handlers, 0, 'no event handler attribute');
  assert.equal(result.links, 0, 'no link out of the page');
  assert.equal(result.scripts, 1 + folder.json.files.filter((f) => !f.error).length, 'the page script and one data block per article');
  assert.equal(result.text, folder.texts[i]);
  assert.ok(result.text.includes(`<script>window.__pwned = 'h1'</script>`));
  // The policy holds: a script the page did not ship is refused even when inserted.
  const refused = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__csp = 1';
    const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
    document.body.append(s);
    return { ran: window.__csp ?? null, directive: await violation };
  });
  assert.deepEqual(refused, { ran: null, directive: 'script-src-elem' });
  p.problems.splice(0, p.problems.length, ...p.problems.filter((m) => !m.includes('Content Security Policy')));
  await closePage(p);
});
