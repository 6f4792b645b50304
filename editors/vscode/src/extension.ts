// VS Code glue: starts `copydesk lsp` through vscode-languageclient and adds
// the two commands. Everything testable without VS Code lives in ./core.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  Environment,
  INSTALL_URL,
  RawSettings,
  factSheetFileName,
  factsCommand,
  resolveServerPath,
  serverCommand,
  toServerSettings,
} from './core';

const SECTION = 'copydesk';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function environment(): Environment {
  return {
    platform: process.platform,
    env: process.env,
    homedir: os.homedir(),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    isExecutable(p: string): boolean {
      try {
        if (!fs.statSync(p).isFile()) {
          return false;
        }
        fs.accessSync(p, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function rawSettings(): RawSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    path: c.get('path'),
    rules: c.get('rules'),
    date: c.get('date'),
    debounceMs: c.get('debounceMs'),
  };
}

/** The executable, or undefined after telling the user how to install it. */
async function findExecutable(): Promise<string | undefined> {
  const resolved = resolveServerPath(vscode.workspace.getConfiguration(SECTION).get('path'), environment());
  if (resolved.ok) {
    return resolved.path;
  }
  const install = 'Install instructions';
  const settings = 'Set copydesk.path';
  const choice = await vscode.window.showErrorMessage(resolved.message, install, settings);
  if (choice === install) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'copydesk.path');
  }
  return undefined;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const executable = await findExecutable();
  if (executable === undefined) {
    return;
  }
  const { settings, problems } = toServerSettings(rawSettings());
  for (const problem of problems) {
    output?.appendLine(`settings: ${problem}`);
  }
  const cmd = serverCommand(executable);
  const run = { command: cmd.command, args: cmd.args, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const watcher = vscode.workspace.createFileSystemWatcher('**/copydesk.toml');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: settings,
    synchronize: {
      configurationSection: SECTION,
      fileEvents: watcher,
    },
    outputChannel: output,
    middleware: {
      workspace: {
        // The server may also pull settings; hand it the cleaned-up section.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return result.map((value, i) =>
            params.items[i]?.section === SECTION ? toServerSettings(value as RawSettings).settings : value,
          );
        },
      },
    },
  };
  client = new LanguageClient(SECTION, 'copydesk', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    void vscode.window.showErrorMessage(`copydesk: the language server did not start: ${String(err)}`);
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) {
    try {
      await c.stop();
    } catch {
      // Already stopped or never started; nothing to clean up.
    }
  }
}

async function showFactSheet(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage('copydesk: open an article first.');
    return;
  }
  const doc = editor.document;
  if (doc.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('copydesk: save the article to a file first.');
    return;
  }
  if (doc.isDirty && !(await doc.save())) {
    return;
  }
  const executable = await findExecutable();
  if (executable === undefined) {
    return;
  }
  const file = doc.uri.fsPath;
  const cmd = factsCommand(executable, file);
  const markdown = await new Promise<string | undefined>((resolve) => {
    execFile(
      cmd.command,
      cmd.args,
      { cwd: path.dirname(file), maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        if (err !== null && stdout.length === 0) {
          output?.appendLine(`${cmd.command} ${cmd.args.join(' ')}: ${stderr || String(err)}`);
          void vscode.window.showErrorMessage(`copydesk facts failed: ${(stderr || String(err)).trim()}`);
          resolve(undefined);
        } else {
          resolve(stdout);
        }
      },
    );
  });
  if (markdown === undefined) {
    return;
  }
  const dir = vscode.Uri.joinPath(context.globalStorageUri, 'facts');
  await vscode.workspace.fs.createDirectory(dir);
  const sheet = vscode.Uri.joinPath(dir, factSheetFileName(file));
  await vscode.workspace.fs.writeFile(sheet, Buffer.from(markdown, 'utf8'));
  await vscode.commands.executeCommand('markdown.showPreviewToSide', sheet);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('copydesk.showFactSheet', () => showFactSheet(context)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // A new executable needs a new process; other settings reach the
      // running server through workspace/didChangeConfiguration.
      if (e.affectsConfiguration('copydesk.path')) {
        await stopClient();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
