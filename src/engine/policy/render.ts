import { contactProblem } from './contact';
import { privateChannelOf } from './remote';
import type { ManifestKind, PolicyAnswers, PolicyLocation, PolicyOptions, ProjectFacts, ResponseTimeline } from './types';
import { supportedVersionRows } from './versions';

// Renders SECURITY.md from facts and answers. The wording is this project's own. Every policy it
// writes names a private channel (a link and/or an address) and says how disclosure works and
// how long each step takes, which is what OpenSSF Scorecard's Security-Policy check looks for.

export const DEFAULT_TIMELINE: ResponseTimeline = {
  acknowledgeBusinessDays: 3,
  triageDays: 7,
  fixDays: { critical: 7, high: 30, medium: 90, low: 180 },
};

export const DEFAULT_SECTIONS: PolicyOptions = { scope: true, userPractices: true, safeHarbor: true, recognition: true };

/** Longest a reporter is asked to wait before publishing on their own. */
export const EMBARGO_DAYS = 90;

export const POLICY_LOCATIONS: { location: PolicyLocation; path: string; description: string }[] = [
  { location: 'root', path: 'SECURITY.md', description: 'the repository root' },
  { location: '.github', path: '.github/SECURITY.md', description: 'the .github folder (keeps the root tidy)' },
  { location: 'docs', path: 'docs/SECURITY.md', description: 'the docs folder' },
];

export function policyPathFor(location: PolicyLocation): string {
  return POLICY_LOCATIONS.find((entry) => entry.location === location)!.path;
}

/** The answers the scaffold uses when nobody is asked: everything on, defaults for the rest. */
export function defaultAnswers(facts: ProjectFacts, overrides: Partial<PolicyAnswers> = {}): PolicyAnswers {
  const existing = POLICY_LOCATIONS.find((entry) => entry.path.toLowerCase() === facts.existingPolicy?.toLowerCase());
  return {
    projectName: facts.name,
    version: facts.version,
    manifestKind: facts.manifest?.kind,
    repository: facts.repository,
    tags: facts.tags,
    contactEmail: facts.suggestedContact,
    usePrivateChannel: privateChannelOf(facts.repository) !== undefined,
    location: existing?.location ?? 'root',
    timeline: DEFAULT_TIMELINE,
    sections: { ...DEFAULT_SECTIONS },
    ...overrides,
  };
}

/** Why these answers cannot make a working policy, or undefined when they can. */
export function answersProblem(answers: PolicyAnswers): string | undefined {
  if (answers.contactEmail !== undefined) {
    const problem = contactProblem(answers.contactEmail);
    if (problem) return problem;
  }
  const channel = answers.usePrivateChannel ? privateChannelOf(answers.repository) : undefined;
  if (!channel && !answers.contactEmail) {
    return 'A policy needs a private way to report: give a contact e-mail address (the git remote offers no private reporting channel).';
  }
  return undefined;
}

const AUDIT_COMMANDS: Record<ManifestKind, string> = {
  npm: '`npm audit`',
  python: '`pip-audit`',
  cargo: '`cargo audit`',
  go: '`govulncheck ./...`',
  dotnet: '`dotnet list package --vulnerable`',
  maven: 'the OWASP `dependency-check` Maven plugin',
  gem: '`bundle audit`',
  composer: '`composer audit`',
};

function days(count: number, unit = 'days'): string {
  return `${count} ${count === 1 ? unit.replace(/s$/, '') : unit}`;
}

function versionsSection(answers: PolicyAnswers): string[] {
  const rows = supportedVersionRows(answers.version, answers.tags);
  return [
    '## Supported versions',
    '',
    'Security fixes are made for the release lines marked "Yes" below. If you run an older line, upgrade before reporting: the problem may already be fixed.',
    '',
    '| Version | Supported | Notes |',
    '| ------- | --------- | ----- |',
    ...rows.map((row) => `| ${row.label} | ${row.supported ? 'Yes' : 'No'} | ${row.note} |`),
  ];
}

