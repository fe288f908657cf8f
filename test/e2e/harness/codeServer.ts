// Starts a real VS Code (code-server, VS Code served to a browser with a real Node extension host)
// on loopback, with a fresh user-data folder, a fresh extensions folder holding only our .vsix,
// and a folder to open.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY } from '../../../scripts/e2e/paths';
import { codeServerHomeEnv } from '../../../scripts/e2e/setup';
import { stop, track, trackTempDir } from './processes';

export interface CodeServer {
  readonly url: string;
  /** The workbench URL with `folder` opened. */
  readonly folderUrl: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's own stdout and stderr so far. */
  output(): string;
  /** Text of the extension's output channel as written to disk by the extension host (for failure reports). */
  channelLog(name: string): string;
  /** The event that activated an extension, and when (Date.now() scale), from the extension host's log. */
  activation(extensionId: string): { event: string; at: number } | undefined;
  stop(): Promise<void>;
}

/** What keeps first-run popups and distractions out of the way of the tests and pictures. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.lightbulb.enabled': 'on',
  'window.restoreWindows': 'none',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'typescript.suggest.enabled': false,
  'typescript.tsserver.experimental.enableProjectDiagnostics': false,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function codeServerArgs(userDataDir: string, extensionsDir: string): string[] {
  return [CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

function env(): NodeJS.ProcessEnv {
  return { ...process.env, ...codeServerHomeEnv(), VSCODE_PROXY_URI: '' };
}

export function installExtension(vsix: string, userDataDir: string, extensionsDir: string): void {
  const result = spawnSync(process.execPath, [...codeServerArgs(userDataDir, extensionsDir), '--install-extension', vsix], {
    encoding: 'utf8',
    env: env(),
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (status ${result.status}):\n${output}`);
  }
}

export interface StartOptions {
  folder: string;
  vsix: string;
  /** Extra user settings on top of USER_SETTINGS. */
  settings?: Record<string, unknown>;
  timeoutMs?: number;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-hygiene-code-server-'));
  const temp = trackTempDir(base);
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2) + '\n',
  );
  installExtension(options.vsix, userDataDir, extensionsDir);

  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...codeServerArgs(userDataDir, extensionsDir),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      options.folder,
    ],
    { env: env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  track('code-server', child, true);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not report "HTTP server listening" on ${url} within ${timeoutMs / 1000}s:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  try {
    await listening;
  } catch (error) {
    await stop(child);
    temp.release();
    throw error;
  }

  const channelLog = (name: string): string => {
    const logs = path.join(userDataDir, 'logs');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(`${name}.log`)) found.push(full);
      }
    };
    walk(logs);
    return found.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  };

  const activation = (extensionId: string): { event: string; at: number } | undefined => {
    const logs = path.join(userDataDir, 'logs');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === 'remoteexthost.log') files.push(full);
      }
    };
    walk(logs);
    for (const file of files) {
      // 2026-12-06 09:01:39.815 [info] ExtensionService#_doActivateExtension <id>, startup: false, activationEvent: 'onLanguage:typescript'
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.includes(`_doActivateExtension ${extensionId},`)) continue;
        const stamp = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})/.exec(line);
        const event = /activationEvent: '([^']+)'/.exec(line);
        // The extension host writes local time.
        if (stamp && event) return { event: event[1], at: new Date(`${stamp[1]}T${stamp[2]}`).getTime() };
      }
    }
    return undefined;
  };

  return {
    url,
    activation,
    folderUrl: `${url}/?folder=${encodeURIComponent(options.folder)}`,
    userDataDir,
    extensionsDir,
    output: () => output,
    channelLog,
    stop: async () => {
      await stop(child);
      temp.release();
    },
  };
}
