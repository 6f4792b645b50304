// Bundles the extension and its runtime dependencies (vscode-languageclient and
// what it pulls in) into one file, so the .vsix needs no node_modules and
// `vsce package --no-dependencies` works offline.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  outfile: 'out/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
});
