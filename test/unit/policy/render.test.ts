import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import {
  answersProblem, checkPolicy, defaultAnswers, renderPolicy, renderSecurityTxt, type ManifestKind, type PolicyAnswers,
} from '../../../src/engine/policy';
import { fileExistsIn, loadProjectFacts } from '../../../src/shared/projectFacts';

type Token = ReturnType<MarkdownIt['parse']>[number];

// Renders policies for fixture projects of every manifest kind (built in temp folders, with a real
// git repository, remote and tags), parses the Markdown and checks every section.

interface FixtureProject {
  kind: ManifestKind | 'none';
  files: Record<string, string>;
  remote?: string;
  tags?: string[];
  expect: { name: string; version?: string; supportedRow: string; webUrl?: string };
}

const PROJECTS: FixtureProject[] = [
  {
    kind: 'npm',
    files: { 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.4.0', bugs: { email: 'security@acme-widgets.io' }, dependencies: { react: '^18.0.0' } }, null, 2) },
    remote: 'git@github.com:acme/widget.git',
    tags: ['v0.9.0', 'v1.0.0', 'v1.4.0', 'v1.5.0-rc.1'],
    expect: { name: '@acme/widget', version: '1.4.0', supportedRow: '| 1.x | Yes |', webUrl: 'https://github.com/acme/widget' },
  },
  {
    kind: 'python',
    files: { 'pyproject.toml': '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "grainstore"\nversion = "0.3.2"  # bumped by CI\nauthors = [{ name = "Ada", email = "ada@grainstore.dev" }]\n' },
    remote: 'https://gitlab.com/grain/tools/grainstore.git',
    tags: ['0.2.0', '0.3.0', '0.3.2'],
    expect: { name: 'grainstore', version: '0.3.2', supportedRow: '| 0.3.x | Yes |', webUrl: 'https://gitlab.com/grain/tools/grainstore' },
  },
  {
    kind: 'cargo',
    files: { 'Cargo.toml': '[package]\nname = "ferrous-cache"\nversion = "2.0.1"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1.0" }\n' },
    remote: 'ssh://git@github.com/ferrous/cache.git',
    expect: { name: 'ferrous-cache', version: '2.0.1', supportedRow: '| 2.x | Yes |', webUrl: 'https://github.com/ferrous/cache' },
  },
  {
    kind: 'go',
    files: { 'go.mod': 'module github.com/gopher/tunnel/v3\n\ngo 1.22\n' },
    remote: 'https://github.com/gopher/tunnel',
    tags: ['v3.1.0', 'v3.2.4', 'v2.9.0', 'not-a-version'],
    expect: { name: 'tunnel', version: '3.2.4', supportedRow: '| 3.x | Yes |', webUrl: 'https://github.com/gopher/tunnel' },
  },
  {
    kind: 'dotnet',
    files: { 'Ledger.Core.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n    <Version>5.2.0</Version>\n  </PropertyGroup>\n</Project>\n' },
    remote: 'git@bitbucket.org:ledger/core.git',
    expect: { name: 'Ledger.Core', version: '5.2.0', supportedRow: '| 5.x | Yes |', webUrl: 'https://bitbucket.org/ledger/core' },
  },
  {
    kind: 'maven',
    files: { 'pom.xml': '<project>\n  <parent>\n    <groupId>org.parent</groupId>\n    <artifactId>parent-pom</artifactId>\n    <version>9.9.9</version>\n  </parent>\n  <artifactId>billing-service</artifactId>\n  <version>1.12.3</version>\n  <dependencies>\n    <dependency><artifactId>junit</artifactId><version>4.13</version></dependency>\n  </dependencies>\n</project>\n' },
    remote: 'ssh://git@git.acme-corp.net:2222/payments/billing-service.git',
    expect: { name: 'billing-service', version: '1.12.3', supportedRow: '| 1.x | Yes |', webUrl: 'https://git.acme-corp.net/payments/billing-service' },
  },
  {
    kind: 'gem',
    files: { 'rack_guard.gemspec': 'Gem::Specification.new do |spec|\n  spec.name = "rack_guard"\n  spec.version = "0.9.1"\n  spec.email = ["maintainers@rackguard.org"]\nend\n' },
    remote: 'git@github.com:rackguard/rack_guard.git',
    expect: { name: 'rack_guard', version: '0.9.1', supportedRow: '| 0.9.x | Yes |', webUrl: 'https://github.com/rackguard/rack_guard' },
  },
  {
    kind: 'composer',
    files: { 'composer.json': JSON.stringify({ name: 'acme/mailer', type: 'library' }), 'public/index.php': '<?php echo "hi";\n' },
    remote: 'https://github.com/acme/mailer.git',
    tags: ['v4.0.0', 'v4.1.0', 'v3.8.2'],
    expect: { name: 'acme/mailer', version: '4.1.0', supportedRow: '| 4.x | Yes |', webUrl: 'https://github.com/acme/mailer' },
  },
  {
    kind: 'none',
    files: { 'README.md': '# scripts\n' },
    expect: { name: '<folder>', supportedRow: '| Latest commit on the default branch | Yes |' },
  },
];

const REQUIRED_HEADINGS = ['Supported versions', 'Reporting a vulnerability', 'What to include', 'Response timeline', 'Disclosure policy', 'Contact'];
const OPTIONAL_HEADINGS = ['Scope', 'Security practices for users', 'Safe harbor', 'Recognition'];

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@acme-widgets.io', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

function makeProject(project: FixtureProject, parent: string): string {
  const dir = path.join(parent, `proj-${project.kind}`);
  for (const [file, text] of Object.entries(project.files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, 'init', '-q');
  if (project.remote) git(dir, 'remote', 'add', 'origin', project.remote);
  if (project.tags?.length) {
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'initial');
    for (const tag of project.tags) git(dir, 'tag', tag);
  }
  return dir;
}

function headings(tokens: Token[]): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') out.push({ level: Number(token.tag.slice(1)), text: tokens[index + 1].content });
  });
  return out;
}

