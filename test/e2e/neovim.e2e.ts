// The language server in a second real LSP editor: Neovim's built-in client, headless, started by
// test/e2e/neovim/init.lua. Proves the server serves any LSP editor, not only VS Code.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NVIM, REPO_ROOT } from '../../scripts/e2e/paths';
import { ensureDebianPackages } from '../../scripts/e2e/setup';
import { join, synth } from '../../src/engine/rules/samples';
import { createFixture, isMasked, type Fixture } from './fixture';
import { stop, track, trackTempDir } from './harness/processes';

const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
const INIT_LUA = path.join(__dirname, 'neovim', 'init.lua');
const ACTIONS_LUA = path.join(__dirname, 'neovim', 'actions.lua');
const README = path.join(REPO_ROOT, 'README.md');
const SNIPPET_MARKER = '<!-- neovim-0.7-snippet -->';

interface NvimDiagnostic {
  line: number;
  col: number;
  severity: string;
  source?: string;
  code?: string;
  message: string;
}

interface NvimResult {
  files: Record<string, NvimDiagnostic[]>;
  codeActionProvider?: boolean;
  error?: string;
}

async function runNeovim(fixture: Fixture, files: string[], timeoutMs = 30_000): Promise<{ result: NvimResult; code: number | null; stderr: string }> {
  return runLua<NvimResult>(INIT_LUA, fixture, { SECURE_HYGIENE_SERVER: SERVER_JS, SECURE_HYGIENE_FILES: files.join(':') }, timeoutMs);
}

/** Runs a Lua script in a headless Neovim with a fresh home, and returns the JSON it printed between markers. */
async function runLua<T>(script: string, fixture: Fixture, env: Record<string, string>, timeoutMs: number): Promise<{ result: T; code: number | null; stderr: string }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-hygiene-nvim-home-'));
  const temp = trackTempDir(home);
  const child = spawn(NVIM, ['--headless', '--clean', '-n', '-i', 'NONE', '-u', script], {
    cwd: fixture.root,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      SECURE_HYGIENE_NODE: process.execPath,
      SECURE_HYGIENE_ROOT: fixture.root,
      SECURE_HYGIENE_TIMEOUT_MS: String(timeoutMs),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  track('nvim', child, true);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Neovim enforces its own timeout through vim.wait; this one only catches a hung editor.
  let timer: NodeJS.Timeout | undefined;
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (exitCode) => resolve(exitCode));
    timer = setTimeout(() => void stop(child), timeoutMs + 15_000);
  });
  clearTimeout(timer);
  await stop(child);
  temp.release();
  const json = /SECURE_HYGIENE_JSON_BEGIN\n([\s\S]*?)\nSECURE_HYGIENE_JSON_END/.exec(stdout);
  if (!json) throw new Error(`nvim (exit ${code}) printed no result.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  return { result: JSON.parse(json[1]) as T, code, stderr };
}

describe('Neovim (built-in LSP client, headless)', function () {
  let fixture: Fixture;
  let result: NvimResult;

  before(async function () {
    this.timeout(120_000);
    try {
      ensureDebianPackages();
    } catch (error) {
      throw new Error(`Neovim could not be set up, so this suite cannot run (a failure, not a skip): ${(error as Error).message}`);
    }
    if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build" (npm run test:e2e packages first)`);
    fixture = createFixture('secure-hygiene-nvim-', trackTempDir);
    const files = [fixture.committed.file, fixture.untracked.file, fixture.tls.file, fixture.traversal.file];
    const run = await runNeovim(fixture, files);
    assert.equal(run.result.error, undefined, `Neovim reported: ${run.result.error}\n${JSON.stringify(run.result, null, 1)}\n${run.stderr}`);
    assert.equal(run.code, 0, `nvim exited with ${run.code}: ${run.stderr}`);
    result = run.result;
  });

  after(function () {
    fixture?.remove();
  });

  it('publishes the committed secret as an error with its rule id, the provider named and the value masked', function () {
    const { committed } = fixture;
    const found = result.files[committed.file].find((d) => d.code === committed.ruleId);
    assert.ok(found, `a ${committed.ruleId} diagnostic in ${committed.file}: ${JSON.stringify(result.files[committed.file])}`);
    assert.equal(found.line, committed.line);
    assert.equal(found.severity, 'error');
    assert.equal(found.source, 'Secure Hygiene');
    assert.match(found.message, committed.provider);
    assert.ok(isMasked(found.message, committed.value), `masked: ${found.message}`);
  });

  it('publishes the untracked file\'s secret as a warning, masked', function () {
    const { untracked } = fixture;
    const found = result.files[untracked.file].find((d) => d.code === untracked.ruleId);
    assert.ok(found, `a ${untracked.ruleId} diagnostic in ${untracked.file}: ${JSON.stringify(result.files[untracked.file])}`);
    assert.equal(found.line, untracked.line);
    assert.equal(found.severity, 'warning');
    assert.ok(isMasked(found.message, untracked.value), `masked: ${found.message}`);
  });

  it('publishes the disabled-TLS and path-traversal findings', function () {
    const { tls, traversal } = fixture;
    const tlsFinding = result.files[tls.file].find((d) => tls.ruleId.test(d.code ?? ''));
    assert.ok(tlsFinding, `a TLS diagnostic in ${tls.file}: ${JSON.stringify(result.files[tls.file])}`);
    assert.equal(tlsFinding.line, tls.line);
    const pathFinding = result.files[traversal.file].find((d) => traversal.ruleId.test(d.code ?? ''));
    assert.ok(pathFinding, `a path diagnostic in ${traversal.file}: ${JSON.stringify(result.files[traversal.file])}`);
    assert.equal(pathFinding.line, traversal.line);
  });

  it('announces code actions to a client that is not VS Code', function () {
    assert.equal(result.codeActionProvider, true);
  });
});

