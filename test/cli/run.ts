import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { buildOnce, REPO_ROOT } from '../lsp/harness';

// Runs the built CLI the way a user or CI does, and compares outputs with golden files.

export const CLI_JS = path.join(REPO_ROOT, 'dist', 'cli.js');
export const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'expected');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function ensureBuilt(): void {
  buildOnce();
  assert.ok(existsSync(CLI_JS), `${CLI_JS} was not built`);
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI_JS, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Replaces what differs between runs and machines: the temp root, the version, timings. */
export function normalize(output: string, root: string, version: string): string {
  const rootUrl = new URL(`file://${root}/`).href;
  return output
    .split(rootUrl).join('file:///ROOT/')
    .split(root).join('<root>')
    .split(`"${version}"`).join('"<version>"')
    .replace(/ in \d+ ms/g, ' in <n> ms')
    .replace(/"elapsedMs": \d+/g, '"elapsedMs": 0');
}

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it instead. */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (!existsSync(file) && process.env.UPDATE_GOLDEN !== '1' && process.env.CI) {
      assert.fail(`golden file ${name} is missing; run UPDATE_GOLDEN=1 npx mocha test/cli`);
    }
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${path.relative(REPO_ROOT, file)} (UPDATE_GOLDEN=1 rewrites it)`);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