function links(tokens: Token[]): string[] {
  return tokens.flatMap((token) => token.children ?? []).filter((token) => token.type === 'link_open').map((token) => token.attrGet('href') ?? '');
}

/** An approximation of OpenSSF Scorecard's Security-Policy content check (link or address, free text, disclosure/vulnerability words or numbers). */
function scorecardScore(text: string): number {
  const urls = text.match(/(http|https):\/\/[a-zA-Z0-9./?=_%:-]*/g) ?? [];
  const emails = text.match(/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}\b/g) ?? [];
  const hits = text.match(/\b[0-9]{1,4}\b|Disclos|Vuln/gi) ?? [];
  const linked = urls.join('').length + emails.join('').length;
  let score = 0;
  if (urls.length + emails.length > 0) score += 6;
  if (text.length - linked > 1) score += 3;
  if (hits.length > 0) score += 1;
  return score;
}

describe('rendering SECURITY.md for fixture projects of every manifest kind', function () {
  this.timeout(60_000);
  const md = new MarkdownIt();
  let parent: string;

  before(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'sh-policy-render-'));
  });
  after(() => rmSync(parent, { recursive: true, force: true }));

  for (const project of PROJECTS) {
    it(`${project.kind}: infers the facts and renders every section`, async () => {
      const dir = makeProject(project, parent);
      const facts = await loadProjectFacts(dir);
      assert.equal(facts.name, project.expect.name === '<folder>' ? path.basename(dir) : project.expect.name);
      assert.equal(facts.version, project.expect.version);
      assert.equal(facts.manifest?.kind, project.kind === 'none' ? undefined : project.kind);
      assert.equal(facts.repository?.webUrl, project.expect.webUrl);

      const overrides: Partial<PolicyAnswers> = {};
      // Hosts without a private channel (Bitbucket, self-hosted, none) need an address.
      if (answersProblem(defaultAnswers(facts))) overrides.contactEmail = 'security@acme-widgets.io';
      const answers = defaultAnswers(facts, { ...overrides, pgpKey: { url: 'https://keys.acme-widgets.io/security.asc', fingerprint: '0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567' } });
      const text = renderPolicy(answers);

      const tokens = md.parse(text, {});
      const found = headings(tokens);
      assert.equal(found[0].level, 1);
      assert.equal(found[0].text, `Security policy for ${facts.name}`);
      for (const heading of [...REQUIRED_HEADINGS, ...OPTIONAL_HEADINGS, 'PGP key']) {
        assert.ok(found.some((entry) => entry.text === heading), `missing section "${heading}" for ${project.kind}`);
      }
      assert.equal(tokens.filter((token) => token.type === 'table_open').length, 2, 'the versions and timeline tables parse as tables');
      assert.ok(text.includes(project.expect.supportedRow), `versions table lacks ${project.expect.supportedRow}:\n${text}`);
      for (const href of links(tokens)) assert.ok(md.validateLink(href) && /^(https:|mailto:)/.test(href), `bad link ${href}`);

      const channel = facts.repository?.provider === 'github' ? `${project.expect.webUrl}/security/advisories/new`
        : facts.repository?.provider === 'gitlab' ? `${project.expect.webUrl}/-/issues/new?issue%5Bconfidential%5D=true` : undefined;
      if (channel) assert.ok(links(tokens).includes(channel), `no private channel link ${channel}`);
      else assert.ok(links(tokens).includes('mailto:security@acme-widgets.io'));
      assert.match(text, /within 3 business days/);
      assert.match(text, /within 7 days/);
      assert.match(text, /coordinated disclosure/);
      assert.match(text, /`\.env`/);
      assert.ok(!/example\.(com|org|net)|TODO|\[insert/i.test(text), 'no placeholders');
      assert.equal(scorecardScore(text), 10);

      // The generated policy passes its own checks.
      const findings = checkPolicy(text, { policyPath: 'SECURITY.md', version: facts.version, repository: facts.repository, fileExists: fileExistsIn(dir) });
      assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    });
  }

  it('leaves optional sections out when asked, and keeps the required ones', async () => {
    const facts = await loadProjectFacts(makeProject({ ...PROJECTS[0], kind: 'npm' }, mkdtempSync(path.join(parent, 'opt-'))));
    const text = renderPolicy(defaultAnswers(facts, { sections: { scope: false, userPractices: false, safeHarbor: false, recognition: false } }));
    const found = headings(md.parse(text, {})).map((entry) => entry.text);
    for (const heading of REQUIRED_HEADINGS) assert.ok(found.includes(heading), heading);
    for (const heading of [...OPTIONAL_HEADINGS, 'PGP key']) assert.ok(!found.includes(heading), heading);
    assert.equal(scorecardScore(text), 10);
  });

  it('refuses to render without any private channel, and refuses placeholder addresses', () => {
    const bare = defaultAnswers({ name: 'x', tags: [], hasWebFrontEnd: false });
    assert.match(answersProblem(bare) ?? '', /private way to report/);
    assert.throws(() => renderPolicy(bare), /private way to report/);
    assert.match(answersProblem({ ...bare, contactEmail: 'security@example.com' }) ?? '', /reserved/);
    assert.equal(answersProblem({ ...bare, contactEmail: 'security@acme-widgets.io' }), undefined);
  });
});

