import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  cellCovers, cellSaysSupported, contactProblem, isPlaceholderHost, parseManifest, parseRemoteUrl, parseVersion,
  policyRules, privateChannelOf, supportedVersionRows, unifiedDiff,
} from '../../../src/engine/policy';
import { ruleDocPath } from '../../../src/engine';
import { detectWebFrontEnd, findPolicyFile, isPolicyPath, manifestRepository } from '../../../src/shared/projectFacts';

// The pure pieces the scaffold and the checks stand on: remotes, manifests, versions, contacts.

const ROOT = path.join(__dirname, '..', '..', '..');

describe('policy facts: git remotes', () => {
  const cases: [string, { provider: string; host: string; path: string; webUrl: string } | undefined][] = [
    ['git@github.com:acme/widget.git', { provider: 'github', host: 'github.com', path: 'acme/widget', webUrl: 'https://github.com/acme/widget' }],
    ['https://github.com/acme/widget', { provider: 'github', host: 'github.com', path: 'acme/widget', webUrl: 'https://github.com/acme/widget' }],
    ['https://x-access-token:abc123@github.com/acme/widget.git', { provider: 'github', host: 'github.com', path: 'acme/widget', webUrl: 'https://github.com/acme/widget' }],
    ['ssh://git@ssh.github.com:443/acme/widget.git', { provider: 'github', host: 'github.com', path: 'acme/widget', webUrl: 'https://github.com/acme/widget' }],
    ['git@gitlab.com:grain/tools/grainstore.git', { provider: 'gitlab', host: 'gitlab.com', path: 'grain/tools/grainstore', webUrl: 'https://gitlab.com/grain/tools/grainstore' }],
    ['https://gitlab.acme-corp.net:8443/team/app.git', { provider: 'gitlab', host: 'gitlab.acme-corp.net', path: 'team/app', webUrl: 'https://gitlab.acme-corp.net:8443/team/app' }],
    ['https://user@bitbucket.org/ledger/core.git', { provider: 'bitbucket', host: 'bitbucket.org', path: 'ledger/core', webUrl: 'https://bitbucket.org/ledger/core' }],
    ['ssh://git@git.acme-corp.net:2222/payments/billing.git', { provider: 'other', host: 'git.acme-corp.net', path: 'payments/billing', webUrl: 'https://git.acme-corp.net/payments/billing' }],
    ['/srv/git/widget.git', undefined],
    ['file:///srv/git/widget.git', undefined],
    ['C:\\repos\\widget', undefined],
    ['https://github.com/only-owner', undefined],
  ];
  for (const [remote, expected] of cases) {
    it(`reads ${remote}`, () => assert.deepEqual(parseRemoteUrl(remote), expected));
  }

  it('falls back on package.json\'s repository field in its three shapes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sh-manifest-repo-'));
    try {
      const withRepository = (repository: unknown) => {
        writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'widget', repository }));
        return manifestRepository(dir)?.webUrl;
      };
      assert.equal(withRepository({ type: 'git', url: 'git+https://github.com/acme/widget.git' }), 'https://github.com/acme/widget');
      assert.equal(withRepository('gitlab:grain/tools'), 'https://gitlab.com/grain/tools');
      assert.equal(withRepository('acme/widget'), 'https://github.com/acme/widget');
      assert.equal(withRepository({ type: 'git' }), undefined);
      assert.equal(withRepository('/srv/git/widget.git'), undefined);
      writeFileSync(path.join(dir, 'package.json'), '{ not json');
      assert.equal(manifestRepository(dir), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names each host\'s private channel', () => {
    assert.equal(privateChannelOf(parseRemoteUrl('git@github.com:acme/widget.git'))?.url, 'https://github.com/acme/widget/security/advisories/new');
    assert.match(privateChannelOf(parseRemoteUrl('git@gitlab.com:grain/tools/grainstore.git'))?.url ?? '', /\/-\/issues\/new\?issue%5Bconfidential%5D=true$/);
    assert.equal(privateChannelOf(parseRemoteUrl('git@bitbucket.org:ledger/core.git')), undefined);
    assert.equal(privateChannelOf(undefined), undefined);
  });
});

describe('policy facts: manifests', () => {
  it('reads poetry projects and skips computed versions', () => {
    assert.deepEqual(parseManifest('python', '[tool.poetry]\nname = "poet"\nversion = "1.2.3"\n'), { name: 'poet', version: '1.2.3', email: undefined });
    assert.equal(parseManifest('python', '[project]\nname = "dyn"\ndynamic = ["version"]\n').version, undefined);
    assert.equal(parseManifest('cargo', '[package]\nname = "ws"\nversion.workspace = true\n').version, undefined);
    assert.equal(parseManifest('maven', '<project><artifactId>a</artifactId><version>${revision}</version></project>').version, undefined);
  });

  it('prefers PackageId, then AssemblyName, then the file name for .csproj', () => {
    assert.equal(parseManifest('dotnet', '<Project><PropertyGroup><PackageId>Acme.Pkg</PackageId></PropertyGroup></Project>', 'src/X.csproj').name, 'Acme.Pkg');
    assert.equal(parseManifest('dotnet', '<Project></Project>', 'Tools.Cli.csproj').name, 'Tools.Cli');
  });

  it('does not throw on broken manifests', () => {
    assert.deepEqual(parseManifest('npm', '{ not json'), {});
    assert.deepEqual(parseManifest('go', ''), {});
  });
});

