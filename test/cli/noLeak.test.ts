import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri, startServer, type TestServer } from '../lsp/harness';
import { anchorFor, buildPlan, leaks, TREES, writeTree, type Plan, type Planted } from './noLeakPlan';
import { CLI_JS, ensureBuilt, runCli } from './run';

// Issue 13, "no leak, by construction": every secret rule's own sample sits on a line beside a
// reported finding, while the sample itself is suppressed, allowlisted, baselined or its rule is
// off. No output may hold a full value: CLI text, JSON and SARIF, --staged, the written baseline,
// the server's diagnostics, code-action titles, log and popups. Failures name the rule, never the value.

interface JsonReport {
  files: { path: string; findings: { ruleId: string; line: number }[] }[];
}

// No time budget: on a loaded machine a file over budget is reported "not fully scanned" and its
// findings are unknown, which would leave this test nothing to look at (the budget has its own tests).
// And no git for the plain scans: asking git about hundreds of files is slow on a shared machine, and
// no planted file is a .env (the one kind whose findings depend on git). --staged asks git, once.
const NO_BUDGET = ['--time-budget', '0'];
const PLAIN = [...NO_BUDGET, '--no-git'];

const LANGUAGES: Record<string, string> = { '.ts': 'typescript', '.py': 'python', '.sh': 'shellscript', '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.sql': 'sql' };

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd, stdio: 'ignore' });
}

