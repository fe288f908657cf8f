import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Command } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, buildOnce, fileUri, startServer, type TestServer } from '../../lsp/harness';

// The policy diagnostics through the built language server and a real LSP client: the
// `policy/missing` hint on the manifest with the scaffold command, checks on SECURITY.md with
// their quick fixes, and the refresh command after a policy is written.

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'policy');
const isAction = (item: CodeAction | Command): item is CodeAction => typeof (item as Command).command !== 'string';

describe('language server: security policy diagnostics', function () {
  this.timeout(60_000);
  let dir: string;
  let server: TestServer;

  before(async () => {
    buildOnce();
    dir = mkdtempSync(path.join(tmpdir(), 'sh-lsp-policy-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/acme/widget.git'], { cwd: dir });
    writeFileSync(path.join(dir, 'package.json'), '{\n  "name": "widget",\n  "version": "1.4.0"\n}\n');
    server = await startServer({ cwd: dir });
  });
  after(async () => {
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hints on the manifest when there is no policy, with the scaffold command as quick fix; the hint goes once a policy exists', async () => {
    const uri = fileUri(path.join(dir, 'package.json'));
    server.open(uri, 'json', readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const diagnostics = await server.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'policy/missing'));
    const hint = diagnostics.find((d) => d.code === 'policy/missing')!;
    assert.equal(hint.severity, 3, 'Information');
    assert.equal(hint.range.start.line, 1);
    assert.match(hint.codeDescription?.href ?? '', /docs\/rules\/policy\/missing\.md$/);
    const actions = await server.codeActions(uri, hint.range, [hint]);
    const create = actions.filter(isAction).find((action) => action.command?.command === 'secureHygiene.createSecurityPolicy');
    assert.ok(create, `no scaffold action in ${JSON.stringify(actions)}`);
    assert.deepEqual(create.command?.arguments, [fileUri(dir)]);

    assert.ok(server.initializeResult.capabilities.executeCommandProvider?.commands.includes('secureHygiene.policy.refresh'));
    writeFileSync(path.join(dir, 'SECURITY.md'), readFileSync(path.join(FIXTURES, 'complete-advisory.md'), 'utf8'));
    writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n');
    const next = server.nextDiagnostics(uri, (list) => !list.some((d) => d.code === 'policy/missing'));
    await server.executeCommand('secureHygiene.policy.refresh');
    await next;
    server.close(uri);
  });

  it('checks SECURITY.md as it is edited, and its quick fix clears the finding', async () => {
    const uri = fileUri(path.join(dir, 'SECURITY.md'));
    const text = readFileSync(path.join(FIXTURES, 'old-versions.md'), 'utf8');
    server.open(uri, 'markdown', text);
    const diagnostics = await server.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'policy/unsupported-current-version'));
    const finding = diagnostics.find((d) => d.code === 'policy/unsupported-current-version')!;
    assert.equal(finding.source, 'Secure Hygiene');
    const actions = await server.codeActions(uri, finding.range, [finding]);
    const fixes = actions.filter(isAction).filter((action) => action.title === 'Add 1.x as a supported version');
    assert.equal(fixes.length, 1, `exactly one fix expected: ${JSON.stringify(actions.map((a) => a.title))}`);
    const edit = fixes[0].edit!;
    const edits = edit.changes?.[uri] ?? edit.documentChanges?.flatMap((change) => ('edits' in change && change.textDocument.uri === uri ? change.edits : [])) ?? [];
    const fixed = applyTextEdits(text, edits.map((e) => ('newText' in e ? e : e)));
    server.change(uri, fixed, 2);
    await server.nextDiagnostics(uri, (list) => list.length === 0);

    server.change(uri, fixed.replace('private vulnerability reporting](https://github.com/acme/widget', 'private vulnerability reporting](https://github.com/other/fork'), 3);
    const mismatch = await server.nextDiagnostics(uri, (list) => list.some((d) => d.code === 'policy/advisory-link-mismatch'));
    assert.equal(mismatch.find((d) => d.code === 'policy/advisory-link-mismatch')!.severity, 1, 'Error');
    server.close(uri);
  });
});
