import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ruleDocPath, ruleDocUrl } from '../../src/engine';
import { join, synth } from '../../src/engine/rules/samples';
import { TIME_BUDGET_RULE_ID } from '../../src/shared/timeBudget';
import { buildOnce, fileUri, REPO_ROOT, startServer, type TestServer } from './harness';

// One pathological file must not hold the server. A genuinely slow file is not deterministic (and
// the built-in patterns are being made linear), so the scan worker's test hook stands in for one:
// with SECURE_HYGIENE_TEST_HANG set, a text holding its value blocks the worker scanning it until
// the worker is terminated. The tests assert what happens, in order, never how long it took.

const MARKER = ['sh', 'test', 'hang', 'a91c'].join('-');
const hasRule = (id: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === id);
const WAIT = 30_000;
const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));

/** A TypeScript file with a secret: what the hang file would report if it were scanned. */
const withSecret = (secret: string, extra = '') => `${extra}export const accessKeyId = "${secret}";\n`;

async function withHangHook<T>(start: () => Promise<T>): Promise<T> {
  const previous = process.env.SECURE_HYGIENE_TEST_HANG;
  process.env.SECURE_HYGIENE_TEST_HANG = MARKER;
  try {
    return await start();
  } finally {
    // The server took its environment when it was spawned; nothing else in this process should hang.
    if (previous === undefined) delete process.env.SECURE_HYGIENE_TEST_HANG;
    else process.env.SECURE_HYGIENE_TEST_HANG = previous;
  }
}

describe('language server: time budget per file', function () {
  this.timeout(90_000);
  let dir: string;

  before(() => {
    buildOnce();
    dir = mkdtempSync(path.join(tmpdir(), 'sh-budget-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('while a file is still being scanned (budget far away)', () => {
    let server: TestServer;
    before(async () => {
      server = await withHangHook(() => startServer({ cwd: dir, settings: { secureHygiene: { debounceMs: 0, timeBudgetMs: 600_000 } } }));
    });
    after(async () => server?.shutdown());

    it('publishes other files, answers requests and re-scans edits while the stuck scan runs', async () => {
      const stuck = fileUri(path.join(dir, 'stuck.ts'));
      const other = fileUri(path.join(dir, 'other.ts'));
      server.open(stuck, 'typescript', withSecret(awsKeyId(11), `// ${MARKER}\n`));
      server.open(other, 'typescript', withSecret(awsKeyId(12)));

      const diagnostics = await server.waitForDiagnostics(other, hasRule('secret/aws-access-key-id'), WAIT);
      const secretDiagnostic = diagnostics.find((d) => d.code === 'secret/aws-access-key-id')!;
      const actions = await server.codeActions(other, secretDiagnostic.range, [secretDiagnostic]);
      assert.ok(actions.length > 0, 'a code action request is answered while the other scan is stuck');

      // An edit of the other file is scanned again (incrementally) and published for its version.
      server.edit(other, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, '// edited\n', 2);
      const edited = await server.nextDiagnostics(other, (found, params) => params.version === 2 && hasRule('secret/aws-access-key-id')(found), WAIT);
      assert.equal(edited.find((d) => d.code === 'secret/aws-access-key-id')!.range.start.line, 0);

      assert.equal(server.diagnosticsOf(stuck), undefined, 'the stuck file has published nothing: its scan is still running');
    });

    it('stops a long scan when its document closes, freeing its worker at once', async () => {
      // stuck.ts (above) still holds one worker; a second stuck file takes the other one.
      const stuck = fileUri(path.join(dir, 'stuck.ts'));
      const second = fileUri(path.join(dir, 'stuck-too.ts'));
      const other = fileUri(path.join(dir, 'after-close.ts'));
      server.open(second, 'typescript', withSecret(awsKeyId(16), `// ${MARKER}\n`));
      server.close(stuck);
      server.open(other, 'typescript', withSecret(awsKeyId(17)));
      // With a budget of ten minutes, only the close can have freed a worker for it.
      await server.waitForDiagnostics(other, hasRule('secret/aws-access-key-id'), WAIT);
      assert.equal(server.diagnosticsOf(second), undefined, 'the second stuck file is still being scanned');
    });
  });

  describe('over the budget (the default, 3 s)', () => {
    let server: TestServer;
    before(async () => {
      server = await withHangHook(() => startServer({ cwd: dir, settings: { secureHygiene: { debounceMs: 0 } } }));
    });
    after(async () => server?.shutdown());

    it('reports each stuck file once as not fully scanned, restarts its worker and keeps scanning the others', async () => {
      const first = fileUri(path.join(dir, 'first.ts'));
      const second = fileUri(path.join(dir, 'second.ts'));
      const other = fileUri(path.join(dir, 'fine.ts'));
      const secret = awsKeyId(13);
      // Two stuck files hold both workers; the third file is scanned by a worker started in place of one.
      server.open(first, 'typescript', withSecret(secret, `// ${MARKER}\n`));
      server.open(second, 'typescript', withSecret(awsKeyId(14), `// ${MARKER}\n`));
      server.open(other, 'typescript', withSecret(awsKeyId(15)));

      for (const uri of [first, second]) {
        const diagnostics = await server.waitForDiagnostics(uri, hasRule(TIME_BUDGET_RULE_ID), WAIT);
        assert.equal(diagnostics.length, 1, 'the budget diagnostic alone: the engine findings are unknown');
        const [budget] = diagnostics;
        assert.equal(budget.severity, DiagnosticSeverity.Warning);
        assert.equal(budget.source, 'Secure Hygiene');
        assert.equal(budget.codeDescription?.href, ruleDocUrl(TIME_BUDGET_RULE_ID));
        assert.deepEqual(budget.range.start, { line: 0, character: 0 });
        assert.match(budget.message, /^Not fully scanned: .*time budget of 3000 ms/);
        assert.match(budget.message, /secureHygiene\.timeBudgetMs/);
      }
      await server.waitForDiagnostics(other, hasRule('secret/aws-access-key-id'), WAIT);

      // The budget diagnostic has no finding behind it: no quick fix, and the request is answered.
      const [budget] = server.diagnosticsOf(first)!;
      assert.deepEqual(await server.codeActions(first, budget.range, [budget]), []);

      // Still stuck after an edit: reported again on the new version, logged only once.
      server.edit(first, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '\n', 2);
      await server.nextDiagnostics(first, (found, params) => params.version === 2 && hasRule(TIME_BUDGET_RULE_ID)(found), WAIT);
      const logged = server.logs.filter((entry) => entry.message.includes(first) && entry.message.includes('not fully scanned'));
      assert.equal(logged.length, 1, `logged once: ${JSON.stringify(logged)}`);

      // Once the file no longer holds the scan up, its findings come back and the budget diagnostic goes.
      server.change(first, withSecret(secret), 3);
      const recovered = await server.nextDiagnostics(first, (found, params) => params.version === 3, WAIT);
      assert.ok(hasRule('secret/aws-access-key-id')(recovered), JSON.stringify(recovered));
      assert.ok(!hasRule(TIME_BUDGET_RULE_ID)(recovered));
      assert.ok(!JSON.stringify(server.logs).includes(secret), 'no secret in the log');
    });
  });

  it('has a documentation page for the diagnostic', () => {
    assert.ok(existsSync(path.join(REPO_ROOT, ruleDocPath(TIME_BUDGET_RULE_ID))));
  });
});
