// `npm run precision`: scans real third-party code that holds no real secrets and prints the
// findings by rule beside the last recorded counts (bench/precision-baseline.json), so that a rule
// that became noisier shows at once. Every finding here is a false positive, or a documented
// example worth a look.
//
// The corpus is assembled the same way on any fresh machine here, from what is reachable offline:
// the project's own node_modules, and Debian library packages (Python, Ruby, PHP, Go and
// JavaScript sources) fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a cache
// folder outside the tree (~/.cache/secure-hygiene-precision, or $SECURE_HYGIENE_PRECISION_CACHE).
// A package is fetched once; its version is recorded beside the counts, so that a change of corpus
// is not mistaken for a change of rules.
//
//   npm run precision                 build, assemble, scan, compare
//   npm run precision -- --update     ... and record these counts as the new baseline
//   npm run precision -- --show RULE  ... and list that rule's findings (values masked)
//   npm run precision -- --cli PATH   scan with another build's dist/cli.js (an older commit's)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const BASELINE = join(ROOT, 'bench', 'precision-baseline.json');
const CACHE = process.env.SECURE_HYGIENE_PRECISION_CACHE ?? join(homedir(), '.cache', 'secure-hygiene-precision');

/**
 * Debian packages whose files are library sources: web frameworks, HTTP clients, SDKs and drivers,
 * the code where `password`, `token` and `secret` are most often written without being secrets.
 */
export const PACKAGES = [
  'python3-django', 'python3-flask', 'python3-requests', 'python3-urllib3', 'python3-paramiko',
  'python3-sqlalchemy', 'python3-botocore', 'python3-boto3',
  'ruby-rack', 'ruby-faraday', 'ruby-net-ssh', 'ruby-aws-sdk-core',
  'php-guzzlehttp-guzzle', 'php-symfony-http-client',
  'golang-golang-x-net-dev', 'golang-github-go-sql-driver-mysql-dev',
  'libjs-jquery',
  // Where passwords are written into commands, SQL and headers: database drivers, HTTP clients,
  // libcurl's examples, PostgreSQL's SQL reference, Ansible's modules, WordPress (wp-config-sample.php).
  'python3-pymysql', 'python3-psycopg2', 'python3-httpx', 'libcurl4-doc', 'postgresql-doc-15',
  'ansible-core', 'wordpress',
];

interface Baseline {
  /** When and on what the counts were taken. */
  recorded: string;
  packages: Record<string, string>;
  files: number;
  bytes: number;
  findings: number;
  byRule: Record<string, number>;
}