function channelLines(answers: PolicyAnswers): string[] {
  const lines: string[] = [];
  const channel = answers.usePrivateChannel ? privateChannelOf(answers.repository) : undefined;
  if (channel) {
    const who = channel.url.includes('/security/advisories/') ? 'only the maintainers and you can read it' : 'only project members can read it';
    lines.push(`- Use [${channel.label}](${channel.url}): ${who}, and a fix can be prepared there in private.`);
  }
  if (answers.contactEmail) {
    const pgp = answers.pgpKey ? ' Encrypt the message with the key under "PGP key" if it contains exploit details.' : '';
    lines.push(`- Send an e-mail to [${answers.contactEmail}](mailto:${answers.contactEmail}).${pgp}`);
  }
  return lines;
}

function reportingSection(answers: PolicyAnswers): string[] {
  return [
    '## Reporting a vulnerability',
    '',
    '**Do not report security problems in public issues, discussions or pull requests.** A public report tells attackers about the weakness before users can protect themselves.',
    '',
    'Report it privately instead:',
    '',
    ...channelLines(answers),
    '',
    '### What to include',
    '',
    '- the version, commit or release you tested, and where it runs (operating system, runtime, configuration);',
    '- the affected component: file, function, endpoint or command;',
    '- the steps to reproduce it, ideally a minimal proof of concept;',
    '- the impact: what an attacker can read, change or break, and under which conditions;',
    '- whether anyone else knows about it or it is already public;',
    '- how you would like to be credited (name, handle, or no credit at all).',
    '',
    'A partial report is still welcome; we will ask for what is missing.',
  ];
}

function timelineSection(timeline: ResponseTimeline): string[] {
  const fix = timeline.fixDays;
  return [
    '## Response timeline',
    '',
    'These are the targets we hold ourselves to, counted from the day your report arrives:',
    '',
    '| Step | Target |',
    '| ---- | ------ |',
    `| Acknowledge the report | within ${days(timeline.acknowledgeBusinessDays, 'business days')} |`,
    `| Triage: reproduce it, rate its severity, tell you whether it is accepted or declined | within ${days(timeline.triageDays)} |`,
    `| Release a fix for a critical issue | within ${days(fix.critical)} of triage |`,
    `| Release a fix for a high-severity issue | within ${days(fix.high)} of triage |`,
    `| Release a fix for a medium-severity issue | within ${days(fix.medium)} of triage |`,
    `| Release a fix for a low-severity issue | within ${days(fix.low)}, usually in the next regular release |`,
    '',
    `While a report is open we send you an update at least every ${days(Math.max(timeline.triageDays, 7))}. If a target slips, we tell you why and when to expect the next step. If you have heard nothing after ${days(timeline.acknowledgeBusinessDays, 'business days')}, write again: a report may have been lost.`,
  ];
}

function disclosureSection(answers: PolicyAnswers): string[] {
  const advisory = answers.repository?.provider === 'github' ? 'a GitHub security advisory' : 'a security advisory';
  return [
    '## Disclosure policy',
    '',
    'We follow coordinated disclosure:',
    '',
    '1. We confirm the problem, agree on its severity with you, and prepare a fix in private.',
    `2. We release the fix for every supported version and publish ${advisory} (with a CVE identifier when the issue warrants one) that describes the problem, the affected and fixed versions, and how to upgrade.`,
    '3. The advisory credits you by the name you choose, unless you prefer to stay anonymous.',
    '',
    `Please keep the details to yourself until the advisory is out, or for ${EMBARGO_DAYS} days after your report, whichever comes first. If the problem is already being exploited we may publish sooner, and we will tell you before we do.`,
  ];
}

function scopeSection(answers: PolicyAnswers): string[] {
  return [
    '## Scope',
    '',
    `In scope: the code in this repository and the releases of ${answers.projectName} built from it. Examples of what we treat as vulnerabilities, by severity:`,
    '',
    '- **Critical**: remote code execution, authentication bypass, or secrets exposed to anyone without any user interaction.',
    '- **High**: reading or changing data that belongs to someone else, privilege escalation, path traversal out of an intended folder, TLS certificate checks turned off.',
    '- **Medium**: denial of service from a small input, information leaks that need user interaction or an unusual setup.',
    '- **Low**: weaknesses that need an unlikely configuration or local access that already implies more privilege.',
    '',
    'Out of scope (report these as ordinary bugs, or not at all):',
    '',
    '- problems in third-party dependencies that are already public; tell their maintainers, and tell us only if our use makes it worse;',
    '- findings from automated scanners without a demonstrated impact;',
    '- missing hardening that does not lead to an exploit, such as version banners or optional HTTP headers;',
    '- attacks that require a compromised machine, physical access, or social engineering of maintainers.',
  ];
}

