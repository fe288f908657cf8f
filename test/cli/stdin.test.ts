import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { wantsColor } from '../../src/cli/scanCommand';
import { allValues, plantedSecrets } from './fixtureTree';
import { CLI_JS, ensureBuilt } from './run';

// `scan -` reads standard input as linters do, judged as the file --stdin-filename names; and the
// colour conventions (FORCE_COLOR, NO_COLOR) that CI systems set.

describe('CLI scan - (standard input) and colours', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  let dir: string;

  function scanStdin(input: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const run = spawnSync(process.execPath, [CLI_JS, 'scan', ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    for (const value of allValues(secrets)) assert.ok(!(run.stdout + run.stderr).includes(value), 'a full secret was printed');
    return run;
  }

  before(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'sh-stdin-'));
    writeFileSync(path.join(dir, '.secure-hygiene.json'), '{ "exclude": ["vendor/**"] }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scans standard input under the name --stdin-filename gives, never reading that file', () => {
    const run = scanStdin(`const id = '${secrets.awsKeyId}';\n`, ['-', '--stdin-filename', 'src/aws.js', '-f', 'json', '-q']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string; line: number }[] }[] };
    assert.deepEqual(report.files.map((file) => file.path), ['src/aws.js']);
    assert.deepEqual(report.files[0].findings.map((finding) => [finding.ruleId, finding.line]), [['secret/aws-access-key-id', 1]]);
  });

  it('reads the file kind from the name: the same line is quiet in a .env, a finding in code', () => {
    const text = `DB_PASSWORD='${secrets.password}'\n`;
    const asEnv = scanStdin(text, ['-', '--stdin-filename', 'config/.env.production', '-f', 'json', '-q']);
    assert.equal(asEnv.status, 0, asEnv.stdout);
    const asCode = scanStdin(text, ['-', '--stdin-filename', 'config/settings.py', '-f', 'json', '-q']);
    assert.equal(asCode.status, 1, asCode.stdout);
    const unnamed = scanStdin('nothing to see here\n', ['-']);
    assert.equal(unnamed.status, 0, unnamed.stderr);
    assert.match(unnamed.stdout, /No findings/);
  });

  it('honours the config\'s excludes for the name, and refuses mixtures', () => {
    const excluded = scanStdin(`const id = '${secrets.awsKeyId}';\n`, ['-', '--stdin-filename', 'vendor/lib.js']);
    assert.equal(excluded.status, 0, excluded.stdout);
    assert.equal(scanStdin('', ['-', 'src']).status, 2);
    assert.equal(scanStdin('', ['-', '--staged']).status, 2);
    assert.equal(scanStdin('', ['src', '--stdin-filename', 'a.js']).status, 2);
  });

  it('colours: the flag wins, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    assert.equal(wantsColor(false, true, { FORCE_COLOR: '1' }), false);
    assert.equal(wantsColor(true, false, { NO_COLOR: '1' }), true);
    assert.equal(wantsColor(undefined, false, { FORCE_COLOR: '1' }), true);
    assert.equal(wantsColor(undefined, false, { FORCE_COLOR: '0' }), false);
    assert.equal(wantsColor(undefined, true, { NO_COLOR: '1' }), false);
    assert.equal(wantsColor(undefined, true, {}), true);
    assert.equal(wantsColor(undefined, false, {}), false);
    const forced = scanStdin(`const id = '${secrets.awsKeyId}';\n`, ['-', '--stdin-filename', 'a.js'], { FORCE_COLOR: '1' });
    assert.match(forced.stdout, /\u001b\[33mwarning/);
  });
});
