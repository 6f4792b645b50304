// The extension's logic that does not need VS Code: finding the server,
// building its command lines, and turning settings into what the server reads.
// No `vscode` import here, so `node --test` can exercise all of it.

import * as path from 'node:path';

/** Where users are sent when the `copydesk` executable cannot be found. */
export const INSTALL_URL = 'https://github.com/copydesk/copydesk#install';

export const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error'] as const;
export type RuleSeverity = (typeof SEVERITIES)[number];

/** The `copydesk` settings section as VS Code hands it over (untrusted shapes). */
export interface RawSettings {
  path?: unknown;
  rules?: unknown;
  date?: unknown;
  debounceMs?: unknown;
  trace?: unknown;
}

/**
 * What the server receives, in `initializationOptions` and as the `copydesk`
 * section of `workspace/configuration`: the same keys as `copydesk.toml`
 * (`rules`, `date`) plus `debounceMs`. Absent keys mean "use copydesk.toml /
 * the server default".
 */
export interface ServerSettings {
  rules?: Record<string, RuleSeverity>;
  date?: string;
  debounceMs?: number;
}

export interface Environment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** First workspace folder, for relative `copydesk.path` values. */
  workspaceFolder?: string;
  /** True when `p` is an existing regular file this process may execute. */
  isExecutable(p: string): boolean;
}

export type Resolved =
  | { ok: true; path: string; from: 'setting' | 'PATH' }
  | { ok: false; message: string };

const RULE_KEY = /^([A-Z]{3}[0-9]{3}|[a-z][a-z0-9-]*)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function expandPath(p: string, env: Environment): string {
  let out = p.trim();
  if (out === '~') {
    out = env.homedir;
  } else if (out.startsWith('~/') || out.startsWith('~\\')) {
    out = path.join(env.homedir, out.slice(2));
  }
  if (env.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(env.workspaceFolder);
  }
  if (!path.isAbsolute(out) && env.workspaceFolder !== undefined && /[\\/]/.test(out)) {
    out = path.join(env.workspaceFolder, out);
  }
  return out;
}

function searchPath(name: string, env: Environment): string | undefined {
  const pathVar = env.env['PATH'] ?? env.env['Path'] ?? '';
  const sep = env.platform === 'win32' ? ';' : ':';
  const exts =
    env.platform === 'win32'
      ? ['', ...(env.env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')]
      : [''];
  for (const dir of pathVar.split(sep)) {
    if (dir === '') {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (env.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * Finds the `copydesk` executable: the `copydesk.path` setting when set
 * (`~` and `${workspaceFolder}` expanded, a bare name looked up on PATH),
 * else `copydesk` on PATH.
 */
export function resolveServerPath(setting: unknown, env: Environment): Resolved {
  const configured = typeof setting === 'string' ? setting.trim() : '';
  if (configured !== '') {
    const expanded = expandPath(configured, env);
    const bare = !/[\\/]/.test(expanded);
    const found = bare ? searchPath(expanded, env) : env.isExecutable(expanded) ? expanded : undefined;
    if (found !== undefined) {
      return { ok: true, path: found, from: 'setting' };
    }
    return {
      ok: false,
      message: `copydesk: the executable set in copydesk.path (${configured}) was not found or is not executable.`,
    };
  }
  const found = searchPath('copydesk', env);
  if (found !== undefined) {
    return { ok: true, path: found, from: 'PATH' };
  }
  return {
    ok: false,
    message:
      'copydesk: the `copydesk` executable was not found on PATH. Install it or set copydesk.path to its location.',
  };
}

export interface Command {
  command: string;
  args: string[];
}

/** The language server's command line. */
export function serverCommand(executable: string): Command {
  return { command: executable, args: ['lsp'] };
}

/** The command line that prints the fact sheet of `file` as Markdown. */
export function factsCommand(executable: string, file: string): Command {
  return { command: executable, args: ['facts', file, '--format', 'markdown'] };
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) {
    return false;
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/**
 * Turns the `copydesk` settings section into what the server reads. Invalid
 * entries are dropped (and reported in `problems`) rather than sent, so a typo
 * in settings.json never breaks the server.
 */
export function toServerSettings(raw: RawSettings | undefined): {
  settings: ServerSettings;
  problems: string[];
} {
  const settings: ServerSettings = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) {
    return { settings, problems };
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (typeof raw.rules !== 'object' || Array.isArray(raw.rules)) {
      problems.push('copydesk.rules must be an object mapping rule codes to severities');
    } else {
      const rules: Record<string, RuleSeverity> = {};
      for (const [key, value] of Object.entries(raw.rules as Record<string, unknown>)) {
        const code = key.trim();
        const sev = typeof value === 'string' ? value.trim().toLowerCase() : '';
        if (!RULE_KEY.test(code)) {
          problems.push(`copydesk.rules: \`${key}\` is not a rule code or name`);
        } else if (!(SEVERITIES as readonly string[]).includes(sev)) {
          problems.push(`copydesk.rules.${code}: \`${String(value)}\` is not one of ${SEVERITIES.join(', ')}`);
        } else {
          rules[code] = sev as RuleSeverity;
        }
      }
      if (Object.keys(rules).length > 0) {
        settings.rules = rules;
      }
    }
  }
  if (typeof raw.date === 'string' && raw.date.trim() !== '') {
    const date = raw.date.trim();
    if (validDate(date)) {
      settings.date = date;
    } else {
      problems.push(`copydesk.date: \`${raw.date}\` is not a date as YYYY-MM-DD`);
    }
  } else if (raw.date !== undefined && raw.date !== null && raw.date !== '') {
    problems.push('copydesk.date must be a string YYYY-MM-DD');
  }
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    const n = raw.debounceMs;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) {
      settings.debounceMs = Math.min(Math.round(n), 5000);
    } else {
      problems.push(`copydesk.debounceMs: \`${String(n)}\` is not a number of milliseconds`);
    }
  }
  return { settings, problems };
}

/** The name of the file the fact sheet of `file` is written to for preview. */
export function factSheetFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '_');
  return `${base === '' ? 'article' : base}.facts.md`;
}