describe('policy facts: versions', () => {
  it('parses release versions and tags', () => {
    assert.deepEqual(parseVersion('v1.4'), { major: 1, minor: 4, patch: 0 });
    assert.deepEqual(parseVersion('widget@2.3.1'), { major: 2, minor: 3, patch: 1 });
    assert.deepEqual(parseVersion('release-0.9.12'), { major: 0, minor: 9, patch: 12 });
    assert.equal(parseVersion('nightly'), undefined);
  });

  it('supports the current major from 1.0 on, the current minor below it', () => {
    assert.deepEqual(supportedVersionRows('1.4.0', ['v0.8.0', 'v0.9.1', 'v1.0.0']).map((row) => [row.label, row.supported]), [['1.x', true], ['0.x', false]]);
    assert.deepEqual(supportedVersionRows('0.3.2', ['0.1.0', '0.2.5', '0.3.0']).map((row) => [row.label, row.supported]), [['0.3.x', true], ['0.2.x', false], ['0.1.x', false], ['< 0.1', false]]);
    assert.deepEqual(supportedVersionRows('3.0.0', []).map((row) => [row.label, row.supported]), [['3.x', true], ['< 3.0', false]]);
    assert.deepEqual(supportedVersionRows(undefined, ['v2.1.0', 'v2.2.0-rc.1']).map((row) => row.label), ['2.x', '< 2.0']);
    assert.equal(supportedVersionRows(undefined, []).length, 1);
    assert.ok(supportedVersionRows(undefined, [])[0].supported);
  });

  it('reads table cells', () => {
    const v = parseVersion('1.4.0')!;
    assert.equal(cellCovers('`1.x`', v), true);
    assert.equal(cellCovers('1.4.x (current)', v), true);
    assert.equal(cellCovers('>= 1.0, < 2.0', v), true);
    assert.equal(cellCovers('>=1.0 <1.4', v), false);
    assert.equal(cellCovers('<= 1.4', v), true);
    assert.equal(cellCovers('0.1.x', v), false);
    assert.equal(cellCovers('Notes', v), undefined);
    assert.equal(cellSaysSupported(':white_check_mark:'), true);
    assert.equal(cellSaysSupported('Not supported'), false);
    assert.equal(cellSaysSupported('EOL since 2024'), false);
    assert.equal(cellSaysSupported('maybe'), undefined);
  });
});

describe('policy facts: contacts', () => {
  it('accepts real addresses and explains why others are refused', () => {
    assert.equal(contactProblem('security@acme-widgets.io'), undefined);
    assert.equal(contactProblem('sec+reports@mail.acme.co.uk'), undefined);
    assert.match(contactProblem('') ?? '', /Enter/);
    assert.match(contactProblem('not an address') ?? '', /not an e-mail/);
    assert.match(contactProblem('a@localhost') ?? '', /not an e-mail/);
    assert.match(contactProblem('a@mail.x1') ?? '', /top-level domain/);
    for (const address of ['security@example.com', 'security@example.org', 'security@sub.example.net', 'security@acme.test', 'security@acme.example', 'security@acme.invalid', 'security@app.localhost', 'security@yourdomain.com', 'me@my-company.org']) {
      assert.match(contactProblem(address) ?? '', /reserved|fill-in/, address);
    }
    assert.match(contactProblem('your-email@acme-widgets.io') ?? '', /fill-in/);
    assert.equal(isPlaceholderHost('examples.com'), false);
    assert.equal(isPlaceholderHost('EXAMPLE.COM.'), true);
  });
});

describe('policy facts: files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sh-policy-facts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a policy in the root, .github/ or docs/, any case', () => {
    assert.equal(findPolicyFile(dir), undefined);
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'security.md'), '# x\n');
    assert.equal(findPolicyFile(dir), 'docs/security.md');
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github', 'SECURITY.md'), '# x\n');
    assert.equal(findPolicyFile(dir), '.github/SECURITY.md');
    assert.ok(isPolicyPath('SECURITY.md') && isPolicyPath('.github/SECURITY.markdown') && isPolicyPath('docs/Security.md'));
    assert.ok(!isPolicyPath('src/SECURITY.md') && !isPolicyPath('docs/deep/SECURITY.md') && !isPolicyPath('SECURITY.json'));
  });

  it('detects a web front end by folder, index.html or front-end dependencies', () => {
    assert.deepEqual(detectWebFrontEnd(dir), { hasWebFrontEnd: false });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ devDependencies: { vite: '5' } }));
    assert.deepEqual(detectWebFrontEnd(dir), { hasWebFrontEnd: true });
    mkdirSync(path.join(dir, 'static'));
    assert.deepEqual(detectWebFrontEnd(dir), { hasWebFrontEnd: true, webRoot: 'static' });
  });
});

describe('policy rules', () => {
  it('each has a documentation page', () => {
    assert.equal(policyRules.length, 8);
    for (const rule of policyRules) {
      assert.match(rule.id, /^policy\/[a-z-]+$/);
      assert.ok(existsSync(path.join(ROOT, ruleDocPath(rule.id))), `missing ${ruleDocPath(rule.id)}`);
    }
  });

  it('the CLI diff shows what would change', () => {
    const diff = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'old', 'new');
    assert.equal(diff, '--- old\n+++ new\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n');
    assert.equal(unifiedDiff('same\n', 'same\n', 'old', 'new'), '');
  });
});
