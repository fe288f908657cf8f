import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, OffsetEdit } from '../../../src/engine';
import { checkPolicy, missingPolicyFinding, parseRemoteUrl, type PolicyCheckFacts } from '../../../src/engine/policy';

// `checkPolicy` on the fixture policies (one per defect class, plus two clean ones) and on small
// inline texts for the edge cases; every quick fix is applied and must clear its finding.

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'policy');
const repository = parseRemoteUrl('git@github.com:acme/widget.git')!;
const existing = new Set(['CHANGELOG.md', 'docs', 'docs/scope.md', 'package.json']);
const facts: PolicyCheckFacts = { policyPath: 'SECURITY.md', version: '1.4.0', repository, fileExists: (p) => existing.has(p), today: '2025-06-01' };

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function ids(findings: Finding[]): string[] {
  return findings.map((finding) => finding.ruleId);
}

function applyEdits(text: string, edits: OffsetEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), text);
}

/** Applies the first fix of the first finding of `ruleId` and re-checks. */
function fixAndRecheck(text: string, ruleId: string, checkFacts = facts): { fixed: string; after: Finding[] } {
  const finding = checkPolicy(text, checkFacts).find((candidate) => candidate.ruleId === ruleId);
  assert.ok(finding, `no ${ruleId} finding to fix`);
  assert.ok(finding.fixes?.length, `${ruleId} has no quick fix`);
  const fixed = applyEdits(text, finding.fixes[0].edits);
  return { fixed, after: checkPolicy(fixed, checkFacts) };
}

describe('policy checks on the fixture policies', () => {
  it('a complete policy with a GitHub advisory link is clean', () => {
    assert.deepEqual(checkPolicy(fixture('complete-advisory.md'), facts), []);
  });

  it('a policy with only an e-mail contact is clean', () => {
    assert.deepEqual(checkPolicy(fixture('email-only.md'), facts), []);
    // ... also without any git remote.
    assert.deepEqual(checkPolicy(fixture('email-only.md'), { ...facts, repository: undefined }), []);
  });

  it('flags the template sentence about which versions get security updates, reworded', () => {
    const text = fixture('template-leftover.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/template-leftover']);
    assert.equal(findings[0].range.start.line, 4);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /template/);
    const { fixed, after } = fixAndRecheck(text, 'policy/template-leftover');
    assert.deepEqual(after, []);
    assert.ok(!/use this section/i.test(fixed));
    assert.ok(fixed.includes('## Supported Versions\n\n\n| Version'), 'only the instruction line is removed');
  });

  it('flags a contact on example.com and replaces it with the advisory link', () => {
    const text = fixture('example-contact.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/placeholder-contact']);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /example\.com/);
    const { fixed, after } = fixAndRecheck(text, 'policy/placeholder-contact');
    assert.deepEqual(after, []);
    assert.ok(fixed.includes('(https://github.com/acme/widget/security/advisories/new)'));
    assert.ok(!fixed.includes('example.com'), 'the whole mailto link is replaced, text and target');
  });

  it('flags a versions table of only 0.1.x while the manifest is at 1.4.0, and adds the 1.x row', () => {
    const text = fixture('old-versions.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/unsupported-current-version']);
    assert.match(findings[0].message, /1\.4\.0/);
    assert.equal(findings[0].range.start.line, 4, 'the range starts at the table header');
    const { fixed, after } = fixAndRecheck(text, 'policy/unsupported-current-version');
    assert.deepEqual(after, []);
    assert.ok(fixed.includes('| ------- | ------------------ |\n| 1.x | :white_check_mark: |\n| 0.1.x'), 'the row uses the table\'s own marker');
    // The same table is fine for a project that really is at 0.1.x.
    assert.deepEqual(checkPolicy(text, { ...facts, version: '0.1.7' }), []);
  });

  it('flags a policy that asks reporters to open a public issue, and adds a private channel', () => {
    const text = fixture('public-issue.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/public-issues-only']);
    assert.equal(findings[0].range.start.line, 2);
    const { fixed, after } = fixAndRecheck(text, 'policy/public-issues-only');
    assert.deepEqual(after, []);
    assert.ok(fixed.includes('https://github.com/acme/widget/security/advisories/new'));
  });

  it('flags an advisory link to another repository and rewrites it to the remote\'s', () => {
    const text = fixture('wrong-advisory.md');
    assert.deepEqual(ids(checkPolicy(text, facts)), ['policy/advisory-link-mismatch']);
    const { fixed, after } = fixAndRecheck(text, 'policy/advisory-link-mismatch');
    assert.deepEqual(after, []);
    assert.ok(fixed.includes('(https://github.com/acme/widget/security/advisories/new)'));
    // Case differences in owner/repo are not a mismatch; the same link is fine for that remote.
    assert.deepEqual(checkPolicy(text, { ...facts, repository: parseRemoteUrl('https://github.com/Someone-Else/old-fork') }), []);
  });

  it('flags a policy with no channel at all, and offers a reporting section', () => {
    const text = fixture('no-channel.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/no-reporting-channel']);
    assert.equal(findings[0].range.start.line, 0, 'on the title');
    assert.deepEqual(fixAndRecheck(text, 'policy/no-reporting-channel').after, []);
    // Without a host that has a private channel there is nothing to insert automatically.
    const bitbucket = { ...facts, repository: parseRemoteUrl('git@bitbucket.org:acme/widget.git') };
    assert.equal(checkPolicy(text, bitbucket)[0].fixes, undefined);
  });

  it('flags relative links to missing files only', () => {
    const text = fixture('dead-link.md');
    const findings = checkPolicy(text, facts);
    assert.deepEqual(ids(findings), ['policy/dead-link']);
    assert.match(findings[0].message, /keys\/security\.asc/);
    const { fixed, after } = fixAndRecheck(text, 'policy/dead-link');
    assert.deepEqual(after, []);
    assert.ok(fixed.includes('our PGP key encrypts'));
    // Resolved from the policy's own folder: under .github/ the same links are both dead.
    assert.equal(checkPolicy(text, { ...facts, policyPath: '.github/SECURITY.md' }).length, 2);
    // Without file facts, links are not judged.
    assert.deepEqual(checkPolicy(text, { ...facts, fileExists: undefined }), []);
  });
});

