// The protocol exchange VS Code performs with `copydesk lsp`, replayed with the
// libraries the VS Code client is made of (vscode-languageserver-protocol over
// vscode-jsonrpc) against the real binary over stdio.
//
// The client capabilities are not typed in by hand: they are computed by the
// real vscode-languageclient (the version this extension ships), loaded with a
// stub `vscode` module, so the server sees what VS Code sends (UTF-16 only).
//
// Expected diagnostics are derived here from the article text (ATT006 on the
// unclosed quotation mark) and from `copydesk check --format json` on the same
// text (every finding, converted from UTF-8 bytes to UTF-16 positions by this
// test). Hovers are checked when `copydesk facts --format json` says the
// engine found the person.
//
// Run: npm run compile && COPYDESK_BIN=/path/to/copydesk npm run test:protocol
// (default binary: ../../target/debug/copydesk, relative to editors/vscode).
// COPYDESK_ARTICLES=dir1:dir2 adds directories of .md/.txt articles to the
// LSP-versus-CLI comparison.

import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  MarkupContent,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { RawSettings, toServerSettings } from '../src/core';
import { STUB_VSCODE_VERSION, withVscodeStub } from './vscodeStub';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const BIN = path.resolve(process.env.COPYDESK_BIN ?? path.join(REPO, 'target', 'debug', 'copydesk'));
const ARTICLE = path.join(REPO, 'tests', 'editors', 'article.md');
const TIMEOUT_MS = Number(process.env.COPYDESK_TEST_TIMEOUT_MS ?? 15000);

// What a user with default settings has in the `copydesk` section.
const USER_SETTINGS: RawSettings = { path: null, rules: {}, date: null, debounceMs: 150 };

// ---- text helpers: positions are computed, never typed in ----------------

/** UTF-16 position of JS string index `i` (JS strings are UTF-16). */
function positionAt(text: string, i: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let k = 0; k < i; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, character: i - lineStart };
}

function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/** JS string index of UTF-8 byte offset `b` of `text`. */
function indexOfByte(text: string, b: number): number {
  return Buffer.from(text, 'utf8').subarray(0, b).toString('utf8').length;
}

/** Index of `needle` in `text`; `nth` counts from 0. Fails the test if absent. */
function find(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `test article lost its anchor ${JSON.stringify(needle)} #${nth}`);
  }
  return at;
}

function show(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function key(code: unknown, r: Range): string {
  return `${String(code)}@${show(r)}`;
}

// ---- what the CLI says about the same text -------------------------------

interface CliDiagnostic {
  code: string;
  byte_range: [number, number];
}

/** `copydesk check --format json` on `text` (in a temp file), as code@range keys. */
function cliFindings(text: string): string[] | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-protocol-'));
  try {
    const file = path.join(dir, 'article.md');
    fs.writeFileSync(file, text);
    const r = spawnSync(BIN, ['check', file, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    let report: { files?: { diagnostics?: CliDiagnostic[] }[] };
    try {
      report = JSON.parse(r.stdout) as typeof report;
    } catch {
      return undefined;
    }
    const diags = report.files?.[0]?.diagnostics;
    if (!Array.isArray(diags)) {
      return undefined;
    }
    return diags
      .map((d) => key(d.code, rangeOf(text, indexOfByte(text, d.byte_range[0]), indexOfByte(text, d.byte_range[1]))))
      .sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every string anywhere in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    out.push(v);
  } else if (Array.isArray(v)) {
    v.forEach((x) => strings(x, out));
  } else if (v !== null && typeof v === 'object') {
    Object.values(v).forEach((x) => strings(x, out));
  }
  return out;
}

/** Objects anywhere in a JSON value whose strings include all of `needles`. */
function objectsMentioning(v: unknown, needles: string[]): unknown[] {
  const found: unknown[] = [];
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') {
      return;
    }
    const own = Object.values(x).filter((y) => typeof y === 'string') as string[];
    if (!Array.isArray(x) && needles.every((n) => own.some((s) => s.includes(n)))) {
      found.push(x);
    }
    Object.values(x).forEach(walk);
  };
  walk(v);
  return found;
}

