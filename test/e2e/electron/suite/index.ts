// Runs inside VS Code desktop's extension host (bundled by ../run.ts). The scenarios of the
// code-server suite that the vscode API can express, on the same fixture (passed in the environment).
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { isMasked, type Fixture, type PlantedSecret } from '../../fixture';

const EXTENSION_ID = 'secure-hygiene.secure-hygiene';

function fixture(): Omit<Fixture, 'remove'> {
  const raw = process.env.SECURE_HYGIENE_E2E_FIXTURE;
  if (!raw) throw new Error('SECURE_HYGIENE_E2E_FIXTURE is not set');
  const parsed = JSON.parse(raw) as Omit<Fixture, 'remove'>;
  // RegExps do not survive JSON: the rule ids' shapes are restored here.
  parsed.tls.ruleId = /^tls\//;
  parsed.traversal.ruleId = /^path\/traversal/;
  for (const secret of [parsed.committed, parsed.untracked, parsed.movable, parsed.suppressible]) {
    secret.provider = secret.ruleId.startsWith('secret/aws') ? /AWS access key/i : /GitHub/i;
  }
  return parsed;
}

/** Resolves with the file's diagnostics once one matches `code` (on the diagnostics event, no polling). */
function diagnosticFor(uri: vscode.Uri, code: RegExp, timeoutMs = 30_000): Promise<vscode.Diagnostic> {
  const find = () =>
    vscode.languages.getDiagnostics(uri).find((d) => code.test(String(typeof d.code === 'object' ? d.code.value : d.code)));
  return new Promise((resolve, reject) => {
    const now = find();
    if (now) return resolve(now);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no ${code} diagnostic on ${uri.fsPath} within ${timeoutMs / 1000}s: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const found = find();
      if (!found) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(found);
    });
  });
}

function scenarios(suite: Mocha.Suite): void {
  const data = fixture();
  const uriOf = (relative: string) => vscode.Uri.file(`${data.root}/${relative}`);
  const open = async (secret: { file: string }) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(secret.file)));

  const checkSecret = async (secret: PlantedSecret, severity: vscode.DiagnosticSeverity) => {
    await open(secret);
    const diagnostic = await diagnosticFor(uriOf(secret.file), new RegExp(`^${secret.ruleId}$`));
    assert.equal(diagnostic.severity, severity);
    assert.equal(diagnostic.source, 'Secure Hygiene');
    assert.equal(diagnostic.range.start.line, secret.line - 1);
    assert.match(diagnostic.message, secret.provider);
    assert.ok(isMasked(diagnostic.message, secret.value), diagnostic.message);
  };

  suite.addTest(new Mocha.Test('activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.ok(extension.isActive);
  }));
  suite.addTest(new Mocha.Test('the committed secret is an Error, masked, with its rule id', () => checkSecret(data.committed, vscode.DiagnosticSeverity.Error)));
  suite.addTest(new Mocha.Test('the untracked secret is a Warning', () => checkSecret(data.untracked, vscode.DiagnosticSeverity.Warning)));
  suite.addTest(new Mocha.Test('the light bulb offers "Move ... to .env"', async () => {
    await open(data.movable);
    const diagnostic = await diagnosticFor(uriOf(data.movable.file), /^secret\//);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uriOf(data.movable.file), diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((action) => /^Move .*\.env/.test(action.title)), JSON.stringify(actions.map((action) => action.title)));
  }));
  suite.addTest(new Mocha.Test('TLS and path-traversal findings show', async () => {
    await open(data.tls);
    await diagnosticFor(uriOf(data.tls.file), data.tls.ruleId);
    await open(data.traversal);
    await diagnosticFor(uriOf(data.traversal.file), data.traversal.ruleId);
  }));
  suite.addTest(new Mocha.Test('the Create Security Policy command is registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.some((command) => /^secureHygiene\..*[Pp]olicy/.test(command)), 'a secureHygiene.*policy command');
  }));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  const suite = Mocha.Suite.create(mocha.suite, 'Secure Hygiene in VS Code desktop (@vscode/test-electron)');
  scenarios(suite);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} scenario(s) failed`)) : resolve()));
  });
}
