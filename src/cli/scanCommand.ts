import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  allRules, baselineFingerprints, CONFIG_FILE_NAME, isExcluded, defaultConfig, parseBaseline, parseConfig, serializeBaseline,
  type Baseline, type Config, type Severity,
} from '../engine';
import { loadGitFacts } from '../shared/git';
import { DEFAULT_TIME_BUDGET_MS } from '../shared/timeBudget';
import { parseArgs, parsePositiveInt, parseSize, UsageError, type OptionSpec } from './args';
import { IoError, type CliIo } from './io';
import { walk, MissingPathError, statStartPath, type WalkResult } from './walk';
import { ScanPipeline } from './scanFiles';
import { refineCommitState } from './commitFacts';
import { scanStaged, type StagedScanOptions } from './staged';
import { scanDiff, scanHistory } from './history';
import { OutcomeTally, scanText, textOf, type ScanOneOptions, type ScanOutcome } from './scanOne';
import { reachesThreshold, scrubAll, scrubProblem, summaryLine, totalFindings, type ReportContext } from './formats/common';
import { formatText } from './formats/text';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';

export const SCAN_HELP = `Usage: secure-hygiene scan [paths...] [options]
       secure-hygiene scan - [--stdin-filename <path>] [options]

Scans files and folders (default: the current folder) for hard-coded and committed secrets.
Folders are walked honouring .gitignore files and the config's "exclude" globs; .git and
node_modules are never entered. With --staged, the files the next commit adds or changes, as
staged. With -, standard input, judged as the file --stdin-filename names (as linters do: an
editor or a script pipes a buffer that is not saved). Values are always masked in the output.

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of stdout
      --config <file>             config file (default: <root>/${CONFIG_FILE_NAME})
      --root <dir>                root for relative paths, config and baseline (default: the one
                                  folder given, else the current folder)
      --baseline <file>           accepted findings (default: the config's "baseline")
      --write-baseline            accept every current finding: write them all to the baseline
      --fail-on <severity>        exit 1 on findings at or above error|warning|info|hint, or never
                                  with "none" (default: warning)
      --max-file-size <size>      skip larger files, e.g. 512k, 2M (default: 1M)
      --stdin-filename <path>     with -: the path standard input stands for (its file kind,
                                  the config's excludes, the reported path; default: <stdin>)
      --staged                    scan what git has staged for the next commit (read from the
                                  index, not the working tree): the check for a pre-commit hook
      --history                   scan every line that any commit added (all branches), one
                                  finding per secret with the commit that first added it and
                                  whether HEAD still holds it (removed secrets are still leaked)
      --branch <rev>              with --history: only the commits reachable from this branch
      --since <rev>               with --history: only the commits after this one
      --log-opts <args>           with --history: more git log arguments, e.g. "--since=2024-01-01"
      --diff <rev>                scan only the lines added since <rev> (its merge base with
                                  HEAD), uncommitted changes included: the check for a pull request
  -j, --jobs <n>                  threads scanning files (default: one per core, at most 4, for
                                  200 files or more, else 1): n workers with a time budget (the
                                  default: one worker fewer than cores, at least 1, as the main
                                  thread walks, and one per core once the walk is over if the
                                  files left take more than about 3 s); the main thread and n - 1
                                  workers with --time-budget 0 (1: the main thread only)
      --time-budget <ms>          stop scanning a file after this long and report it as not fully
                                  scanned, then go on with the others (default: 3000; with a budget
                                  files are scanned on worker threads only; 0: no budget)
      --no-gitignore              do not honour .gitignore files
      --no-git                    do not ask git which files are tracked (committed secrets are
                                  errors only when git says so)
      --follow-symlinks           follow symbolic links whose target is inside the folders
                                  scanned (loops are detected)
      --color, --no-color         force or disable colours (default: on a terminal; FORCE_COLOR
                                  forces them, NO_COLOR turns them off)
  -q, --quiet                     no summary on stderr for json/sarif or --output
  -h, --help                      this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or I/O error, or a file
not fully scanned (over --time-budget).
`;