function facts(file: string): unknown {
  try {
    return JSON.parse(execFileSync(BIN, ['facts', file, '--format', 'json'], { encoding: 'utf8' }));
  } catch {
    return undefined;
  }
}

function hoverText(contents: unknown): string {
  if (typeof contents === 'string') {
    return contents;
  }
  if (Array.isArray(contents)) {
    return contents.map(hoverText).join('\n');
  }
  if (contents !== null && typeof contents === 'object') {
    return String((contents as MarkupContent).value ?? '');
  }
  return '';
}

// ---- the VS Code client, as far as the wire is concerned -----------------

function vscodeClientCapabilities(): ClientCapabilities {
  const { value } = withVscodeStub(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LanguageClient } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const client = new LanguageClient('copydesk', 'copydesk', { command: BIN, args: ['lsp'] }, {
      documentSelector: [{ language: 'markdown' }, { language: 'plaintext' }],
    });
    return (client as unknown as { computeClientCapabilities(): ClientCapabilities }).computeClientCapabilities();
  });
  return value;
}

class Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly serverRequests: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor() {
    this.proc = spawn(BIN, ['lsp'], { stdio: 'pipe', env: { ...process.env, RUST_BACKTRACE: '1' } });
    this.proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    // A server that dies is reported by the test that waits for it, not as an
    // unhandled stream error.
    this.proc.stdin.on('error', () => undefined);
    this.conn = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    // Server-to-client requests, answered as vscode-languageclient does.
    this.conn.onRequest(ConfigurationRequest.type, (params) => {
      this.serverRequests.push(ConfigurationRequest.method);
      return params.items.map((item) =>
        item.section === 'copydesk' || item.section === undefined ? toServerSettings(USER_SETTINGS).settings : null,
      );
    });
    this.conn.onRequest(RegistrationRequest.type, () => {
      this.serverRequests.push(RegistrationRequest.method);
    });
    this.conn.onRequest(UnregistrationRequest.type, () => {
      this.serverRequests.push(UnregistrationRequest.method);
    });
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => {
      this.serverRequests.push(WorkDoneProgressCreateRequest.method);
    });
    for (const method of [
      'workspace/semanticTokens/refresh',
      'workspace/inlayHint/refresh',
      'workspace/codeLens/refresh',
      'workspace/diagnostic/refresh',
      'workspace/inlineValue/refresh',
      'workspace/foldingRange/refresh',
      'window/showMessageRequest',
    ]) {
      this.conn.onRequest(method, () => {
        this.serverRequests.push(method);
        return null;
      });
    }
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.conn.listen();
  }

  /** Waits for a publishDiagnostics after index `from` that satisfies `pred`. */
  async diagnostics(
    uri: string,
    from: number,
    pred: (p: PublishDiagnosticsParams) => boolean,
    what: string,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const hit = this.published.slice(from).reverse().find((p) => p.uri === uri && pred(p));
      if (hit !== undefined) {
        return hit;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const last = this.published.filter((p) => p.uri === uri).at(-1);
        throw new Error(
          `no publishDiagnostics (${what}) within ${TIMEOUT_MS} ms; last for this document: ` +
            JSON.stringify(last?.diagnostics.map((d) => key(d.code, d.range)) ?? null) +
            `\nserver stderr:\n${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

// ---- the exchange ---------------------------------------------------------

describe('copydesk lsp as VS Code drives it', { timeout: 120_000 }, () => {
  const text = fs.readFileSync(ARTICLE, 'utf8');
  const uri = pathToFileURL(ARTICLE).href;
  let s: Session;
  let init: InitializeResult;
  let opened: PublishDiagnosticsParams;
  let current = text;
  let version = 1;

  before(async () => {
    assert.ok(fs.existsSync(BIN), `no copydesk binary at ${BIN} (build it or set COPYDESK_BIN)`);
    s = new Session();
    const params: InitializeParams = {
      processId: null,
      clientInfo: { name: 'Visual Studio Code', version: STUB_VSCODE_VERSION },
      locale: 'en',
      rootPath: path.dirname(ARTICLE),
      rootUri: pathToFileURL(path.dirname(ARTICLE)).href,
      capabilities: vscodeClientCapabilities(),
      initializationOptions: toServerSettings(USER_SETTINGS).settings,
      trace: 'off',
      workspaceFolders: [{ uri: pathToFileURL(path.dirname(ARTICLE)).href, name: 'editors' }],
    };
    assert.deepEqual(params.capabilities.general?.positionEncodings, ['utf-16']);
    init = await Promise.race([
      s.conn.sendRequest(InitializeRequest.type, params),
      s.exited.then((code): never => {
        throw new Error(`copydesk lsp exited (status ${code}) before answering initialize; stderr:\n${s.stderr}`);
      }),
    ]);
    await s.conn.sendNotification(InitializedNotification.type, {});
    // synchronize.configurationSection: the client pushes the section right away.
    await s.conn.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { copydesk: USER_SETTINGS },
    });
  });

  after(async () => {
    if (s !== undefined && s.proc.exitCode === null) {
      s.proc.kill();
    }
  });

  it('negotiates UTF-16 and incremental sync', () => {
    const enc = init.capabilities.positionEncoding;
    assert.ok(enc === undefined || enc === 'utf-16', `server chose ${enc} although VS Code offers only utf-16`);
    const sync = init.capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    assert.equal(change, TextDocumentSyncKind.Incremental, 'the issue asks for incremental sync');
    assert.ok(init.capabilities.hoverProvider, 'server offers hover');
    assert.equal(init.serverInfo?.name, 'copydesk');
  });

  it('publishes diagnostics for the opened article with exact UTF-16 ranges', async () => {
    const mark = s.published.length;
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version, text },
    });
    opened = await s.diagnostics(uri, mark, (p) => p.version === undefined || p.version === version, 'after didOpen');
    const got = opened.diagnostics;
    // The unclosed quotation mark after "was blunter: " (an em dash, a curly
    // apostrophe, a non-ASCII letter and an emoji precede it on its line).
    const open = find(text, '“The delays were avoidable');
    const want = rangeOf(text, open, open + 1);
    const att006 = got.filter((d) => d.code === 'ATT006');
    assert.deepEqual(
      att006.map((d) => show(d.range)),
      [show(want)],
      `ATT006 ranges; all diagnostics: ${got.map((d) => key(d.code, d.range)).join(', ')}`,
    );
    assert.equal(att006[0].source, 'copydesk');
    for (const d of got) {
      assert.match(String(d.code), /^[A-Z]{3}\d{3}$/, `code of ${JSON.stringify(d)}`);
      assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4, `severity of ${key(d.code, d.range)}`);
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      assert.ok(message.length > 0 && !message.endsWith('.'), `message of ${key(d.code, d.range)}: ${message}`);
      assert.ok(d.codeDescription?.href.startsWith('http'), `codeDescription of ${key(d.code, d.range)}`);
    }
  });

  it('reports exactly what `copydesk check` reports, at the same places', () => {
    const cli = cliFindings(text);
    assert.ok(cli !== undefined, '`copydesk check --format json` gave no readable report');
    assert.deepEqual(opened.diagnostics.map((d) => key(d.code, d.range)).sort(), cli);
  });

  it('hovers a person by surname with their full name (when the engine finds people)', async (t) => {
    const f = facts(ARTICLE);
    if (!strings(f).some((x) => x.includes('Priya Raman'))) {
      t.skip('`copydesk facts --format json` lists no Priya Raman: people are not detected yet');
      return;
    }
    // "Raman" in `,” Raman said.`: the second mention, by surname.
    const at = find(text, 'Raman said.') + 2;
    const hover = await s.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionAt(text, at),
    });
    assert.ok(hover !== null, 'no hover on a mention of Priya Raman');
    assert.match(hoverText(hover.contents), /Priya Raman/);
    if (hover.range !== undefined) {
      const start = find(text, 'Raman said.');
      assert.deepEqual(hover.range, rangeOf(text, start, start + 'Raman'.length), 'hover range is the mention');
    }
  });

  it('hovers a quote with its speaker (when the engine attributes it)', async (t) => {
    const f = facts(ARTICLE);
    if (objectsMentioning(f, ['This town has flooded', 'Raman']).length === 0) {
      t.skip('`copydesk facts --format json` does not attribute the quote to Raman yet');
      return;
    }
    const at = find(text, 'This town has flooded') + 5;
    const hover = await s.conn.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionAt(text, at),
    });
    assert.ok(hover !== null, 'no hover on an attributed quote');
    assert.match(hoverText(hover.contents), /Raman/);
  });

  it('follows incremental edits', async () => {
    // 1. Close the quotation: insert ” after "by 2022." (an insertion at one position).
    const closeAt = find(current, 'by 2022.') + 'by 2022.'.length;
    const pos = positionAt(current, closeAt);
    current = current.slice(0, closeAt) + '”' + current.slice(closeAt);
    // 2. Add a paragraph with a new unclosed quotation right after the headline,
    //    which moves every later finding down two lines.
    const headline = find(current, '# Riverside flood barrier opens two years late\n') +
      '# Riverside flood barrier opens two years late\n'.length;
    const inserted = '\n“We were never told the cost, one trader said.\n';
    const headPos = positionAt(current, headline);
    current = current.slice(0, headline) + inserted + current.slice(headline);
    version++;
    const mark = s.published.length;
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: pos, end: pos }, text: '”' },
        { range: { start: headPos, end: headPos }, text: inserted },
      ],
    });
    const p = await s.diagnostics(
      uri,
      mark,
      (q) => (q.version === undefined ? q.diagnostics.some((d) => d.code === 'ATT006' && d.range.start.line === headPos.line + 1) : q.version === version),
      'after didChange',
    );
    const newOpen = find(current, '“We were never told');
    const att006 = p.diagnostics.filter((d) => d.code === 'ATT006').map((d) => show(d.range));
    assert.deepEqual(att006, [show(rangeOf(current, newOpen, newOpen + 1))], 'ATT006 moved to the new quotation only');
    const cli = cliFindings(current);
    assert.ok(cli !== undefined);
    assert.deepEqual(p.diagnostics.map((d) => key(d.code, d.range)).sort(), cli, 'after the edit, same as `copydesk check`');

    // 3. Delete the inserted paragraph again (a multi-line deletion).
    const delStart = positionAt(current, headline);
    const delEnd = positionAt(current, headline + inserted.length);
    current = current.slice(0, headline) + current.slice(headline + inserted.length);
    version++;
    const mark2 = s.published.length;
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: delStart, end: delEnd }, text: '' }],
    });
    const p2 = await s.diagnostics(
      uri,
      mark2,
      (q) => (q.version === undefined ? !q.diagnostics.some((d) => d.code === 'ATT006') : q.version === version),
      'after the deletion',
    );
    assert.deepEqual(p2.diagnostics.filter((d) => d.code === 'ATT006'), [], 'no unclosed quotation left');
    assert.deepEqual(p2.diagnostics.map((d) => key(d.code, d.range)).sort(), cliFindings(current));
  });

  it('clears diagnostics on close, then shuts down and exits with status 0', async () => {
    const mark = s.published.length;
    await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await s.diagnostics(uri, mark, (p) => p.diagnostics.length === 0, 'empty, after didClose');
    await s.conn.sendRequest(ShutdownRequest.type);
    await s.conn.sendNotification(ExitNotification.type);
    const code = await Promise.race([
      s.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref()),
    ]);
    s.conn.dispose();
    assert.equal(code, 0, `exit status after shutdown/exit; stderr:\n${s.stderr}`);
  });
});

// ---- every article in the repository: LSP == CLI, with LF and CRLF -------

function articles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (/\.(md|txt)$/.test(e.name)) {
        found.push(p);
      }
    }
  };
  for (const d of ['tests/fixtures', 'tests/editors', 'examples']) {
    walk(path.join(REPO, d));
  }
  // More articles to compare, e.g. COPYDESK_ARTICLES=/path/to/drafts (path-list).
  for (const d of (process.env.COPYDESK_ARTICLES ?? '').split(path.delimiter)) {
    if (d !== '') {
      walk(path.resolve(d));
    }
  }
  return found.sort();
}

/** `copydesk check --format json` on `file` as code@range keys against `text`. */
function cliFindingsOf(file: string, text: string): string[] {
  const r = spawnSync(BIN, ['check', file, '--format', 'json'], { cwd: path.dirname(file), encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as { files: { diagnostics: CliDiagnostic[] }[] };
  return report.files[0].diagnostics
    .map((d) => key(d.code, rangeOf(text, indexOfByte(text, d.byte_range[0]), indexOfByte(text, d.byte_range[1]))))
    .sort();
}

const ARTICLES = articles();

describe('every repository article: the same findings over LSP as from copydesk check', {
  timeout: Math.max(300_000, ARTICLES.length * 2 * 2000),
}, () => {
  let s: Session;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-articles-'));

  before(async () => {
    assert.ok(fs.existsSync(BIN), `no copydesk binary at ${BIN}`);
    s = new Session();
    await s.conn.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: pathToFileURL(tmp).href,
      capabilities: vscodeClientCapabilities(),
      initializationOptions: toServerSettings(USER_SETTINGS).settings,
      workspaceFolders: [{ uri: pathToFileURL(tmp).href, name: 'articles' }],
    });
    await s.conn.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (s !== undefined) {
      // Teardown only (the first suite tests shutdown and exit): wait for the shutdown answer at
      // most 5 s, so a lost answer cannot hold the run open; then close everything.
      const bounded = <T>(p: Promise<T>) =>
        Promise.race([p.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      await bounded(s.conn.sendRequest(ShutdownRequest.type));
      await bounded(s.conn.sendNotification(ExitNotification.type));
      s.conn.dispose();
      s.proc.kill();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let n = 0;
  for (const source of ARTICLES) {
    for (const eol of ['LF', 'CRLF'] as const) {
      it(`${path.relative(REPO, source)} (${eol})`, async () => {
        // A copy in its own directory, with the fixture's copydesk.toml if any,
        // so the server and the CLI read the same configuration.
        const dir = path.join(tmp, String(n++));
        fs.mkdirSync(dir);
        const toml = path.join(path.dirname(source), 'copydesk.toml');
        if (fs.existsSync(toml)) {
          fs.copyFileSync(toml, path.join(dir, 'copydesk.toml'));
        }
        const lf = fs.readFileSync(source, 'utf8').replace(/\r\n/g, '\n');
        const text = eol === 'CRLF' ? lf.replace(/\n/g, '\r\n') : lf;
        const file = path.join(dir, path.basename(source));
        fs.writeFileSync(file, text);
        const uri = pathToFileURL(file).href;
        const mark = s.published.length;
        await s.conn.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: 1, text },
        });
        const p = await s.diagnostics(uri, mark, (q) => q.version === undefined || q.version === 1, 'after didOpen');
        assert.deepEqual(p.diagnostics.map((d) => key(d.code, d.range)).sort(), cliFindingsOf(file, text));
        await s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      });
    }
  }
});
