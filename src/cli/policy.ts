import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { CONFIG_FILE_NAME, parseConfig, ruleSetting, type Finding, type Severity } from '../engine';
import {
  answersProblem, checkPolicy, contactProblem, defaultAnswers, missingPolicyFinding, policyPathFor, POLICY_LOCATIONS,
  privateChannelOf, renderPolicy, renderSecurityTxt, securityTxtPathFor, unifiedDiff,
  type PolicyAnswers, type PolicyLocation, type ProjectFacts,
} from '../engine/policy';
import { fileExistsIn, loadProjectFacts } from '../shared/projectFacts';
import { parseArgs, UsageError, type OptionSpec } from './args';
import { reachesThreshold } from './formats/common';
import type { CliIo, Command } from './io';
import { IoError } from './io';

// `secure-hygiene policy init|check`: scaffold a SECURITY.md from the project's facts, or check
// the existing one. Exit codes: 0 done/clean, 1 problems found (or init declined to overwrite),
// 2 usage or I/O error.

export const POLICY_HELP = `Usage: secure-hygiene policy <init|check> [dir] [options]

  init [dir]    write SECURITY.md (and optionally /.well-known/security.txt) for the project in
                dir (default: the current folder). Asks on a terminal; use --yes in CI.
  check [dir]   check the project's SECURITY.md (root, .github/ or docs/); exit 1 on problems.

Options for init:
  -y, --yes                   do not ask: use what was inferred, the defaults and the flags below
      --interactive           ask even when stdin is not a terminal (answers read line by line)
      --contact <email>       security contact address (validated; never an example domain)
      --no-private-channel    do not point at GitHub private reporting / GitLab confidential issues
      --location <where>      root, .github or docs (default: where a policy exists, else root)
      --omit <sections>       leave out optional sections: scope,practices,safe-harbor,recognition
      --pgp-url <url>         where the maintainers' PGP key is published
      --pgp-fingerprint <fp>  the key's fingerprint
      --security-txt          also write .well-known/security.txt (default: on when a web front end
                              is found); --no-security-txt to skip it
      --force                 replace an existing, different policy (with --yes)
      --stdout                print the policy instead of writing files
Options for check:
  -f, --format <text|json>    output format (default: text)
      --fail-on <severity>    exit 1 on problems at or above error|warning|info|hint, or never
                              with "none" (default: warning, as for scan)
  -h, --help                  this help
`;

const OPTIONS: OptionSpec[] = [
  { name: 'yes', short: 'y', type: 'flag' },
  { name: 'interactive', type: 'flag' },
  { name: 'contact', type: 'string' },
  { name: 'private-channel', type: 'flag', negatable: true },
  { name: 'location', type: 'string', choices: ['root', '.github', 'docs'] },
  { name: 'omit', type: 'string' },
  { name: 'pgp-url', type: 'string' },
  { name: 'pgp-fingerprint', type: 'string' },
  { name: 'security-txt', type: 'flag', negatable: true },
  { name: 'force', type: 'flag' },
  { name: 'stdout', type: 'flag' },
  { name: 'format', short: 'f', type: 'string', choices: ['text', 'json'] },
  { name: 'fail-on', type: 'string', choices: ['error', 'warning', 'info', 'hint', 'none'] },
  { name: 'help', short: 'h', type: 'flag' },
];

const SECTION_NAMES: Record<string, keyof PolicyAnswers['sections']> = {
  scope: 'scope', practices: 'userPractices', 'safe-harbor': 'safeHarbor', recognition: 'recognition',
};

function projectDir(positionals: string[], io: CliIo): string {
  if (positionals.length > 1) throw new UsageError(`expected at most one folder, got ${positionals.length}`);
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new IoError(`no such folder: ${dir}`);
  }
  if (!isDir) throw new IoError(`not a folder: ${dir}`);
  return dir;
}

/** Line-by-line questions on stdin; buffered, so piped answers are not lost between questions. */
class Asker {
  private readonly lines: AsyncIterator<string>;
  private readonly rl;

