// The language server in a second real LSP editor: Neovim's built-in client, headless, started by
// test/e2e/neovim/init.lua. Proves the server serves any LSP editor, not only VS Code.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NVIM, REPO_ROOT } from '../../scripts/e2e/paths';
import { ensureDebianPackages } from '../../scripts/e2e/setup';
import { createFixture, isMasked, type Fixture } from './fixture';
import { stop, track, trackTempDir } from './harness/processes';

const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');
const INIT_LUA = path.join(__dirname, 'neovim', 'init.lua');

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
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-hygiene-nvim-home-'));
  const temp = trackTempDir(home);
  const child = spawn(NVIM, ['--headless', '--clean', '-n', '-i', 'NONE', '-u', INIT_LUA], {
    cwd: fixture.root,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      SECURE_HYGIENE_NODE: process.execPath,
      SECURE_HYGIENE_SERVER: SERVER_JS,
      SECURE_HYGIENE_ROOT: fixture.root,
      SECURE_HYGIENE_FILES: files.join(':'),
      SECURE_HYGIENE_TIMEOUT_MS: String(timeoutMs),
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
  return { result: JSON.parse(json[1]) as NvimResult, code, stderr };
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