interface JsonReport {
  summary: { findings: number; scanned: number; bytes: number; elapsedMs: number };
  files: { path: string; findings: { ruleId: string; line: number; excerpt: string }[] }[];
  problems?: string[];
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `apt-get download` then `dpkg-deb -x`, once per package; returns the version unpacked. */
function unpack(name: string): string | undefined {
  const debs = join(CACHE, 'debs');
  const tree = join(CACHE, 'tree', name);
  const stamp = join(tree, '.unpacked-version');
  if (existsSync(stamp)) return readFileSync(stamp, 'utf8').trim();
  mkdirSync(debs, { recursive: true });
  const found = () => readdirSync(debs).find((file) => file.startsWith(`${name}_`) && file.endsWith('.deb'));
  if (!found()) {
    try {
      run('apt-get', ['download', name], debs);
    } catch (error) {
      console.error(`  ${name}: apt-get download failed (${(error as Error).message.split('\n')[0]}); skipped`);
      return undefined;
    }
  }
  const deb = found();
  if (!deb) return undefined;
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  run('dpkg-deb', ['-x', join(debs, deb), tree], CACHE);
  const version = deb.split('_')[1].replace(/%3a/gi, ':');
  writeFileSync(stamp, version + '\n');
  return version;
}

function scanCorpus(paths: string[], cli: string): JsonReport {
  // secure-hygiene-ignore-next-line path/cli-argument -- a developer's script: it runs the CLI bundle its user names with --cli
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run precision does)');
  // --no-git: nothing here is ours; --fail-on none: findings are the measurement, not a failure.
  // A generous per-file budget: on a shared machine the default (3 s) stops a few large files at
  // random, and the counts would change from run to run.
  const result = spawnSync(process.execPath, [cli, 'scan', ...paths, '--root', CACHE, '--no-git', '--no-gitignore', '--format', 'json', '--quiet', '--fail-on', 'none', '--time-budget', '60000'], {
    cwd: CACHE,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  // Exit 2 with a report on stdout: some files were not fully scanned (listed under `problems`).
  if (result.status !== 0 && !(result.status === 2 && result.stdout.startsWith('{'))) throw new Error(`scan failed (exit ${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as JsonReport;
  for (const problem of report.problems ?? []) console.log(`  ${problem}`);
  return report;
}

function countByRule(report: JsonReport): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of report.files) for (const finding of file.findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function readBaseline(): Baseline | undefined {
  return existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline) : undefined;
}

function printComparison(byRule: Record<string, number>, baseline: Baseline | undefined): void {
  const rules = [...new Set([...Object.keys(byRule), ...Object.keys(baseline?.byRule ?? {})])].sort();
  const width = Math.max(24, ...rules.map((rule) => rule.length));
  console.log(`\n${'rule'.padEnd(width)}  ${'now'.padStart(6)}  ${'before'.padStart(6)}  change`);
  for (const rule of rules) {
    const now = byRule[rule] ?? 0;
    const before = baseline?.byRule[rule] ?? 0;
    const change = now === before ? '' : now > before ? `+${now - before}  <-- noisier` : `${now - before}`;
    console.log(`${rule.padEnd(width)}  ${String(now).padStart(6)}  ${String(before).padStart(6)}  ${change}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const update = args.includes('--update');
  const show = args.includes('--show') ? args[args.indexOf('--show') + 1] : undefined;
  mkdirSync(join(CACHE, 'tree'), { recursive: true });

  console.log(`Corpus in ${CACHE}`);
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    const version = unpack(name);
    if (version) packages[name] = version;
  }
  // The walk never enters node_modules, but a folder named on the command line is walked.
  const nodeModules = join(ROOT, 'node_modules');
  const paths = [...Object.keys(packages).map((name) => join(CACHE, 'tree', name)), ...(existsSync(nodeModules) ? [nodeModules] : [])];
  packages['node_modules'] = 'this checkout';
  console.log(`Scanning ${Object.keys(packages).length - 1} Debian packages and node_modules ...`);

  const cli = args.includes('--cli') ? resolve(args[args.indexOf('--cli') + 1]) : join(ROOT, 'dist', 'cli.js');
  const report = scanCorpus(paths, cli);
  const byRule = countByRule(report);
  const { scanned, bytes, findings, elapsedMs } = report.summary;
  console.log(`${scanned} files, ${(bytes / 1e6).toFixed(1)} MB, ${findings} findings in ${(elapsedMs / 1000).toFixed(1)} s`);

  const baseline = readBaseline();
  if (baseline) {
    console.log(`Baseline of ${baseline.recorded}: ${baseline.files} files, ${(baseline.bytes / 1e6).toFixed(1)} MB, ${baseline.findings} findings`);
    const changed = Object.keys({ ...packages, ...baseline.packages }).filter((name) => packages[name] !== baseline.packages[name]);
    if (changed.length > 0) console.log(`Corpus differs from the baseline's in: ${changed.join(', ')}`);
  } else console.log('No baseline yet (bench/precision-baseline.json): run with --update to record one.');
  printComparison(byRule, baseline);

  if (show) {
    console.log(`\n${show}:`);
    for (const file of report.files) {
      for (const finding of file.findings) if (finding.ruleId === show) console.log(`  ${file.path}:${finding.line}  ${finding.excerpt.trim().slice(0, 160)}`);
    }
  }

  if (update) {
    const recorded: Baseline = { recorded: new Date().toISOString().slice(0, 10), packages, files: scanned, bytes, findings, byRule };
    writeFileSync(BASELINE, JSON.stringify(recorded, null, 2) + '\n');
    console.log(`\nRecorded as the baseline: ${BASELINE}`);
  }
}

main();