describe('rendering security.txt (RFC 9116)', () => {
  it('has Contact, an Expires under a year out, Policy and Preferred-Languages', () => {
    const answers = defaultAnswers(
      { name: 'widget', version: '1.4.0', tags: [], hasWebFrontEnd: true, webRoot: 'public', repository: { provider: 'github', host: 'github.com', path: 'acme/widget', webUrl: 'https://github.com/acme/widget' } },
      { contactEmail: 'security@acme-widgets.io', location: '.github', pgpKey: { url: 'https://keys.acme-widgets.io/security.asc' } },
    );
    const now = new Date('2025-03-10T15:30:00Z');
    const text = renderSecurityTxt(answers, { now, languages: ['en', 'de'] });
    const fields = text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(': ', 2));
    const get = (name: string) => fields.filter(([key]) => key === name).map(([, value]) => value);
    assert.deepEqual(get('Contact'), ['mailto:security@acme-widgets.io', 'https://github.com/acme/widget/security/advisories/new']);
    assert.equal(get('Expires').length, 1);
    assert.match(get('Expires')[0], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(get('Expires')[0]) - now.getTime()) / 86_400_000;
    assert.ok(days > 360 && days < 365, `Expires is ${days} days out`);
    assert.deepEqual(get('Policy'), ['https://github.com/acme/widget/blob/HEAD/.github/SECURITY.md']);
    assert.deepEqual(get('Encryption'), ['https://keys.acme-widgets.io/security.asc']);
    assert.deepEqual(get('Preferred-Languages'), ['en, de']);
    for (const [key] of fields) assert.match(key, /^(Contact|Expires|Encryption|Policy|Preferred-Languages)$/);
  });
});