describe('policy checks on edge cases', () => {
  const base = '# Security\n\nReport problems to security@acme-widgets.io. We answer in 3 days and coordinate disclosure.\n';

  it('recognises other wordings of the template instructions and its sample rows', () => {
    for (const sentence of [
      'Tell users which versions of your software are supported with security updates.',
      'Use this section to tell people how to report a vulnerability.',
      'Tell them where to go and what to expect if the vulnerability is accepted or declined.',
    ]) {
      assert.deepEqual(ids(checkPolicy(`${base}\n${sentence}\n`, facts)), ['policy/template-leftover'], sentence);
    }
    const sampleRows = '| Version | Supported |\n| --- | --- |\n| 5.1.x | yes |\n| 5.0.x | no |\n| 4.0.x | yes |\n| < 4.0 | no |\n';
    const findings = checkPolicy(`${base}\n${sampleRows}`, { ...facts, version: '5.1.2' });
    assert.deepEqual(ids(findings), ['policy/template-leftover']);
    assert.match(findings[0].message, /sample rows/);
    assert.deepEqual(ids(checkPolicy(`${base}\nMail [insert contact address] for details.\n`, facts)), ['policy/template-leftover']);
  });

  it('does not mistake policy prose for template text', () => {
    const prose = `${base}\nThe table below says which versions are currently supported with security updates.\n`;
    assert.deepEqual(checkPolicy(prose, facts), []);
    assert.deepEqual(checkPolicy(`${base}\nSee [our advisories](https://github.com/acme/widget/security/advisories).\n`, facts), []);
  });

  it('knows every reserved example domain; code blocks and comments hold examples, not the contact', () => {
    for (const address of ['sec@example.org', 'sec@mail.example.net', 'sec@acme.test', 'sec@acme.example', 'sec@acme.invalid', 'sec@box.localhost', 'sec@yourdomain.com']) {
      const findings = checkPolicy(`# Security\n\nMail ${address}; we answer in 3 days.\n`, facts);
      assert.deepEqual(ids(findings), ['policy/placeholder-contact'], address);
    }
    assert.deepEqual(checkPolicy(`# Security\n\nMail sec@examples.com or sec@example.company; we answer in 3 days.\n`, facts), []);
    assert.deepEqual(ids(checkPolicy(`${base}\nForm: https://security.example.com/report\n`, facts)), ['policy/placeholder-contact']);
    // An inline code span may still be the contact; a code block or a comment holds an example.
    assert.deepEqual(ids(checkPolicy(`${base}\nMail \`sec@example.com\`.\n`, facts)), ['policy/placeholder-contact']);
    for (const aside of [
      '\nAn example report:\n\n    From: reporter@example.com\n    Subject: XSS in search\n',
      '\n```\nFrom: reporter@example.com\n```\n',
      '\n<!-- template: replace security@example.com with the team address -->\n',
      '\nText <!-- was: security@example.com --> and more text.\n',
      '\r\n<!--\r\ncontact: security@example.com\r\n-->\r\n',
    ]) {
      assert.deepEqual(checkPolicy(`${base}${aside}`, facts), [], JSON.stringify(aside));
    }
  });

  it('reads Markdown as markdown-it does: block positions survive every line ending, nothing hangs', () => {
    const text = '# Security\r\rMail sec@example.com.\r\r    code sec@example.org\r';
    const findings = checkPolicy(text, facts);
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.range.start.line]), [['policy/placeholder-contact', 2]]);
    // Unclosed comments and fences and long backtick runs stay linear.
    const crafted = `${'<!--'.repeat(20_000)}${'`'.repeat(20_000)}a${'\n```'.repeat(5_000)}`;
    assert.ok(Array.isArray(checkPolicy(crafted, facts)));
  });

  it('accepts public-issue sentences that are negated or about other bugs', () => {
    for (const sentence of [
      'Please do not open a public issue for security problems.',
      'For bugs that are not security problems, open an issue as usual.',
      'Never file a GitHub issue about a vulnerability.',
    ]) {
      assert.deepEqual(checkPolicy(`${base}\n${sentence}\n`, facts), [], sentence);
    }
    // Without a private channel, a link to the issue tracker is the only channel.
    const onlyTracker = '# Security\n\nReport problems in [our tracker](https://github.com/acme/widget/issues/new).\n';
    assert.deepEqual(ids(checkPolicy(onlyTracker, facts)), ['policy/public-issues-only']);
    // GitLab confidential issues are private.
    const gitlab = '# Security\n\nOpen a confidential issue at https://gitlab.com/acme/widget/-/issues/new?issue[confidential]=true\n';
    assert.deepEqual(checkPolicy(gitlab, { ...facts, repository: parseRemoteUrl('git@gitlab.com:acme/widget.git') }), []);
  });

  it('reads the usual ways of writing versions tables', () => {
    const table = (rows: string) => `${base}\n## Supported versions\n\n| Version | Supported |\n| --- | --- |\n${rows}`;
    const covered = ['| >= 1.2 | ✅ |\n', '| ^1.0 | yes |\n', '| 1.4 | supported |\n', '| latest | yes |\n', '| 1.0 - 1.9 | yes |\n', '| 1.4+ | ✔ |\n', '| 2.x | yes |\n| 1.x | security fixes only |\n'];
    for (const rows of covered) assert.deepEqual(checkPolicy(table(rows), facts), [], rows);
    const notCovered = ['| 2.x | yes |\n| < 2.0 | no |\n', '| 1.3.x | yes |\n', '| ~1.2 | yes |\n'];
    for (const rows of notCovered) assert.deepEqual(ids(checkPolicy(table(rows), facts)), ['policy/unsupported-current-version'], rows);
    const denied = checkPolicy(table('| 1.x | ❌ |\n'), facts);
    assert.match(denied[0].message, /marks 1\.4\.0.*as unsupported/);
    assert.equal(denied[0].fixes, undefined);
    // Tables that are not about versions, and projects without a known version, are left alone.
    assert.deepEqual(checkPolicy(`${base}\n| Step | Target |\n| --- | --- |\n| Acknowledge | 3 days |\n`, facts), []);
    assert.deepEqual(checkPolicy(table('| 0.1.x | yes |\n'), { ...facts, version: undefined }), []);
  });

  it('honours suppression comments, and says when one has expired', () => {
    const text = '# Security\n\n<!-- secure-hygiene-ignore-next-line policy/placeholder-contact -- docs sample -->\nMail sec@example.com; we answer in 3 days.\n';
    assert.deepEqual(checkPolicy(text, facts), []);
    const expired = text.replace('policy/placeholder-contact', 'policy/placeholder-contact until 2025-01-01');
    const findings = checkPolicy(expired, facts);
    assert.deepEqual(ids(findings), ['policy/placeholder-contact']);
    assert.ok(findings[0].expiredSuppression);
  });

  it('gives stable fingerprints that do not depend on the line', () => {
    const text = fixture('example-contact.md');
    const moved = `\n\n${text}`;
    assert.equal(checkPolicy(text, facts)[0].fingerprint, checkPolicy(moved, facts)[0].fingerprint);
  });

  it('gives alike findings (one rule, the same text) fingerprints of their own, stable when lines move', () => {
    const text = '# Security Policy\n\n## Reporting\n\nWrite to [insert contact].\nOr [insert contact].\n\n## Disclosure\n\nWe answer [insert contact].\n';
    const prints = (policy: string) => checkPolicy(policy, facts).filter((finding) => finding.ruleId === 'policy/template-leftover').map((finding) => finding.fingerprint);
    const alike = prints(text);
    assert.equal(alike.length, 3);
    assert.equal(new Set(alike).size, 3, 'accepting one in the baseline must not accept the others');
    // The first keeps the fingerprint a lone one has (and baselines written before hold).
    assert.equal(alike[0], prints('# Security Policy\n\n## Reporting\n\nWrite to [insert contact].\n')[0]);
    assert.deepEqual(prints(`\n\n${text.replace('## Reporting\n', '## Reporting\n\nA new paragraph.\n')}`), alike);
  });
});

describe('policy/missing', () => {
  it('points at the line that names the project, with the scaffold command as data', () => {
    const finding = missingPolicyFinding('{\n  "name": "widget",\n  "version": "1.4.0"\n}\n', 'package.json');
    assert.equal(finding.ruleId, 'policy/missing');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 19 } });
    assert.equal(finding.data?.command, 'secureHygiene.createSecurityPolicy');
    const toml = missingPolicyFinding('[package]\nname = "widget"\n', 'Cargo.toml');
    assert.equal(toml.range.start.line, 1);
    const empty = missingPolicyFinding('', 'go.mod');
    assert.deepEqual(empty.range.start, { line: 0, character: 0 });
  });
});
