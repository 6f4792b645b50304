// Headless Chromium for the report tests, the benchmark and the screenshot: Debian's chromium
// package (no browser download), a fresh profile each time, nothing that phones home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

/** A browser context with a fresh profile; `close()` removes the profile too. */
export async function launch({ width = 1400, height = 1000 } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close, profile };
}

/**
 * Routes every request of `context`: the page itself (`allowed`, a file:// URL) goes through,
 * anything else is aborted and recorded. Returns the list of refused URLs.
 */
export async function guardRequests(context, allowed) {
  const refused = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === allowed) return route.continue();
    refused.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const url = req.url();
    if (url !== allowed && !refused.includes(url)) refused.push(url);
  });
  return refused;
}

/** Runs `bin args...` and returns { code, stdout, stderr }. */
export async function run(bin, args, options = {}) {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