function practicesSection(answers: PolicyAnswers): string[] {
  const audit = answers.manifestKind ? AUDIT_COMMANDS[answers.manifestKind] : 'your ecosystem\'s audit tool';
  return [
    '## Security practices for users',
    '',
    '- Keep API keys, tokens and passwords out of source code: put them in a `.env` file (or your platform\'s secret store), list `.env` in `.gitignore`, and never commit it. Rotate any key that was ever committed, even if the commit was removed.',
    '- Keep HTTPS certificate verification on. To reach a server with a private or self-signed certificate, give the client that CA certificate instead of disabling the check.',
    `- Audit dependencies regularly, for example with ${audit}, and in CI.`,
    `- Stay on a supported release line and upgrade when a security release of ${answers.projectName} comes out; watch this repository's releases or advisories to hear about them.`,
  ];
}

function safeHarborSection(): string[] {
  return [
    '## Safe harbor',
    '',
    'We will not pursue or support legal action against anyone who researches and reports a vulnerability in good faith under this policy. Good faith means that you:',
    '',
    '- test only against your own installation and your own accounts and data;',
    '- stop as soon as you reach data that is not yours, do not keep it, and tell us what you saw;',
    '- avoid degrading the service for others, and destroy nothing;',
    '- give us the time described above before going public.',
    '',
    'If in doubt whether something is allowed, ask us first through the private channels above.',
  ];
}

function recognitionSection(): string[] {
  return [
    '## Recognition',
    '',
    'We name reporters in the advisory and in the release notes of the fix, in the words they choose. There is no paid bug bounty, but our thanks are public and sincere.',
  ];
}

function pgpSection(pgp: NonNullable<PolicyAnswers['pgpKey']>): string[] {
  const lines = ['## PGP key', ''];
  if (pgp.url) lines.push(`Our public key is published at <${pgp.url}>.`);
  if (pgp.fingerprint) lines.push(`${pgp.url ? 'Check its' : 'Its'} fingerprint before use: \`${pgp.fingerprint}\`.`);
  return lines;
}

function contactSection(answers: PolicyAnswers): string[] {
  const lines = ['## Contact', ''];
  const channel = answers.usePrivateChannel ? privateChannelOf(answers.repository) : undefined;
  if (answers.contactEmail) lines.push(`Security contact: [${answers.contactEmail}](mailto:${answers.contactEmail}).`);
  if (channel) lines.push(`${answers.contactEmail ? 'Or use' : 'Security reports:'} [${channel.label}](${channel.url}).`);
  if (answers.securityTxtPath) lines.push('', 'The project\'s website also publishes these contacts in its `/.well-known/security.txt` (RFC 9116).');
  lines.push('', 'Questions about this policy itself are welcome through the same channels.');
  return lines;
}

/** SECURITY.md for the answers. Throws when they give no private way to report (see answersProblem). */
export function renderPolicy(answers: PolicyAnswers): string {
  const problem = answersProblem(answers);
  if (problem) throw new Error(problem);
  const sections: string[][] = [
    [
      `# Security policy for ${answers.projectName}`,
      '',
      `Thank you for helping keep ${answers.projectName} and its users safe. This page says which versions receive security fixes, how to tell us about a vulnerability privately, and what happens after you do.`,
    ],
    versionsSection(answers),
    reportingSection(answers),
    timelineSection(answers.timeline),
    disclosureSection(answers),
  ];
  if (answers.sections.scope) sections.push(scopeSection(answers));
  if (answers.sections.userPractices) sections.push(practicesSection(answers));
  if (answers.sections.safeHarbor) sections.push(safeHarborSection());
  if (answers.sections.recognition) sections.push(recognitionSection());
  if (answers.pgpKey && (answers.pgpKey.url || answers.pgpKey.fingerprint)) sections.push(pgpSection(answers.pgpKey));
  sections.push(contactSection(answers));
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