interface ActionsResult {
  files: Record<string, { line: number; code?: string; source?: string; message: string }[]>;
  steps: { shell_filetype?: string; ignored_env_filetype?: string } & Record<string, { offered?: string[] } | string | undefined>;
  asked: { message: string; actions: string[] }[];
  error?: string;
}

/** The README's Neovim 0.7 block, with this machine's node and server filled in where it says /path/to. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const at = readme.indexOf(SNIPPET_MARKER);
  assert.ok(at >= 0, `README.md has the ${SNIPPET_MARKER} block`);
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, 'a Lua block follows the marker');
  const lua = block[1];
  assert.ok(lua.includes("'node', '/path/to/secure-hygiene/dist/server.js'"), 'the block names node and the server as the text around it says');
  return lua.replace("'node', '/path/to/secure-hygiene/dist/server.js'", `${JSON.stringify(process.execPath)}, ${JSON.stringify(SERVER_JS)}`);
}

describe('Neovim 0.7: the README\'s configuration, a shell script, .env files and two code actions applied', function () {
  const REASON = 'False positive';
  let fixture: Fixture;
  let result: ActionsResult;
  const trackedEnv = 'deploy/.env';
  const shell = 'scripts/health.sh';
  const trackedKey = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 91));

  before(async function () {
    this.timeout(180_000);
    ensureDebianPackages();
    if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run "npm run build"`);
    fixture = createFixture('secure-hygiene-nvim-actions-', trackTempDir);
    const { root } = fixture;
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.writeFileSync(path.join(root, shell), '#!/bin/sh\n# Checks the internal endpoint after a deploy.\ncurl -k -s https://internal.example.invalid/health\n');
    // A .env that git tracks (forced past the committed .gitignore): its secret is a finding.
    fs.mkdirSync(path.join(root, 'deploy'));
    fs.writeFileSync(path.join(root, trackedEnv), `AWS_ACCESS_KEY_ID=${trackedKey}\n`);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@secure-hygiene.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
    git('add', '-f', trackedEnv, shell);
    git('commit', '-q', '-m', 'deploy settings');
    const snippet = path.join(path.dirname(root), 'secure-hygiene.lua');
    fs.writeFileSync(snippet, readmeSnippet());
    const run = await runLua<ActionsResult>(ACTIONS_LUA, fixture, {
      SECURE_HYGIENE_SNIPPET: snippet,
      SECURE_HYGIENE_SHELL: shell,
      SECURE_HYGIENE_IGNORED_ENV: fixture.ignoredEnv.file,
      SECURE_HYGIENE_TRACKED_ENV: trackedEnv,
      SECURE_HYGIENE_SUPPRESS: `${fixture.suppressible.file}:${fixture.suppressible.line}`,
      SECURE_HYGIENE_MOVE: `${fixture.movable.file}:${fixture.movable.line}`,
      SECURE_HYGIENE_REASON: REASON,
    }, 45_000);
    assert.equal(run.result.error, undefined, `Neovim reported: ${run.result.error}\n${JSON.stringify(run.result, null, 1)}\n${run.stderr}`);
    assert.equal(run.code, 0, `nvim exited with ${run.code}: ${run.stderr}`);
    result = run.result;
  });

  after(function () {
    fixture?.remove();
  });

  const read = (file: string) => fs.readFileSync(path.join(fixture.root, file), 'utf8');

  it('attaches every buffer with the README\'s block and reports curl -k in a shell script (filetype sh)', function () {
    assert.equal(result.steps.shell_filetype, 'sh');
    const found = result.files[shell].find((d) => /^tls\//.test(d.code ?? ''));
    assert.ok(found, JSON.stringify(result.files[shell]));
    assert.equal(found.line, 3);
  });

  it('keeps a git-ignored .env\'s secret quiet (Neovim calls it sh) and flags the one git tracks', function () {
    const { ignoredEnv } = fixture;
    const ignored = result.files[ignoredEnv.file];
    assert.ok(!ignored.some((d) => /^secret\//.test(d.code ?? '')), `no secret finding in the ignored .env: ${JSON.stringify(ignored)}`);
    assert.ok(ignored.some((d) => d.line === ignoredEnv.tlsLine && /^tls\//.test(d.code ?? '')), `its TLS line still is: ${JSON.stringify(ignored)}`);
    const tracked = result.files[trackedEnv];
    assert.ok(tracked.some((d) => /^secret\//.test(d.code ?? '')), JSON.stringify(tracked));
    assert.ok(tracked.every((d) => isMasked(d.message, trackedKey)), 'masked');
  });

  it('ignores a finding with a reason the server asked for, on the line above, in the file on disk', function () {
    const { suppressible } = fixture;
    assert.equal(result.asked.length, 1, JSON.stringify(result.asked));
    assert.match(result.asked[0].message, /why is ignoring secret\/github-token on this line acceptable/);
    assert.ok(result.asked[0].actions.includes(REASON));
    const lines = read(suppressible.file).split('\n');
    assert.equal(lines[suppressible.line - 1], `  // secure-hygiene-ignore-next-line ${suppressible.ruleId} -- ${REASON}`);
    assert.equal(lines[suppressible.line], suppressible.text, 'the finding\'s line is unchanged, byte for byte');
    assert.ok(!result.files[suppressible.file].some((d) => d.code === suppressible.ruleId), 'and the finding is gone');
  });

  it('moves a secret to the git-ignored .env in one edit: the code reads the environment, .env holds the value', function () {
    const { movable, ignoredEnv } = fixture;
    const source = read(movable.file);
    assert.ok(!source.includes(movable.value), 'the secret left the source');
    assert.match(source.split('\n')[movable.line - 1], /process\.env\.[A-Z_]+/);
    const env = read(ignoredEnv.file);
    assert.ok(env.includes(movable.value), 'the value is in .env');
    assert.ok(env.startsWith('# local settings, git-ignored\n'), 'the .env kept its lines');
    assert.ok(!result.files[movable.file].some((d) => d.code === movable.ruleId && d.line === movable.line));
  });
});
