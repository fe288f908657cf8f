import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeWorkspaceFoldersNotification, FileChangeType, MessageType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { fingerprint, serializeBaseline } from '../../src/engine';
import { join, synth } from '../../src/engine/rules/samples';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// Configuration without restarts: the project's .secure-hygiene.json, the user's settings, the
// baseline, exclusions, and what an untrusted workspace may not run.

const awsKeyId = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const AWS = 'secret/aws-access-key-id';
const hasRule = (id: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === id);
const lacksRule = (id: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === id);

describe('language server: configuration', function () {
  this.timeout(30_000);
  let dir: string;
  let server: TestServer | undefined;
  const configFile = () => path.join(dir, '.secure-hygiene.json');
  const writeConfig = (text: string) => {
    writeFileSync(configFile(), text);
    server!.changeWatchedFiles([{ uri: fileUri(configFile()), type: FileChangeType.Changed }]);
  };

  before(() => buildOnce());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sh-config-'));
  });
  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('watches git and its config files through dynamic registration', async () => {
    server = await startServer({ cwd: dir });
    const registration = await server.waitForRegistration('workspace/didChangeWatchedFiles');
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const glob of ['**/.git/index', '**/.gitignore', '**/.secure-hygiene.json', '**/.secure-hygiene-baseline.json']) {
      assert.ok(globs.includes(glob), `watches ${glob} (got ${globs.join(', ')})`);
    }
  });

  it('applies a rule turned off in .secure-hygiene.json, and turned on again, without a restart', async () => {
    writeFileSync(configFile(), '{\n  // comments are allowed\n  "rules": { "secret/aws-access-key-id": "off" },\n}\n');
    server = await startServer({ cwd: dir });
    const uri = fileUri(path.join(dir, 'a.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(21)}";\n`);
    const first = await server.waitForDiagnostics(uri);
    assert.ok(lacksRule(AWS)(first), 'the rule is off from the start');

    writeConfig('{ "rules": { "secret/*": "error" } }');
    const on = await server.nextDiagnostics(uri, hasRule(AWS));
    assert.equal(on.find((d) => d.code === AWS)!.severity, 1, 'the severity from the file applies');

    writeConfig('{ "rules": { "secret/aws-access-key-id": "off" } }');
    await server.nextDiagnostics(uri, lacksRule(AWS));
  });

  it('applies settings changes pulled after didChangeConfiguration', async () => {
    server = await startServer({ cwd: dir, settings: { secureHygiene: { rules: {} } } });
    const uri = fileUri(path.join(dir, 'b.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(22)}";\n`);
    await server.waitForDiagnostics(uri, hasRule(AWS));

    server.setSettings({ secureHygiene: { rules: { [AWS]: 'off' } } });
    await server.nextDiagnostics(uri, lacksRule(AWS));
    server.setSettings({ secureHygiene: { rules: { [AWS]: 'hint' } } });
    const hinted = await server.nextDiagnostics(uri, hasRule(AWS));
    assert.equal(hinted[0].severity, 4);
    server.setSettings({ secureHygiene: { enable: false } });
    await server.nextDiagnostics(uri, (d) => d.length === 0);
    server.setSettings({ secureHygiene: { exclude: ['**/b.ts'] } });
    await server.nextDiagnostics(uri, (d) => d.length === 0);
    server.setSettings({ secureHygiene: {} });
    await server.nextDiagnostics(uri, hasRule(AWS));
  });

  it('warns about an invalid config file, naming it, and uses the defaults', async () => {
    writeFileSync(configFile(), '{ "rules": { "secret/aws-access-key-id": "off" ');
    server = await startServer({ cwd: dir });
    const message = await server.waitForMessage((m) => m.message.includes('.secure-hygiene.json'));
    assert.equal(message.type, MessageType.Warning);
    assert.ok(message.message.includes(configFile()), message.message);
    const uri = fileUri(path.join(dir, 'c.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(23)}";\n`);
    await server.waitForDiagnostics(uri, hasRule(AWS));

    writeConfig('{ "rules": { "secret/aws-access-key-id": "loud" } }');
    await server.waitForMessage((m) => m.message.includes('(rule secret/aws-access-key-id) must be one of'));
  });

  it('sets a whole category\'s severity with secureHygiene.severity; a rule named in rules wins, "default" keeps the built-in', async () => {
    server = await startServer({ cwd: dir, settings: { secureHygiene: { severity: { secret: 'info' } } } });
    const uri = fileUri(path.join(dir, 'sev.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(24)}";\n`);
    const info = await server.waitForDiagnostics(uri, hasRule(AWS));
    assert.equal(info.find((d) => d.code === AWS)!.severity, 3, 'info for every secret rule');
    server.setSettings({ secureHygiene: { severity: { secret: 'off' }, rules: { [AWS]: 'error' } } });
    const exact = await server.nextDiagnostics(uri, (d) => d.some((x) => x.code === AWS && x.severity === 1));
    assert.ok(exact.every((d) => d.code === AWS), 'the rest of the category is off');
    server.setSettings({ secureHygiene: { severity: { secret: 'default', tls: 'off' } } });
    const builtIn = await server.nextDiagnostics(uri, hasRule(AWS));
    assert.equal(builtIn.find((d) => d.code === AWS)!.severity, 2, 'not in git: the built-in warning');
    server.setSettings({ secureHygiene: { severity: { secrets: 'off', path: 'loud' } } });
    await server.waitForMessage((m) => m.message.includes('severity: unknown category'));
    await server.waitForMessage((m) => m.message.includes('severity.path must be one of'));
  });

  it('reports secrets in a .env git does not track only when envFiles says alwaysReport (setting or project file)', async () => {
    const env = fileUri(path.join(dir, '.env'));
    const text = `AWS_ACCESS_KEY_ID=${awsKeyId(25)}\n`;
    writeFileSync(path.join(dir, '.env'), text);
    server = await startServer({ cwd: dir });
    server.open(env, 'dotenv', text);
    await server.waitForDiagnostics(env, (d, params) => params.version === 1);
    assert.ok(lacksRule(AWS)(server.diagnosticsOf(env)!), 'quiet by default: where secrets belong');
    server.setSettings({ secureHygiene: { envFiles: 'alwaysReport' } });
    await server.nextDiagnostics(env, hasRule(AWS));
    writeConfig('{ "envFiles": "quietWhenIgnored" }');
    await server.nextDiagnostics(env, lacksRule(AWS));
    writeConfig('{ "envFiles": "sometimes" }');
    await server.waitForMessage((m) => m.message.includes('"envFiles" must be one of'));
  });

  it('reads a config using every field the schema describes without a warning', async () => {
    // The same file validates against schemas/secure-hygiene.schema.json (test/unit/schemas.test.ts).
    const config = {
      $schema: './schemas/secure-hygiene.schema.json',
      rules: { 'secret/*': 'error', 'tls/curl-insecure': 'off', 'secret/custom-acme': 'info' },
      exclude: ['vendor/**'],
      allowlist: { values: ['not-a-secret'], paths: ['fixtures/**'], patterns: ['^EXAMPLE_[A-Z]+$'] },
      customPatterns: [{ id: 'acme', title: 'Acme token', pattern: 'acme_[a-z0-9]{32}', keywords: ['acme_'], envName: 'ACME_TOKEN', severity: 'error' }],
      pathSanitizers: ['safeJoin'],
      baseline: '.secure-hygiene-baseline.json',
      envFiles: 'alwaysReport',
    };
    writeFileSync(configFile(), `// project settings\n${JSON.stringify(config, null, 2)}\n`);
    server = await startServer({ cwd: dir });
    const uri = fileUri(path.join(dir, 'full.ts'));
    server.open(uri, 'typescript', `const id = "${awsKeyId(26)}";\n`);
    const diagnostics = await server.waitForDiagnostics(uri, hasRule(AWS));
    assert.equal(diagnostics.find((d) => d.code === AWS)!.severity, 1, 'the file\'s secret/* applies');
    assert.deepEqual(server.messages.filter((m) => m.message.includes('.secure-hygiene.json')), [], 'no warning about the file');
    assert.deepEqual(server.logs.filter((m) => m.message.includes('.secure-hygiene.json') && m.type <= MessageType.Warning), []);
  });

  it('warns about invalid settings', async () => {
    server = await startServer({ cwd: dir, settings: { secureHygiene: { debounceMs: 'soon' } } });
    const message = await server.waitForMessage((m) => m.message.includes('debounceMs'));
    assert.equal(message.type, MessageType.Warning);
  });

  it('leaves out findings listed in the baseline, and follows changes to it', async () => {
    const secret = awsKeyId(24);
    const baselineFile = path.join(dir, '.secure-hygiene-baseline.json');
    writeFileSync(baselineFile, serializeBaseline({ version: 1, findings: [{ ruleId: AWS, fingerprint: fingerprint(AWS, secret, 'src/d.ts'), file: 'src/d.ts' }] }));
    server = await startServer({ cwd: dir });
    const uri = fileUri(path.join(dir, 'src', 'd.ts'));
    server.open(uri, 'typescript', `const id = "${secret}";\nconst other = "${awsKeyId(25)}";\n`);
    const diagnostics = await server.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [1], 'only the key not in the baseline');

    writeFileSync(baselineFile, serializeBaseline({ version: 1, findings: [] }));
    server.changeWatchedFiles([{ uri: fileUri(baselineFile), type: FileChangeType.Changed }]);
    await server.nextDiagnostics(uri, (d) => d.length === 2);
  });

  it('honours exclude globs from the config file', async () => {
    writeFileSync(configFile(), '{ "exclude": ["fixtures/**"] }');
    server = await startServer({ cwd: dir });
    const excluded = fileUri(path.join(dir, 'fixtures', 'keys.ts'));
    const included = fileUri(path.join(dir, 'src', 'keys.ts'));
    server.open(excluded, 'typescript', `const id = "${awsKeyId(26)}";\n`);
    server.open(included, 'typescript', `const id = "${awsKeyId(26)}";\n`);
    await server.waitForDiagnostics(included, hasRule(AWS));
    assert.deepEqual(await server.waitForDiagnostics(excluded), []);
  });

  describe('custom patterns and workspace trust', () => {
    const customConfig = JSON.stringify({ customPatterns: [{ id: 'acme', title: 'Acme token', pattern: 'acme_[a-z0-9]{24}', keywords: ['acme_'] }] });
    const token = () => join('acme_', synth('abcdefghijklmnopqrstuvwxyz0123456789', 24, 5));

    it('runs the project\'s patterns in a trusted workspace', async () => {
      writeFileSync(configFile(), customConfig);
      server = await startServer({ cwd: dir });
      const uri = fileUri(path.join(dir, 'e.ts'));
      server.open(uri, 'typescript', `const token = "${token()}";\n`);
      const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
      assert.ok(diagnostics.some((d) => String(d.code).startsWith('secret/custom-acme')), JSON.stringify(diagnostics.map((d) => d.code)));
      assert.ok(!JSON.stringify(diagnostics).includes(token()));
    });

    it('does not run them in an untrusted workspace', async () => {
      writeFileSync(configFile(), customConfig);
      server = await startServer({ cwd: dir, initializationOptions: { trusted: false } });
      const uri = fileUri(path.join(dir, 'e.ts'));
      server.open(uri, 'typescript', `const token = "${token()}";\nconst id = "${awsKeyId(27)}";\n`);
      const diagnostics = await server.waitForDiagnostics(uri);
      assert.ok(hasRule(AWS)(diagnostics), 'built-in rules still run');
      assert.ok(!diagnostics.some((d) => String(d.code).startsWith('secret/custom-')), 'workspace patterns do not');
    });
  });
});

describe('language server: several workspace folders', function () {
  this.timeout(30_000);
  let root: string;
  let server: TestServer | undefined;
  before(() => buildOnce());
  after(async () => {
    await server?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives each folder its own config, and follows folders added later', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sh-multi-'));
    const [quiet, loud, later] = ['quiet', 'loud', 'later'].map((name) => path.join(root, name));
    for (const folder of [quiet, loud, later]) mkdirSync(folder);
    writeFileSync(path.join(quiet, '.secure-hygiene.json'), '{ "rules": { "secret/*": "off" } }');
    writeFileSync(path.join(later, '.secure-hygiene.json'), '{ "rules": { "secret/*": "hint" } }');
    server = await startServer({ cwd: root, folders: [quiet, loud] });
    const text = `const id = "${awsKeyId(28)}";\n`;
    const inQuiet = fileUri(path.join(quiet, 'a.ts'));
    const inLoud = fileUri(path.join(loud, 'a.ts'));
    const inLater = fileUri(path.join(later, 'a.ts'));
    server.open(inQuiet, 'typescript', text);
    server.open(inLoud, 'typescript', text);
    server.open(inLater, 'typescript', text);
    assert.deepEqual(await server.waitForDiagnostics(inQuiet), []);
    await server.waitForDiagnostics(inLoud, hasRule(AWS));
    assert.equal((await server.waitForDiagnostics(inLater, hasRule(AWS)))[0].severity, 2, 'outside the folders: defaults');

    void server.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: fileUri(later), name: 'later' }], removed: [{ uri: fileUri(quiet), name: 'quiet' }] },
    });
    await server.waitForDiagnostics(inLater, (d) => d[0]?.severity === 4);
    await server.waitForDiagnostics(inQuiet, hasRule(AWS));
  });
});
