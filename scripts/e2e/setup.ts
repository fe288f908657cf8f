// One-time install of what the real-editor tests need: Debian packages (only those missing) and
// code-server from the npm registry, into a cache folder outside the source tree.
//
//   node --import tsx scripts/e2e/setup.ts        (npm run e2e:setup)
//
// code-server's postinstall runs `npm install` inside its bundled VS Code, which downloads a
// ripgrep binary from GitHub: that fails offline. @vscode/ripgrep first looks for the download in
// $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<VERSION>-<target>.tar.gz, so we read
// both numbers from the packages that will be installed and put Debian's rg there first.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CACHE_DIR,
  CODE_SERVER_DIR,
  CODE_SERVER_ENTRY,
  CODE_SERVER_READY,
  CODE_SERVER_VERSION,
  DEBIAN_PACKAGES,
} from './paths';

const MINUTE = 60_000;

function log(message: string): void {
  process.stderr.write(`[e2e setup] ${message}\n`);
}

interface RunOptions extends SpawnSyncOptions {
  timeoutMs: number;
  /** Append stdout and stderr to this file instead of the console. */
  logFile?: string;
}

function run(command: string, args: string[], options: RunOptions): string {
  const { timeoutMs, logFile, ...rest } = options;
  const fd = logFile ? fs.openSync(logFile, 'a') : undefined;
  try {
    const result = spawnSync(command, args, {
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      stdio: fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
      ...rest,
    });
    const what = `${command} ${args.join(' ')}`;
    if (result.error) throw new Error(`${what}: ${result.error.message}`);
    if (result.signal) throw new Error(`${what}: killed by ${result.signal} after ${timeoutMs / 1000}s`);
    if (result.status !== 0) {
      const output = logFile ? tail(logFile, 40) : `${result.stdout ?? ''}${result.stderr ?? ''}`;
      throw new Error(`${what} exited with ${result.status}\n${output}`);
    }
    return typeof result.stdout === 'string' ? result.stdout : '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function tail(file: string, lines: number): string {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && fs.existsSync(candidate)) return fs.realpathSync(candidate);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Debian packages

function missingDebianPackages(): string[] {
  return DEBIAN_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

export function ensureDebianPackages(): void {
  if (!which('dpkg-query')) {
    throw new Error('dpkg-query not found: the e2e harness installs its tools with apt (Debian or Ubuntu).');
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt may hold the lock (an install started elsewhere): wait for it rather than fail.
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  run('apt-get', [...lock, 'update'], { env, timeoutMs: 10 * MINUTE });
  run('apt-get', [...lock, 'install', '-y', ...missing], { env, timeoutMs: 20 * MINUTE });
  const still = missingDebianPackages();
  if (still.length > 0) throw new Error(`apt-get finished but these are still missing: ${still.join(' ')}`);
}

// ---------------------------------------------------------------------------------------------
// ripgrep cache workaround

function ripgrepTarget(): string {
  switch (process.arch) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      throw new Error(`no ripgrep workaround for architecture ${process.arch}`);
  }
}

/** `npm pack` a package into `dir` and extract the given members; returns the extraction root. */
function packAndExtract(spec: string, dir: string, members: string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  const out = run('npm', ['pack', spec, '--json', '--pack-destination', dir], { cwd: dir, timeoutMs: 5 * MINUTE });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  const root = path.join(dir, 'x');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root);
  run('tar', ['-xzf', path.join(dir, filename), '-C', root, ...members.map((m) => `package/${m}`)], { timeoutMs: MINUTE });
  return path.join(root, 'package');
}

/** Every @vscode/ripgrep version code-server's bundled VS Code will install, from its shrinkwraps. */
function ripgrepVersionsOfCodeServer(work: string): string[] {
  const shrinkwraps = ['lib/vscode/npm-shrinkwrap.json', 'lib/vscode/extensions/npm-shrinkwrap.json'];
  const root = packAndExtract(`code-server@${CODE_SERVER_VERSION}`, path.join(work, 'code-server'), shrinkwraps);
  const versions = new Set<string>();
  for (const file of shrinkwraps) {
    const lock = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as {
      packages?: Record<string, { version?: string }>;
    };
    for (const [key, entry] of Object.entries(lock.packages ?? {})) {
      if (key.endsWith('node_modules/@vscode/ripgrep') && entry.version) versions.add(entry.version);
    }
  }
  if (versions.size === 0) throw new Error(`no @vscode/ripgrep in code-server ${CODE_SERVER_VERSION}'s shrinkwraps`);
  return [...versions];
}

/** Places Debian's rg where @vscode/ripgrep@version looks for its cached download under `tmpDir`. */
function seedRipgrepCache(version: string, work: string, tmpDir: string): string {
  const root = packAndExtract(`@vscode/ripgrep@${version}`, path.join(work, `ripgrep-${version}`), [
    'package.json',
    'lib/postinstall.js',
  ]);
  const packageVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const postinstall = fs.readFileSync(path.join(root, 'lib', 'postinstall.js'), 'utf8');
  const constant = /\bconst\s+VERSION\s*=\s*['"]([^'"]+)['"]/.exec(postinstall);
  if (!constant) throw new Error(`@vscode/ripgrep@${packageVersion}: no VERSION constant in lib/postinstall.js`);
  const rg = which('rg');
  if (!rg) throw new Error('rg not found: install Debian ripgrep first');

  const staging = path.join(work, `rg-staging-${packageVersion}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${packageVersion}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, `ripgrep-${constant[1]}-${ripgrepTarget()}.tar.gz`);
  run('tar', ['-czf', tarball, '-C', staging, 'rg'], { timeoutMs: MINUTE });
  return tarball;
}

// ---------------------------------------------------------------------------------------------
// code-server

/** Keeps code-server's own config and data files (it writes a default config.yaml) in the cache. */
export function codeServerHomeEnv(): Record<string, string> {
  return {
    XDG_CONFIG_HOME: path.join(CACHE_DIR, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(CACHE_DIR, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(CACHE_DIR, 'xdg', 'cache'),
  };
}

export function codeServerReady(): boolean {
  return fs.existsSync(CODE_SERVER_READY) && fs.existsSync(CODE_SERVER_ENTRY);
}

function withLock<T>(body: () => T): T {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const lock = path.join(CACHE_DIR, 'install.lock');
  try {
    fs.mkdirSync(lock);
  } catch {
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim() || 0);
    let alive = false;
    try {
      if (pid) process.kill(pid, 0);
      alive = pid > 0;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`another e2e install (pid ${pid}) holds ${lock}; let it finish, then run again`);
    fs.rmSync(lock, { recursive: true, force: true });
    fs.mkdirSync(lock);
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  try {
    return body();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureCodeServer(): void {
  if (codeServerReady()) return;
  withLock(() => {
    if (codeServerReady()) return;
    const started = Date.now();
    const work = path.join(CACHE_DIR, 'work');
    const tmpDir = path.join(CACHE_DIR, 'tmp');
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(tmpDir, { recursive: true });

    for (const version of ripgrepVersionsOfCodeServer(work)) {
      log(`seeded the @vscode/ripgrep@${version} download cache: ${seedRipgrepCache(version, work, tmpDir)}`);
    }

    fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
    fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(CODE_SERVER_DIR, 'package.json'),
      JSON.stringify({ name: 'secure-hygiene-e2e-editors', private: true }, null, 2) + '\n',
    );
    const logFile = path.join(CACHE_DIR, 'install.log');
    fs.writeFileSync(logFile, '');
    log(`npm install code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (a few minutes; log: ${logFile})`);
    run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: CODE_SERVER_DIR,
      env: {
        ...process.env,
        TMPDIR: tmpDir,
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
      },
      logFile,
      timeoutMs: 25 * MINUTE,
    });

    const printed = run(process.execPath, [CODE_SERVER_ENTRY, '--version'], {
      env: { ...process.env, ...codeServerHomeEnv() },
      timeoutMs: MINUTE,
    });
    const version = printed.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
    if (!version) throw new Error(`code-server --version printed "${printed.trim()}", expected ${CODE_SERVER_VERSION}`);
    const rgBundled = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    if (!fs.existsSync(rgBundled)) throw new Error(`the install finished without ${rgBundled}`);
    fs.writeFileSync(CODE_SERVER_READY, JSON.stringify({ version, installedAt: new Date().toISOString() }, null, 2) + '\n');
    fs.rmSync(work, { recursive: true, force: true });
    log(`code-server ${version.split(/\s/)[0]} ready in ${Math.round((Date.now() - started) / 1000)}s`);
  });
}

export function ensureEditors(): void {
  ensureDebianPackages();
  ensureCodeServer();
}

if (require.main === module) {
  try {
    ensureEditors();
    log(`ready: ${CACHE_DIR}`);
  } catch (error) {
    log(`FAILED: ${(error as Error).message}`);
    process.exit(1);
  }
}