describe('no leak by construction: planted secrets of every rule, in every output', function () {
  this.timeout(900_000);
  let plan: Plan;
  /** Each tree's root and what was planted in it. */
  const trees: { name: string; root: string; planted: Planted[] }[] = [];
  const temps: string[] = [];
  const temp = (name: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `sh-noleak-${name}-`));
    temps.push(dir);
    return dir;
  };

  /** Every leak in `output`, over all the planted values: a value is never whole anywhere. */
  const leaksIn = (output: string) => leaks(output, [...plan.byState.values()].flat(), plan.anchors);

  before(async () => {
    ensureBuilt();
    plan = await buildPlan();
    for (const states of TREES) {
      const name = states.join('+');
      const root = temp(name);
      const planted = writeTree(root, states, plan);
      // Staged, not committed: the plain scan calls them staged, and --staged reads them from the index.
      git(root, 'init', '-q');
      git(root, 'add', '-A');
      trees.push({ name, root, planted });
    }
  });
  after(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('plants nearly every rule, each beside a reported finding on its line and not reported itself; JSON holds no whole value', () => {
    assert.ok(plan.skipped.length <= 2, `rules whose sample could not be planted: ${plan.skipped.join(', ')}`);
    assert.ok(plan.byState.get('off')!.length >= 150, `only ${plan.byState.get('off')!.length} rules planted`);
    for (const { name, root, planted } of trees) {
      const run = runCli(['scan', '.', '-f', 'json', '--fail-on', 'none', ...PLAIN], root);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(leaksIn(run.stdout + run.stderr), [], `${name}: JSON prints whole values`);
      const report = JSON.parse(run.stdout) as JsonReport;
      const byPath = new Map(report.files.map((file) => [file.path, file.findings]));
      for (const item of planted) {
        const findings = byPath.get(item.file) ?? [];
        const anchor = anchorFor(item.ruleId).ruleId;
        assert.ok(findings.some((finding) => finding.ruleId === anchor && finding.line === item.line + 1), `${item.ruleId}: no ${anchor} reported on line ${item.line + 1} of ${item.file}`);
        assert.ok(!findings.some((finding) => finding.ruleId === item.ruleId), `${item.file}: ${item.ruleId} reported`);
      }
    }
  });

  it('CLI text and SARIF: no whole value on stdout or stderr', () => {
    for (const { name, root } of trees) {
      for (const format of ['text', 'sarif']) {
        const run = runCli(['scan', '.', '-f', format, '--fail-on', 'none', ...PLAIN], root);
        assert.equal(run.code, 0, `${name} ${format}: exit ${run.code}`);
        assert.ok(run.stdout.length > 1000, `${name} ${format}: the report is empty`);
        assert.deepEqual(leaksIn(run.stdout + run.stderr), [], `${name} ${format} prints whole values`);
      }
    }
  });

  it('CLI --staged (read from git\'s index): no whole value, in the allowlisted tree', () => {
    // One tree: --staged shares the formats with the plain scan, and git makes it slow here.
    const { name, root } = trees.find((tree) => tree.name === 'allowlisted')!;
    const run = spawnSync(process.execPath, [CLI_JS, 'scan', '--staged', '--fail-on', 'none', ...NO_BUDGET], { cwd: root, encoding: 'utf8', timeout: 600_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.status, 0, `${name} --staged: exit ${run.status} ${run.error ?? ''}`);
    assert.match(run.stdout, /secret\/aws-access-key-id/);
    assert.deepEqual(leaksIn(run.stdout + run.stderr), [], `${name} --staged prints whole values`);
  });

  it('the baseline written by --write-baseline holds fingerprints, never values', () => {
    for (const { name, root } of trees) {
      const file = path.join(temp(`baseline-${name}`), 'baseline.json');
      const run = runCli(['scan', '.', '--write-baseline', '--baseline', file, ...PLAIN], root);
      assert.equal(run.code, 0, run.stderr);
      const written = readFileSync(file, 'utf8');
      assert.match(written, /"fingerprint"/);
      assert.deepEqual(leaksIn(written + run.stdout + run.stderr), [], `${name}: the baseline or its messages hold whole values`);
    }
  });

  it('language server: diagnostics, related information, code-action titles, log and popups', async () => {
    let server: TestServer | undefined;
    try {
      // The same trees without git (as for the plain CLI scans): copies written afresh.
      const folders = TREES.map((states) => {
        const root = temp(`lsp-${states.join('+')}`);
        return { root, planted: writeTree(root, states, plan) };
      });
      server = await startServer({ cwd: folders[0].root, folders: folders.map((folder) => folder.root), settings: { secureHygiene: { timeBudgetMs: 0 } } });
      const live = server;
      const shown: string[] = [];
      for (const { root, planted } of folders) {
        const uris = planted.map((item) => fileUri(path.join(root, item.file)));
        planted.forEach((item, index) => live.open(uris[index], LANGUAGES[path.extname(item.file)] ?? 'plaintext', item.text));
        const published = await Promise.all(planted.map((item, index) => live.waitForDiagnostics(uris[index], (list) => list.some((diagnostic) => diagnostic.code === anchorFor(item.ruleId).ruleId && diagnostic.range.start.line === item.line), 120_000)));
        for (const [index, item] of planted.entries()) {
          const diagnostics = published[index];
          assert.ok(!diagnostics.some((diagnostic) => diagnostic.code === item.ruleId), `${item.file}: ${item.ruleId} published`);
          const onLine = diagnostics.filter((diagnostic: Diagnostic) => diagnostic.range.start.line === item.line);
          const actions = await live.codeActions(uris[index], onLine[0].range, onLine);
          const titles = actions.flatMap((action: CodeAction | Command) => [
            action.title,
            ...('disabled' in action && action.disabled ? [action.disabled.reason] : []),
            ...('command' in action && action.command && typeof action.command !== 'string' ? [action.command.title] : []),
          ]);
          assert.ok(titles.length > 0, `${item.file}: no code actions`);
          shown.push(JSON.stringify(diagnostics), ...titles);
          live.close(uris[index]);
        }
      }
      shown.push(...live.logs.map((log) => log.message), ...live.messages.map((message) => message.message), live.stderr());
      assert.deepEqual(leaksIn(shown.join('\n')), [], 'the server shows whole values');
    } finally {
      await server?.shutdown();
    }
  });
});
