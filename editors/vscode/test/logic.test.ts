// Unit tests for the extension's VS Code-free logic (src/core.ts).
// Run: npm run compile && npm test

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  Environment,
  factSheetFileName,
  factsCommand,
  resolveServerPath,
  serverCommand,
  toServerSettings,
} from '../src/core';

function env(files: string[], over: Partial<Environment> = {}): Environment {
  const set = new Set(files);
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin:/home/ana/.cargo/bin' },
    homedir: '/home/ana',
    isExecutable: (p) => set.has(p),
    ...over,
  };
}

describe('resolveServerPath', () => {
  it('finds copydesk on PATH in PATH order', () => {
    const r = resolveServerPath(undefined, env(['/usr/bin/copydesk', '/home/ana/.cargo/bin/copydesk']));
    assert.deepEqual(r, { ok: true, path: '/usr/bin/copydesk', from: 'PATH' });
  });

  it('treats an empty or blank setting as unset', () => {
    for (const setting of ['', '   ', null]) {
      const r = resolveServerPath(setting, env(['/home/ana/.cargo/bin/copydesk']));
      assert.deepEqual(r, { ok: true, path: '/home/ana/.cargo/bin/copydesk', from: 'PATH' });
    }
  });

  it('prefers the setting and expands ~', () => {
    const r = resolveServerPath('~/bin/copydesk', env(['/home/ana/bin/copydesk', '/usr/bin/copydesk']));
    assert.deepEqual(r, { ok: true, path: '/home/ana/bin/copydesk', from: 'setting' });
  });

  it('resolves ${workspaceFolder} and relative paths against the workspace', () => {
    const e = env(['/news/desk/target/debug/copydesk'], { workspaceFolder: '/news/desk' });
    assert.deepEqual(resolveServerPath('${workspaceFolder}/target/debug/copydesk', e), {
      ok: true,
      path: '/news/desk/target/debug/copydesk',
      from: 'setting',
    });
    assert.deepEqual(resolveServerPath('target/debug/copydesk', e), {
      ok: true,
      path: '/news/desk/target/debug/copydesk',
      from: 'setting',
    });
  });

  it('looks a bare name in the setting up on PATH', () => {
    const r = resolveServerPath('copydesk-nightly', env(['/usr/local/bin/copydesk-nightly']));
    assert.deepEqual(r, { ok: true, path: '/usr/local/bin/copydesk-nightly', from: 'setting' });
  });

  it('does not fall back to PATH when the configured file is missing', () => {
    const r = resolveServerPath('/opt/copydesk/bin/copydesk', env(['/usr/bin/copydesk']));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /copydesk\.path \(\/opt\/copydesk\/bin\/copydesk\)/);
  });

  it('explains a missing executable', () => {
    const r = resolveServerPath(undefined, env([]));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /not found on PATH/);
  });

  it('uses PATHEXT on Windows', () => {
    const e = env([path.join('C:\\tools', 'copydesk.EXE')], {
      platform: 'win32',
      env: { Path: 'C:\\Windows;C:\\tools', PATHEXT: '.COM;.EXE' },
    });
    const r = resolveServerPath(undefined, e);
    assert.deepEqual(r, { ok: true, path: path.join('C:\\tools', 'copydesk.EXE'), from: 'PATH' });
  });
});

describe('command lines', () => {
  it('starts the server over stdio', () => {
    assert.deepEqual(serverCommand('/usr/bin/copydesk'), { command: '/usr/bin/copydesk', args: ['lsp'] });
  });

  it('asks for the fact sheet as Markdown, file name kept as one argument', () => {
    assert.deepEqual(factsCommand('/usr/bin/copydesk', '/news/drafts/summit story.md'), {
      command: '/usr/bin/copydesk',
      args: ['facts', '/news/drafts/summit story.md', '--format', 'markdown'],
    });
  });

  it('names the fact sheet after the article', () => {
    assert.equal(factSheetFileName('/news/drafts/summit story.md'), 'summit_story.facts.md');
    assert.equal(factSheetFileName('/news/drafts/élection.txt'), 'élection.facts.md');
    assert.equal(factSheetFileName('/news/drafts/.md'), 'article.facts.md');
  });
});

describe('toServerSettings', () => {
  it('passes valid settings through, normalised', () => {
    const { settings, problems } = toServerSettings({
      path: '/usr/bin/copydesk',
      rules: { ATT003: 'Off', NUM001: 'error', 'vague-source': ' hint ' },
      date: '2024-02-29',
      debounceMs: 80.4,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      rules: { ATT003: 'off', NUM001: 'error', 'vague-source': 'hint' },
      date: '2024-02-29',
      debounceMs: 80,
    });
  });

  it('leaves out what is unset so copydesk.toml applies', () => {
    assert.deepEqual(toServerSettings({ rules: {}, date: '', debounceMs: null }), { settings: {}, problems: [] });
    assert.deepEqual(toServerSettings(undefined), { settings: {}, problems: [] });
  });

  it('drops invalid entries and says why', () => {
    const { settings, problems } = toServerSettings({
      rules: { ATT001: 'loud', 'not a rule': 'off', PPL001: 'warning' },
      date: '2023-02-29',
      debounceMs: -5,
    });
    assert.deepEqual(settings, { rules: { PPL001: 'warning' } });
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /ATT001: `loud`/);
    assert.match(problems.join('\n'), /`not a rule`/);
    assert.match(problems.join('\n'), /2023-02-29/);
    assert.match(problems.join('\n'), /debounceMs/);
  });

  it('caps the debounce', () => {
    assert.equal(toServerSettings({ debounceMs: 1e9 }).settings.debounceMs, 5000);
    assert.equal(toServerSettings({ debounceMs: 0 }).settings.debounceMs, 0);
  });

  it('rejects a rules value that is not an object', () => {
    const { settings, problems } = toServerSettings({ rules: ['ATT001'] });
    assert.deepEqual(settings, {});
    assert.equal(problems.length, 1);
  });
});
