import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fingerprint, serializeBaseline } from '../../src/engine';
import { ListSuppressionsRequest, type SuppressionListResult } from '../../src/shared/protocol';
import { buildOnce, fileUri, startServer, type TestServer } from './harness';

// secureHygiene/listSuppressions: what the VS Code view's "Suppressions and baseline" section
// lists. Suppression comments of closed files (git-ignored files left out), their reasons and
// expiry, expired ones flagged; baseline entries with their reasons, never a value.

describe('language server: listSuppressions', function () {
  this.timeout(30_000);
  let dir: string;
  let server: TestServer | undefined;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };

  before(() => buildOnce());
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sh-suppressions-'));
  });
  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const list = () => server!.connection.sendRequest(ListSuppressionsRequest.type);

  it('lists comments of closed files with reason and expiry, flags the expired one, and leaves git-ignored files out', async () => {
    const marker = ['secure-hygiene', 'ignore'].join('-');
    write('src/a.ts', `const x = 1; // ${marker} secret/github-token until 2099-01-01 -- test fixture\r\nconst y = 2;\r\n`);
    write('src/b.py', `# ${marker}-next-line secret/* until 2001-02-03 -- revoked key\nTOKEN = "x"\n`);
    write('ignored/c.ts', `// ${marker} * -- in an ignored folder\n`);
    write('clean.ts', 'const nothing = "secure hygiene";\n');
    write('.gitignore', 'ignored/\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    server = await startServer({ cwd: dir });
    const result: SuppressionListResult = await list();
    const byFile = new Map(result.suppressions.map((s) => [path.basename(new URL(s.uri).pathname), s]));
    assert.deepEqual([...byFile.keys()].sort(), ['a.ts', 'b.py'], JSON.stringify(result));
    const a = byFile.get('a.ts')!;
    assert.deepEqual({ line: a.line, rules: a.rules, reason: a.reason, until: a.until, expired: a.expired, marker: a.marker },
      { line: 0, rules: ['secret/github-token'], reason: 'test fixture', until: '2099-01-01', expired: false, marker: marker });
    const b = byFile.get('b.py')!;
    assert.equal(b.expired, true);
    assert.equal(b.marker, `${marker}-next-line`);
    assert.equal(b.reason, 'revoked key');
    assert.deepEqual(result.baseline, []);
  });

  it('lists the baseline entries with their reasons, and the text of an open document over the one on disk', async () => {
    const print = fingerprint('secret/aws-access-key-id', 'not-a-real-value', 'src/keys.ts');
    write('.secure-hygiene-baseline.json', serializeBaseline({ version: 1, findings: [{ ruleId: 'secret/aws-access-key-id', fingerprint: print, file: 'src/keys.ts', reason: 'rotated in March' }] }));
    write('src/keys.ts', 'export const k = 1;\n');
    server = await startServer({ cwd: dir });
    const open = fileUri(path.join(dir, 'src/keys.ts'));
    server.open(open, 'typescript', `export const k = 1; // gitleaks:allow\n`);
    // Open but outside the workspace folder (a rule's page in a preview): not listed.
    const outside = mkdtempSync(path.join(tmpdir(), 'sh-outside-'));
    server.open(fileUri(path.join(outside, 'page.md')), 'markdown', 'key // gitleaks:allow\n');
    const result = await list();
    assert.equal(result.baseline.length, 1);
    assert.deepEqual({ ...result.baseline[0], baselineUri: undefined }, {
      kind: 'baseline', baselineUri: undefined, uri: open, ruleId: 'secret/aws-access-key-id', fingerprint: print, reason: 'rotated in March',
    });
    assert.equal(result.suppressions.length, 1, JSON.stringify(result));
    assert.equal(result.suppressions[0].marker, 'gitleaks:allow');
    assert.equal(result.suppressions[0].uri, open);
    rmSync(outside, { recursive: true, force: true });
  });
});