  constructor(private readonly io: CliIo) {
    this.rl = createInterface({ input: process.stdin, terminal: false });
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  async ask(question: string, fallback = ''): Promise<string> {
    this.io.stdout(`${question}${fallback ? ` [${fallback}]` : ''}: `);
    const next = await this.lines.next();
    if (next.done) throw new UsageError('input ended before every question was answered');
    return next.value.trim() || fallback;
  }

  async yesNo(question: string, fallback: boolean): Promise<boolean> {
    for (;;) {
      const answer = (await this.ask(`${question} (y/n)`, fallback ? 'y' : 'n')).toLowerCase();
      if (/^y(es)?$/.test(answer)) return true;
      if (/^no?$/.test(answer)) return false;
      this.io.stdout('Please answer y or n.\n');
    }
  }

  close(): void {
    this.rl.close();
  }
}

function answersFromFlags(facts: ProjectFacts, options: Map<string, string | boolean>): PolicyAnswers {
  const answers = defaultAnswers(facts);
  const contact = options.get('contact');
  if (typeof contact === 'string') {
    const problem = contactProblem(contact);
    if (problem) throw new UsageError(`--contact: ${problem}`);
    answers.contactEmail = contact.trim();
  }
  if (options.get('private-channel') === false) answers.usePrivateChannel = false;
  const location = options.get('location');
  if (typeof location === 'string') answers.location = location as PolicyLocation;
  const omit = options.get('omit');
  if (typeof omit === 'string') {
    for (const name of omit.split(',').map((part) => part.trim()).filter(Boolean)) {
      const key = SECTION_NAMES[name];
      if (!key) throw new UsageError(`--omit: unknown section "${name}" (expected ${Object.keys(SECTION_NAMES).join(', ')})`);
      answers.sections[key] = false;
    }
  }
  const pgpUrl = options.get('pgp-url');
  const pgpFingerprint = options.get('pgp-fingerprint');
  if (typeof pgpUrl === 'string' || typeof pgpFingerprint === 'string') {
    if (typeof pgpUrl === 'string' && !/^https:\/\//i.test(pgpUrl)) throw new UsageError('--pgp-url must be an https:// address');
    answers.pgpKey = { url: pgpUrl as string | undefined, fingerprint: pgpFingerprint as string | undefined };
  }
  return answers;
}

async function askAnswers(facts: ProjectFacts, answers: PolicyAnswers, asker: Asker, io: CliIo): Promise<PolicyAnswers> {
  const channel = answers.usePrivateChannel ? privateChannelOf(answers.repository) : undefined;
  io.stdout(`Project: ${facts.name}${facts.version ? ` ${facts.version}` : ''}${facts.repository ? ` (${facts.repository.webUrl})` : ''}\n`);
  if (channel) io.stdout(`Private reports: ${channel.url}\n`);
  for (;;) {
    const question = channel ? 'Security contact e-mail (empty: private reporting link only)' : 'Security contact e-mail';
    const answer = await asker.ask(question, answers.contactEmail ?? '');
    if (!answer && channel) {
      answers.contactEmail = undefined;
      break;
    }
    const problem = contactProblem(answer);
    if (!problem) {
      answers.contactEmail = answer;
      break;
    }
    io.stdout(`${problem}\n`);
  }
  for (;;) {
    const answer = await asker.ask(`Where to write it (${POLICY_LOCATIONS.map((entry) => entry.location).join(', ')})`, answers.location);
    if (POLICY_LOCATIONS.some((entry) => entry.location === answer)) {
      answers.location = answer as PolicyLocation;
      break;
    }
    io.stdout('Answer root, .github or docs.\n');
  }
  answers.sections.scope = await asker.yesNo('Include a scope section (what is and is not a vulnerability)?', answers.sections.scope);
  answers.sections.userPractices = await asker.yesNo('Include security practices for users (.env, HTTPS, audits)?', answers.sections.userPractices);
  answers.sections.safeHarbor = await asker.yesNo('Include a safe-harbor statement for good-faith research?', answers.sections.safeHarbor);
  answers.sections.recognition = await asker.yesNo('Include a recognition section?', answers.sections.recognition);
  const pgpUrl = await asker.ask('URL of your PGP key (empty: none)', answers.pgpKey?.url ?? '');
  if (pgpUrl) answers.pgpKey = { ...answers.pgpKey, url: pgpUrl };
  return answers;
}

interface PlannedFile {
  relative: string;
  text: string;
}

function writePlanned(dir: string, file: PlannedFile): void {
  const target = path.join(dir, ...file.relative.split('/'));
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  } catch (error) {
    throw new IoError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function init(dir: string, options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const facts = await loadProjectFacts(dir);
  let answers = answersFromFlags(facts, options);
  const interactive = options.get('yes') !== true && (options.get('interactive') === true || (io.isTTY && process.stdin.isTTY === true));
  if (options.get('yes') !== true && !interactive) {
    throw new UsageError('stdin is not a terminal: pass --yes (with --contact and other flags) to run without questions');
  }
  const asker = interactive ? new Asker(io) : undefined;
  try {
    if (asker) answers = await askAnswers(facts, answers, asker, io);
    const problem = answersProblem(answers);
    if (problem) throw new UsageError(`${problem}${asker ? '' : ' Pass --contact <email>.'}`);
    let securityTxt = options.get('security-txt');
    if (securityTxt === undefined) {
      securityTxt = facts.hasWebFrontEnd && (asker ? await asker.yesNo(`A web front end was found${facts.webRoot ? ` (${facts.webRoot}/)` : ''}. Also write .well-known/security.txt?`, true) : true);
    }
    const planned: PlannedFile[] = [];
    if (securityTxt === true) {
      answers.securityTxtPath = securityTxtPathFor(facts.webRoot);
    }
    planned.push({ relative: policyPathFor(answers.location), text: renderPolicy(answers) });
    if (answers.securityTxtPath) planned.push({ relative: answers.securityTxtPath, text: renderSecurityTxt(answers) });

    if (options.get('stdout') === true) {
      for (const file of planned) io.stdout(`${planned.length > 1 ? `==> ${file.relative} <==\n` : ''}${file.text}`);
      return 0;
    }
    let declined = false;
    for (const file of planned) {
      const existing = readIfExists(path.join(dir, ...file.relative.split('/')));
      if (existing === file.text) {
        io.stdout(`${file.relative} is already up to date.\n`);
        continue;
      }
      if (existing !== undefined) {
        io.stdout(unifiedDiff(existing, file.text, `${file.relative} (existing)`, `${file.relative} (proposed)`));
        const replace = asker ? await asker.yesNo(`${file.relative} exists. Replace it with the proposal above?`, false) : options.get('force') === true;
        if (!replace) {
          io.stderr(`Kept the existing ${file.relative}${asker ? '' : ' (pass --force to replace it)'}.\n`);
          declined = true;
          continue;
        }
      }
      writePlanned(dir, file);
      io.stdout(`Wrote ${file.relative}\n`);
    }
    const otherPolicy = facts.existingPolicy && facts.existingPolicy.toLowerCase() !== policyPathFor(answers.location).toLowerCase() ? facts.existingPolicy : undefined;
    if (otherPolicy) io.stderr(`Note: ${otherPolicy} also exists; GitHub shows only one policy, so remove the one you do not want.\n`);
    return declined ? 1 : 0;
  } finally {
    asker?.close();
  }
}

function loadConfigRules(dir: string): (finding: Finding) => Finding | undefined {
  const text = readIfExists(path.join(dir, CONFIG_FILE_NAME));
  if (text === undefined) return (finding) => finding;
  const { config } = parseConfig(text, CONFIG_FILE_NAME);
  return (finding) => {
    const setting = ruleSetting(config, finding.ruleId);
    if (setting === 'off') return undefined;
    return setting ? { ...finding, severity: setting } : finding;
  };
}

async function check(dir: string, options: Map<string, string | boolean>, io: CliIo): Promise<number> {
  const facts = await loadProjectFacts(dir);
  const apply = loadConfigRules(dir);
  let file: string;
  let findings: Finding[];
  if (facts.existingPolicy) {
    file = facts.existingPolicy;
    let text: string;
    try {
      text = readFileSync(path.join(dir, ...file.split('/')), 'utf8');
    } catch (error) {
      throw new IoError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    findings = checkPolicy(text, { policyPath: file, version: facts.version, repository: facts.repository, fileExists: fileExistsIn(dir) });
  } else {
    file = facts.manifest?.path ?? '.';
    const manifestText = facts.manifest ? readIfExists(path.join(dir, facts.manifest.path)) ?? '' : '';
    findings = [missingPolicyFinding(manifestText, file)];
  }
  findings = findings.map(apply).filter((finding): finding is Finding => finding !== undefined);
  if (options.get('format') === 'json') {
    io.stdout(`${JSON.stringify({ file, findings: findings.map(({ ruleId, severity, message, range, excerpt }) => ({ ruleId, severity, message, range, excerpt })) }, null, 2)}\n`);
  } else if (findings.length === 0) {
    io.stdout(`${file}: no problems found.\n`);
  } else {
    for (const finding of findings) {
      io.stdout(`${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}\n`);
      if (finding.fixes?.length) io.stdout(`  fix: ${finding.fixes.map((fix) => fix.title).join('; ')}\n`);
    }
    io.stdout(`${findings.length} problem${findings.length === 1 ? '' : 's'} in ${file}.\n`);
  }
  return reachesThreshold(findings, (options.get('fail-on') as Severity | 'none' | undefined) ?? 'warning') ? 1 : 0;
}

export const policyCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    io.stdout(POLICY_HELP);
    return sub === undefined ? 2 : 0;
  }
  const { options, positionals } = parseArgs(rest, OPTIONS);
  if (options.get('help') === true) {
    io.stdout(POLICY_HELP);
    return 0;
  }
  const dir = projectDir(positionals, io);
  if (sub === 'init') {
    if (options.has('format')) throw new UsageError('--format applies to "policy check" only');
    if (options.has('fail-on')) throw new UsageError('--fail-on applies to "policy check" only');
    return init(dir, options, io);
  }
  if (sub === 'check') {
    const initOnly = [...options.keys()].filter((name) => name !== 'format' && name !== 'fail-on');
    if (initOnly.length > 0) throw new UsageError(`--${initOnly[0]} applies to "policy init" only`);
    return check(dir, options, io);
  }
  throw new UsageError(`unknown policy subcommand "${sub}" (expected init or check)`);
};
