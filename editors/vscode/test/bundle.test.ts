// Loads the esbuild bundle (out/extension.js) the way VS Code does, with a stub
// `vscode` module, to prove it is self-contained (no node_modules needed in the
// .vsix) and exports the extension entry points.

import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import { it } from 'node:test';
import { withVscodeStub } from './vscodeStub';

it('the bundle loads without node_modules and exports activate/deactivate', () => {
  const bundle = path.join(__dirname, '..', 'extension.js');
  const { value: ext, requested } = withVscodeStub(() => require(bundle) as Record<string, unknown>);
  assert.equal(typeof ext.activate, 'function');
  assert.equal(typeof ext.deactivate, 'function');
  const external = requested.filter((r) => r !== 'vscode' && r !== bundle && !Module.isBuiltin(r));
  assert.deepEqual(external, [], `the bundle requires packages from node_modules: ${external.join(', ')}`);
});