const OPTIONS: OptionSpec[] = [
  { name: 'format', short: 'f', type: 'string', choices: ['text', 'json', 'sarif'] },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'config', type: 'string' },
  { name: 'root', type: 'string' },
  { name: 'baseline', type: 'string' },
  { name: 'write-baseline', type: 'flag' },
  { name: 'fail-on', type: 'string', choices: ['error', 'warning', 'info', 'hint', 'none'] },
  { name: 'max-file-size', type: 'string' },
  { name: 'staged', type: 'flag' },
  { name: 'history', type: 'flag' },
  { name: 'branch', type: 'string' },
  { name: 'since', type: 'string' },
  { name: 'log-opts', type: 'string' },
  { name: 'diff', type: 'string' },
  { name: 'jobs', short: 'j', type: 'string' },
  { name: 'stdin-filename', type: 'string' },
  { name: 'time-budget', type: 'string' },
  { name: 'gitignore', type: 'flag', negatable: true },
  { name: 'git', type: 'flag', negatable: true },
  { name: 'follow-symlinks', type: 'flag' },
  { name: 'color', type: 'flag', negatable: true },
  { name: 'quiet', short: 'q', type: 'flag' },
  { name: 'help', short: 'h', type: 'flag' },
];

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

async function readRequired(file: string, what: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new IoError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IoError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function loadConfig(root: string, explicit: string | undefined, io: CliIo): Promise<Config> {
  const file = explicit ? path.resolve(io.cwd, explicit) : path.join(root, CONFIG_FILE_NAME);
  const text = explicit ? await readRequired(file, 'config') : await readOptional(file);
  if (text === undefined) return defaultConfig();
  const { config, errors } = parseConfig(text, path.relative(io.cwd, file) || file);
  for (const error of errors) io.stderr(`secure-hygiene: warning: ${error}\n`);
  return config;
}

async function resolveRoot(positionals: string[], explicit: string | undefined, io: CliIo): Promise<string> {
  if (explicit) return path.resolve(io.cwd, explicit);
  if (positionals.length === 1) {
    const only = path.resolve(io.cwd, positionals[0]);
    const stat = await fs.stat(only).catch(() => undefined);
    if (stat?.isDirectory()) return only;
  }
  return io.cwd;
}

export async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { options, positionals } = parseArgs(argv, OPTIONS);
  if (options.get('help')) {
    io.stdout(SCAN_HELP);
    return 0;
  }
  const format = (options.get('format') as string | undefined) ?? 'text';
  const failOn = (options.get('fail-on') as Severity | 'none' | undefined) ?? 'warning';
  const maxFileSize = options.has('max-file-size') ? parseSize(options.get('max-file-size') as string, 'max-file-size') : DEFAULT_MAX_FILE_SIZE;
  const jobs = options.has('jobs') ? parsePositiveInt(options.get('jobs') as string, 'jobs') : undefined;
  const timeBudgetMs = options.has('time-budget') ? parseBudget(options.get('time-budget') as string) : DEFAULT_TIME_BUDGET_MS;
  const outputFile = options.get('output') as string | undefined;
  const source = gitSource(options);
  const fromStdin = positionals.includes('-');
  if (fromStdin && positionals.length > 1) throw new UsageError('- (standard input) cannot be combined with other paths');
  if (fromStdin && source) throw new UsageError(`- reads standard input; --${source.kind} reads git: choose one`);
  if (options.has('stdin-filename') && !fromStdin) throw new UsageError('--stdin-filename names standard input: give - as the path');
  const paths = positionals.length > 0 && !fromStdin ? positionals : ['.'];

  const root = await resolveRoot(positionals, options.get('root') as string | undefined, io);
  const config = await loadConfig(root, options.get('config') as string | undefined, io);
  const writeBaseline = options.get('write-baseline') === true;
  const baselineFile = options.has('baseline') ? path.resolve(io.cwd, options.get('baseline') as string) : path.resolve(root, config.baseline);
  let baseline: Baseline | undefined;
  const baselineText = options.has('baseline') && !writeBaseline ? await readRequired(baselineFile, 'baseline') : await readOptional(baselineFile);
  if (baselineText !== undefined) {
    const parsed = parseBaseline(baselineText);
    if (parsed.error) throw new IoError(`${path.relative(io.cwd, baselineFile) || baselineFile}: ${parsed.error}`);
    baseline = parsed.baseline;
  }

  const absolutePaths = paths.map((entry) => path.resolve(io.cwd, entry));
  for (const [index, absolute] of absolutePaths.entries()) {
    await statStartPath(absolute, paths[index]);
  }
  const fingerprints = writeBaseline || !baseline ? undefined : baselineFingerprints(baseline);
  const stdinName = (options.get('stdin-filename') as string | undefined) ?? '<stdin>';
  const { outcome, listingErrors } = fromStdin
    ? { outcome: await scanStdin(io.readStdin(), stdinName, { config, baseline: fingerprints, maxFileSize }), listingErrors: 0 }
    : source
    ? { outcome: await scanGitSource(source, { root, paths: positionals.length > 0 ? absolutePaths : [], config, baseline: fingerprints, maxFileSize }, io), listingErrors: 0 }
    : await scanWorkingTree(absolutePaths, {
      root, config, baseline: fingerprints, maxFileSize, jobs, timeBudgetMs,
      git: options.get('git') !== false,
      gitignore: options.get('gitignore') !== false,
      followSymlinks: options.get('follow-symlinks') === true,
    });
  // A file not fully scanned is, like an unreadable one, a file nobody checked: the scan is incomplete.
  const ioTrouble = listingErrors > 0 || outcome.stats.unreadable > 0 || (outcome.stats.notFullyScanned ?? 0) > 0;

  if (writeBaseline) {
    const findings = await writeBaselineFile(baselineFile, baseline, outcome);
    io.stderr(`secure-hygiene: wrote ${findings} accepted finding${findings === 1 ? '' : 's'} to ${path.relative(io.cwd, baselineFile) || baselineFile}\n`);
    return ioTrouble ? 2 : 0;
  }

  const colorOption = options.get('color');
  const color = !outputFile && wantsColor(colorOption as boolean | undefined, io.isTTY);
  const context: ReportContext = { version: io.version, root, color, maxFileSize, scanKind: source?.kind ?? 'tree' };
  const rules = new Map(allRules(config).map((rule) => [rule.id, rule]));
  const rendered = format === 'json' ? formatJson(outcome, context) : format === 'sarif' ? formatSarif(outcome, context, rules) : formatText(outcome, context);
  const report = scrubAll(rendered, outcome);

  if (outputFile) {
    try {
      await fs.writeFile(path.resolve(io.cwd, outputFile), report);
    } catch (error) {
      throw new IoError(`cannot write ${outputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else {
    io.stdout(report);
  }
  if ((format !== 'text' || outputFile) && !options.get('quiet')) {
    io.stderr(`secure-hygiene: ${totalFindings(outcome)} findings. ${summaryLine(outcome.stats, maxFileSize)}\n`);
    if (format !== 'text') for (const problem of outcome.problems) io.stderr(`secure-hygiene: warning: ${scrubProblem(problem)}\n`);
  }
  if (ioTrouble) return 2;
  return failing(outcome, failOn) ? 1 : 0;
}

/**
 * --color/--no-color win; then FORCE_COLOR (set and not "0"), then NO_COLOR (set and not empty),
 * as the conventions for both say; then whether stdout is a terminal.
 */
export function wantsColor(option: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (option !== undefined) return option;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR) return false;
  return isTTY;
}

/** `scan -`: one buffer from standard input, judged as the file it stands for (never read from disk). */
async function scanStdin(bytes: Buffer, name: string, options: ScanOneOptions): Promise<ScanOutcome> {
  const tally = new OutcomeTally();
  const relative = name.split(path.sep).join('/');
  const content = textOf(bytes.toString('utf8'));
  if (isExcluded(relative, options.config)) tally.stats.excluded += 1;
  else if (bytes.length > options.maxFileSize) tally.stats.tooLarge += 1;
  else if (content.kind === 'binary') tally.add({ kind: 'binary' });
  else tally.add(await scanText(content.text, bytes.length, { relative, gitState: 'unknown' }, options));
  return tally.outcome();
}

/** What git holds instead of the working tree: the index, the history, or a diff. */
type GitSource = { kind: 'staged' } | { kind: 'history'; revisions: string[] } | { kind: 'diff'; base: string };

function gitSource(options: Map<string, string | boolean>): GitSource | undefined {
  const chosen = ['staged', 'history', 'diff'].filter((name) => options.has(name) && options.get(name) !== false);
  if (chosen.length > 1) throw new UsageError(`--${chosen[0]} and --${chosen[1]} cannot be combined`);
  for (const name of ['branch', 'since', 'log-opts']) {
    if (options.has(name) && chosen[0] !== 'history') throw new UsageError(`--${name} selects commits for --history`);
  }
  if (chosen.length > 0 && options.get('git') === false) throw new UsageError(`--${chosen[0]} reads git: it cannot be combined with --no-git`);
  if (chosen[0] === 'staged') return { kind: 'staged' };
  if (chosen[0] === 'diff') return { kind: 'diff', base: revision(options.get('diff') as string, 'diff') };
  if (chosen[0] !== 'history') return undefined;
  const branch = options.get('branch') as string | undefined;
  const since = options.get('since') as string | undefined;
  const extra = ((options.get('log-opts') as string | undefined) ?? '').split(/\s+/).filter(Boolean);
  const revisions = [branch === undefined ? '--all' : revision(branch, 'branch'), ...(since === undefined ? [] : [`^${revision(since, 'since')}`]), ...extra];
  return { kind: 'history', revisions };
}

/** A revision as git takes it; one that starts with a dash would be read as an option. */
function revision(value: string, option: string): string {
  if (value.startsWith('-') || value.length === 0) throw new UsageError(`--${option} needs a commit, branch or tag (got "${value}")`);
  return value;
}

async function scanGitSource(source: GitSource, options: StagedScanOptions, io: CliIo): Promise<ScanOutcome> {
  if (source.kind === 'staged') return scanStaged(options);
  if (source.kind === 'diff') return scanDiff({ ...options, base: source.base });
  const progress = io.isTTY
    ? (commits: number, bytes: number) => io.stderr(`\rsecure-hygiene: ${commits} commits, ${(bytes / 1024 ** 2).toFixed(1)} MB of patches read`)
    : undefined;
  const outcome = await scanHistory({ ...options, revisions: source.revisions, onProgress: progress });
  if (progress) io.stderr('\n');
  return outcome;
}

interface WorkingTreeOptions {
  root: string;
  config: Config;
  baseline?: ReadonlySet<string>;
  maxFileSize: number;
  jobs?: number;
  timeBudgetMs: number;
  git: boolean;
  gitignore: boolean;
  followSymlinks: boolean;
}

/** Walks the paths and scans what the walk finds, as it finds it: workers start while the tree is still being listed. */
async function scanWorkingTree(absolutePaths: string[], options: WorkingTreeOptions): Promise<{ outcome: ScanOutcome; listingErrors: number }> {
  const gitFacts = options.git ? loadGitFacts(options.root) : Promise.resolve(undefined);
  const pipeline = new ScanPipeline({
    config: options.config,
    baseline: options.baseline,
    maxFileSize: options.maxFileSize,
    jobs: options.jobs,
    timeBudgetMs: options.timeBudgetMs,
    git: gitFacts,
  });
  let walked: WalkResult;
  let outcome: ScanOutcome;
  try {
    walked = await walk(absolutePaths, {
      root: options.root,
      config: options.config,
      gitignore: options.gitignore,
      followSymlinks: options.followSymlinks,
      onFile: (file) => pipeline.add(file),
      onFolder: () => pipeline.folderListed(),
    });
    outcome = await pipeline.finish();
    await refineCommitState(outcome, options.root, await gitFacts, { config: options.config, baseline: options.baseline, maxFileSize: options.maxFileSize });
  } catch (error) {
    pipeline.abort();
    throw error;
  }
  outcome.stats.excluded = walked.excluded;
  outcome.stats.gitignored = walked.gitignored;
  if (walked.linksOutside > 0) outcome.stats.linksOutside = walked.linksOutside;
  outcome.problems.unshift(...walked.errors);
  return { outcome, listingErrors: walked.errors.length };
}

/** Milliseconds, 0 for none. */
function parseBudget(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`--time-budget must be a whole number of milliseconds, 0 for no budget (got "${text}")`);
  return value;
}

function failing(outcome: ScanOutcome, failOn: Severity | 'none'): boolean {
  return outcome.files.some((file) => reachesThreshold(file.findings, failOn));
}

/** Every current finding becomes accepted; reasons written earlier for the same fingerprint are kept. */
async function writeBaselineFile(file: string, previous: Baseline | undefined, outcome: ScanOutcome): Promise<number> {
  const reasons = new Map((previous?.findings ?? []).filter((entry) => entry.reason).map((entry) => [entry.fingerprint, entry.reason]));
  const findings = outcome.files.flatMap((report) => report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    file: report.path,
    ...(reasons.has(finding.fingerprint) ? { reason: reasons.get(finding.fingerprint) } : {}),
  })));
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, serializeBaseline({ version: 1, findings }));
  } catch (error) {
    throw new IoError(`cannot write the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return new Set(findings.map((entry) => entry.fingerprint)).size;
}

export { UsageError, MissingPathError };
