import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { allValues, makeProject, plantedSecrets } from './fixtureTree';
import { assertGolden, ensureBuilt, normalize, packageVersion, runCli } from './run';

// The three output formats on one fixture project, compared with golden files (secrets masked),
// plus the structure GitHub code scanning needs from SARIF.

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; informationUri: string; version: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    automationDetails: { id: string };
    invocations: { executionSuccessful: boolean }[];
    results: SarifResult[];
  }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}
interface Snippet { snippet: { text: string } }
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number } & Snippet;
    contextRegion: { startLine: number; endLine: number } & Snippet;
  } }[];
  partialFingerprints: Record<string, string>;
}

/** The official SARIF 2.1.0 schema (OASIS, as published in @microsoft/jest-sarif), draft-04. */
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(sarifSchema);

export function assertValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, `not valid SARIF 2.1.0: ${JSON.stringify(validateSarif.errors?.slice(0, 5), null, 1)}`);
}

/** The log with only the rules its results use (indexes renumbered): the golden file stays small as rules are added. */
function usedRulesOnly(output: string): string {
  const log = JSON.parse(output) as SarifLog;
  for (const run of log.runs) {
    const used = run.tool.driver.rules.filter((rule) => run.results.some((result) => result.ruleId === rule.id));
    run.tool.driver.rules = used;
    for (const result of run.results) result.ruleIndex = used.findIndex((rule) => rule.id === result.ruleId);
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

describe('CLI output formats', function () {
  this.timeout(120_000);
  const secrets = plantedSecrets();
  const version = packageVersion();
  let root: string;

  before(() => {
    ensureBuilt();
    root = makeProject(secrets);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const assertNoSecret = (output: string) => {
    for (const value of allValues(secrets)) assert.ok(!output.includes(value), 'a full planted secret appears in the output');
  };

  it('text: findings grouped by file, masked, with one summary line', () => {
    const run = runCli(['scan', '.', '--no-color', '--no-git'], root);
    assert.equal(run.code, 1, run.stderr);
    assertNoSecret(run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colours when not on a terminal');
    assertGolden('scan.txt', normalize(run.stdout, root, version));
  });

  it('text: colours only when asked for', () => {
    const run = runCli(['scan', '.', '--color', '--no-git'], root);
    assert.match(run.stdout, /\u001b\[33mwarning/);
    assertNoSecret(run.stdout);
  });

  it('json: machine-readable, masked, no raw secret field', () => {
    const run = runCli(['scan', '--format', 'json', '--no-git', '-q'], root);
    assert.equal(run.code, 1, run.stderr);
    assertNoSecret(run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as { summary: { findings: number; binary: number }; files: { path: string; findings: Record<string, unknown>[] }[] };
    assert.equal(report.summary.findings, 4);
    assert.equal(report.summary.binary, 1);
    assert.deepEqual(report.files.map((file) => file.path), ['app/settings.py', 'deploy/aws.yml', 'src/aws.js']);
    for (const finding of report.files.flatMap((file) => file.findings)) {
      assert.equal(finding.secret, undefined);
      assert.match(String(finding.fingerprint), /^[0-9a-f]{32}$/);
    }
    assertGolden('scan.json', normalize(run.stdout, root, version));
  });

  it('sarif: valid 2.1.0 shape for GitHub code scanning', () => {
    const run = runCli(['scan', '.', '-f', 'sarif', '--no-git'], root);
    assert.equal(run.code, 1, run.stderr);
    assertNoSecret(run.stdout + run.stderr);
    assert.match(run.stderr, /^secure-hygiene: 4 findings\. Scanned/);
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const [sarifRun] = log.runs;
    const { driver } = sarifRun.tool;
    assert.equal(driver.name, 'Secure Hygiene');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(driver.version, version);
    assert.ok(sarifRun.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
    assertValidSarif(log);
    // Every rule, with or without results, so that code scanning can show any rule's help.
    const ids = new Set(driver.rules.map((rule) => rule.id));
    for (const id of ['secret/aws-access-key-id', 'secret/generic-password', 'tls/reject-unauthorized', 'path/traversal']) assert.ok(ids.has(id), id);
    for (const rule of driver.rules) {
      assert.match(rule.id, /^[a-z]+\/[a-z0-9-]+$/);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown);
      assert.ok(rule.helpUri.endsWith(`docs/rules/${rule.id}.md`));
      assert.ok(rule.properties.tags.includes('security'));
      if (/^(secret|tls|path)\//.test(rule.id)) assert.ok(rule.properties.tags.some((tag) => /^external\/cwe\/cwe-\d+$/.test(tag)), rule.id);
      assert.ok(Number(rule.properties['security-severity']) > 0);
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties.precision), rule.id);
    }
    assert.equal(sarifRun.automationDetails.id, 'secure-hygiene/');
    assert.equal(sarifRun.invocations[0].executionSuccessful, true);
    assert.equal(sarifRun.results.length, 4);
    for (const result of sarifRun.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!artifactLocation.uri.startsWith('/'));
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endColumn > region.startColumn);
      assert.match(result.partialFingerprints['secureHygiene/v1'], /^[0-9a-f]{32}$/);
      // The region's snippet is the (masked) finding itself; the context region holds its line.
      const { contextRegion } = result.locations[0].physicalLocation;
      assert.equal(contextRegion.startLine, region.startLine);
      assert.ok(contextRegion.snippet.text.includes(region.snippet.text), `${contextRegion.snippet.text} / ${region.snippet.text}`);
    }
    const aws = sarifRun.results.find((result) => result.ruleId === 'secret/aws-access-key-id')!;
    assert.deepEqual(aws.locations[0].physicalLocation.region.startLine, 5);
    assertGolden('scan.sarif', normalize(usedRulesOnly(run.stdout), root, version));
  });

  it('sarif: the schema check fails on a broken log; executionSuccessful is false when a file could not be read', () => {
    assert.throws(() => assertValidSarif({ version: '2.1.0', runs: [{ results: [] }] }), /not valid SARIF/);
    // A file over its time budget (the test hook hangs its worker) was not fully scanned.
    writeFileSync(path.join(root, 'app', 'slow.py'), 'HANG_HERE = 1\n');
    try {
      const run = runCli(['scan', 'app', '-f', 'sarif', '--no-git', '--time-budget', '2000'], root, { SECURE_HYGIENE_TEST_HANG: 'HANG_HERE' });
      assert.equal(run.code, 2, run.stderr);
      const log = JSON.parse(run.stdout) as SarifLog;
      assertValidSarif(log);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
      assert.equal(log.runs[0].results.length, 1, 'the other file is still reported');
    } finally {
      rmSync(path.join(root, 'app', 'slow.py'));
    }
  });

  it('--output writes the report to a file and the summary to stderr', () => {
    const run = runCli(['scan', '.', '-f', 'sarif', '-o', 'report.sarif', '--no-git'], root);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /4 findings/);
    rmSync(`${root}/report.sarif`);
  });
});
