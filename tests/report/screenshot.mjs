// Refreshes docs/report.png, the screenshot of the example report shown in README:
//
//   cargo build && node tests/report/screenshot.mjs      (after `npm ci` in tests/report)
//
// Renders `copydesk check --format html` of examples/nato-summit.md in headless Chromium (the
// same browser and flags as the tests), opens the card of the count mismatch, and saves a
// 1400 x 1000 view from the top.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, guardRequests, run } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = process.env.COPYDESK_BIN ? path.resolve(process.env.COPYDESK_BIN) : path.join(repo, 'target/debug/copydesk');
const out = path.resolve(process.argv[2] || path.join(repo, 'docs', 'report.png'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-shot-'));
const report = path.join(dir, 'report.html');
const r = await run(bin, ['check', 'examples/nato-summit.md', '--config', 'examples/copydesk.toml', '--format', 'html', '--output', report], { cwd: repo });
if (r.code > 1) {
  console.error(r.stderr);
  process.exit(2);
}
const { context, close } = await launch({ width: 1400, height: 1000 });
const url = pathToFileURL(report).href;
const refused = await guardRequests(context, url);
const page = context.pages()[0] || (await context.newPage());
await page.goto(url);
await page.waitForSelector('html[data-ready]', { state: 'attached' });
// The count mismatch ("three countries" but four are listed), its card open.
const json = JSON.parse((await run(bin, ['check', 'examples/nato-summit.md', '--config', 'examples/copydesk.toml', '--format', 'json'], { cwd: repo })).stdout);
const k = json.files[0].diagnostics.findIndex((d) => d.code === 'NUM001');
await page.click(`#h0-${Math.max(k, 0)}`);
await page.evaluate(() => window.scrollTo(0, 0));
await page.waitForSelector('#pop:not([hidden])');
fs.mkdirSync(path.dirname(out), { recursive: true });
await page.screenshot({ path: out });
await close();
fs.rmSync(dir, { recursive: true, force: true });
if (refused.length) {
  console.error(`requests left the page: ${refused.join(' ')}`);
  process.exit(1);
}
console.log(`wrote ${path.relative(process.cwd(), out)}`);
