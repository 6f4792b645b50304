// How long the HTML report of a long article takes to open and become interactive in headless
// Chromium, and how big it is against its budget (4 x the input + 1 KB per finding).
// A benchmark that prints figures, not a test: nothing here fails on time.
//
//   node tests/report/bench.mjs [ARTICLE] [--runs N]
//     ARTICLE  defaults to ../shared/bench/large.txt (beside the repository)
//     COPYDESK_BIN  the binary (default: the newer of target/release and target/debug copydesk)
//
// "Interactive" = from the start of navigation until the page's script has run (html[data-ready])
// and a click on the first highlight has opened its card.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch, guardRequests, run } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
let runs = 3;
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else files.push(argv[i]);
}
const article = path.resolve(files[0] || path.join(repo, '..', 'shared', 'bench', 'large.txt'));
if (!fs.existsSync(article)) {
  console.error(`no article at ${article}; pass one`);
  process.exit(2);
}
// The newer of the release and debug builds, unless COPYDESK_BIN says which.
const bin = process.env.COPYDESK_BIN ||
  [path.join(repo, 'target/release/copydesk'), path.join(repo, 'target/debug/copydesk')]
    .filter(fs.existsSync)
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!bin) {
  console.error('no copydesk binary: cargo build --release (or set COPYDESK_BIN)');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-bench-'));
const report = path.join(dir, 'report.html');
let t = Date.now();
const html = await run(bin, ['check', '--format', 'html', '--output', report, article]);
const renderMs = Date.now() - t;
if (html.code > 1) {
  console.error(html.stderr);
  process.exit(2);
}
const json = JSON.parse((await run(bin, ['check', '--format', 'json', article])).stdout);
const findings = json.files.reduce((n, f) => n + f.diagnostics.length, 0);
const input = fs.statSync(article).size;
const size = fs.statSync(report).size;
const budget = 4 * input + 1024 * findings;
const mb = (n) => (n / 1e6).toFixed(2) + ' MB';
console.log(`article   ${article}: ${mb(input)}, ${findings} findings`);
console.log(`report    ${mb(size)} = ${(size / input).toFixed(2)} x the input; budget 4 x input + 1 KB/finding = ${mb(budget)} (${(100 * size / budget).toFixed(0)}% of it)`);
console.log(`rendered  by ${path.relative(repo, bin)} in ${renderMs} ms (check + HTML, written to a file)`);

// CPU time of the browser's renderer processes (user + system, from /proc): the page's own cost,
// which other work on a busy machine does not inflate the way it inflates wall-clock times.
function rendererCpuMs(profileDir) {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes(profileDir)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

const url = pathToFileURL(report).href;
const times = [];
const cpus = [];
for (let i = 0; i < runs; i++) {
  const { context, close, profile } = await launch();
  const refused = await guardRequests(context, url);
  const page = context.pages()[0] || (await context.newPage());
  const cpu0 = rendererCpuMs(profile);
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 60000 });
  await page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 60000 });
  const ready = Date.now() - start;
  await page.locator('article.text a.hl').first().click();
  await page.waitForSelector('#pop:not([hidden])', { timeout: 60000 });
  const interactive = Date.now() - start;
  const cpu = rendererCpuMs(profile) - cpu0;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
  });
  times.push(interactive);
  cpus.push(cpu);
  console.log(`run ${i + 1}    script ready ${ready} ms, first card open ${interactive} ms, renderer CPU ${cpu} ms ` +
    `(DOM interactive ${nav.domInteractive.toFixed(0)} ms, DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms)` +
    (refused.length ? `; REFUSED REQUESTS: ${refused.join(' ')}` : ''));
  await close();
}
times.sort((a, b) => a - b);
cpus.sort((a, b) => a - b);
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`open + interactive: median ${times[times.length >> 1]} ms, best ${times[0]} ms over ${runs} runs ` +
  `(target: under 3000 ms); renderer CPU median ${cpus[cpus.length >> 1]} ms; load average ${load} on ${os.cpus().length} CPUs`);
fs.rmSync(dir, { recursive: true, force: true });
