import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../lsp/harness';
import { ensureBuilt } from './run';

// What the two packages carry: the npm package only what the CLI and the server need (bundles,
// grammars, the rule docs the tools link to, README, LICENSE, CHANGELOG), the .vsix only what the
// extension loads. Runtime libraries are bundled, so the npm package declares no dependencies.

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const NPM_ALLOWED = /^(?:dist\/(?:cli|cliMain|cliWorker|server|serverWorker)\.js|dist\/tree-sitter\/[\w-]+\.wasm|docs\/rules\/[\w/.-]+\.md|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
const VSIX_ALLOWED = /^(?:dist\/(?:client|server|serverWorker)\.js|dist\/tree-sitter\/[\w-]+\.wasm|docs\/rules\/[\w/.-]+\.md|media\/[\w/.-]+|snippets\/[\w.-]+\.json|schemas\/[\w.-]+\.schema\.json|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

describe('packaging: npm pack and vsce ls', function () {
  this.timeout(180_000);
  before(() => ensureBuilt());

  it('npm pack ships the CLI and server bundles, the grammars and the docs, nothing else, and needs no dependency', () => {
    const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'])) as { files: { path: string }[] }[];
    const files = pack.files.map((file) => file.path);
    const stray = files.filter((file) => !NPM_ALLOWED.test(file));
    assert.deepEqual(stray, [], 'files the npm package should not carry');
    for (const needed of ['dist/cli.js', 'dist/cliMain.js', 'dist/cliWorker.js', 'dist/server.js', 'dist/serverWorker.js', 'dist/tree-sitter/tree-sitter.wasm', 'docs/rules/secret/aws-access-key-id.md', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(needed), `missing ${needed}`);
    }
    const manifest = JSON.parse(run('node', ['-p', 'JSON.stringify(require("./package.json"))'])) as { dependencies?: Record<string, string> };
    assert.equal(manifest.dependencies, undefined, 'runtime libraries are bundled: no dependencies to install');
  });

  it('the .vsix carries what the extension loads, without the CLI bundles or source maps', () => {
    const files = run('npx', ['vsce', 'ls', '--no-dependencies']).split('\n').filter(Boolean);
    const stray = files.filter((file) => !VSIX_ALLOWED.test(file));
    assert.deepEqual(stray, [], 'files the .vsix should not carry');
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/serverWorker.js', 'dist/tree-sitter/tree-sitter-javascript.wasm', 'media/icon.png', 'docs/rules/tls/reject-unauthorized.md', 'schemas/secure-hygiene.schema.json', 'schemas/secure-hygiene-baseline.schema.json']) {
      assert.ok(files.includes(needed), `missing ${needed}`);
    }
  });
});
