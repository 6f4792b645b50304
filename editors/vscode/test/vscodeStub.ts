// A stand-in for the `vscode` module, so code written for VS Code (our bundle,
// and vscode-languageclient itself) can be loaded under plain node. Every
// member is a catch-all that can be called, constructed, extended and read.
// Only used by tests; it never pretends to *run* an editor.

import * as fs from 'node:fs';
import Module from 'node:module';

/** The VS Code version the stub reports (`vscode.version`). */
export const STUB_VSCODE_VERSION = '1.106.0';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function makeStub(): Any {
  const names = new Set<string>(['version']);
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const m of dts.matchAll(/^\s*export (?:class|namespace|enum|const|let|function) (\w+)/gm)) {
    names.add(m[1]);
  }
  let instance: Any = undefined;
  const member: Any = new Proxy(class {}, {
    get: (t, p) => (p === 'then' ? undefined : p in t ? Reflect.get(t, p) : member),
    apply: () => instance,
    // `new vscode.X()` gives a catch-all object; `class Y extends vscode.X` stays a real class.
    construct: (t, args, newTarget) => (newTarget === member ? instance : Reflect.construct(t, args, newTarget)),
  });
  instance = new Proxy(function () {}, {
    get: (_t, p) =>
      p === 'then' ? undefined : p === Symbol.iterator ? [][Symbol.iterator].bind([]) : member,
    apply: () => instance,
  });
  const fixed: Record<string | symbol, unknown> = { version: STUB_VSCODE_VERSION, __esModule: undefined };
  // Bundlers' and tsc's CommonJS interop copy the module's *own* keys, so list them.
  return new Proxy({} as Record<string, unknown>, {
    get: (_t, p) => (p in fixed ? fixed[p] : member),
    has: () => true,
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (_t, p) => ({
      value: p in fixed ? fixed[p] : member,
      enumerable: true,
      configurable: true,
      writable: true,
    }),
  });
}

/**
 * Runs `body` with `require('vscode')` answered by the stub. Returns what
 * `body` returns and the list of modules required meanwhile.
 */
export function withVscodeStub<T>(body: () => T): { value: T; requested: string[] } {
  const mod = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const stub = makeStub();
  const original = mod._load;
  const requested: string[] = [];
  mod._load = function (request, parent, isMain) {
    requested.push(request);
    if (request === 'vscode') {
      return stub;
    }
    return original.call(this, request, parent, isMain);
  };
  try {
    return { value: body(), requested };
  } finally {
    mod._load = original;
  }
}
