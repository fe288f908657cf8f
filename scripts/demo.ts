import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALNUM, BASE64, join, synth } from '../src/engine/rules/samples';

// `npm run demo`: writes a small project with planted (synthetic) secrets into .cache/demo/, runs
// the built CLI on it so you see the findings, then checks that it found what was planted and
// nothing in the clean files. Exits 0 when it did (the CLI's own exit code 1 is expected here).

const REPO = path.resolve(__dirname, '..');
const DEMO = path.join(REPO, '.cache', 'demo');
const CLI = path.join(REPO, 'dist', 'cli.js');
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Files with a planted secret, and the files that must stay clean. */
const PLANTED = ['src/payments.js', 'app/settings.py', 'config/deploy.yaml'];
const CLEAN = ['src/index.ts', '.env', 'README.md', '.env.example'];

function write(relative: string, lines: string[]): void {
  const file = path.join(DEMO, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function plant(): void {
  rmSync(DEMO, { recursive: true, force: true });
  const stripeKey = join('sk_', 'live_', synth(ALNUM, 24, 2024));
  write('README.md', ['# Acme shop', '', 'Copy `.env.example` to `.env` and fill in your keys. Never commit `.env`.']);
  write('.gitignore', ['.env', 'node_modules/']);
  write('.env.example', ['STRIPE_SECRET_KEY=', 'DATABASE_PASSWORD=']);
  // Where secrets belong: a git-ignored .env. Not a finding.
  write('.env', [`STRIPE_SECRET_KEY=${stripeKey}`, `DATABASE_PASSWORD=${join('p8', synth(ALNUM, 14, 7))}`]);
  write('src/index.ts', [
    "import express from 'express';",
    '',
    'const app = express();',
    'const port = Number(process.env.PORT ?? 3000);',
    "app.get('/health', (_req, res) => res.json({ ok: true }));",
    'app.listen(port);',
  ]);
  write('src/payments.js', [
    "const Stripe = require('stripe');",
    '',
    '// TEMP: quick test against live mode',
    `const stripeSecretKey = '${stripeKey}';`,
    'const stripe = new Stripe(stripeSecretKey);',
    '',
    'async function charge(amount, customer) {',
    "  return stripe.paymentIntents.create({ amount, currency: 'eur', customer });",
    '}',
    'module.exports = { charge };',
  ]);
  write('app/settings.py', [
    'import os',
    '',
    'DEBUG = False',
    "ALLOWED_HOSTS = ['shop.example.com']",
    'DATABASES = {',
    "    'default': {",
    "        'ENGINE': 'django.db.backends.postgresql',",
    "        'NAME': 'shop',",
    "        'USER': 'shop',",
    `        'PASSWORD': '${join('Qz7', synth(ALNUM, 10, 99), '!x')}',`,
    "        'HOST': os.environ.get('DB_HOST', 'localhost'),",
    '    }',
    '}',
  ]);
  write('config/deploy.yaml', [
    'service: shop',
    'region: eu-west-1',
    'aws:',
    `  aws_access_key_id: ${join('AKIA', synth(BASE32, 16, 31))}`,
    `  aws_secret_access_key: ${synth(BASE64, 40, 32)}`,
  ]);
}

/** A repository of its own, with the deploy file staged: committed secrets are reported as errors. */
function stageOneFile(): boolean {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: DEMO, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'config/deploy.yaml', '.gitignore', 'README.md');
    return true;
  } catch {
    return false;
  }
}

function main(): number {
  plant();
  const staged = stageOneFile();
  const shown = path.relative(process.cwd(), DEMO) || '.';
  console.log(`Planted synthetic secrets in ${shown}${staged ? ' (config/deploy.yaml is staged in git)' : ''}.\n`);
  console.log(`$ secure-hygiene scan ${shown}\n`);
  const visible = spawnSync(process.execPath, [CLI, 'scan', DEMO], { stdio: 'inherit' });
  if (visible.status !== 1) {
    console.error(`\ndemo: expected the scan to exit 1 (findings), got ${visible.status}`);
    return 1;
  }

  const checked = spawnSync(process.execPath, [CLI, 'scan', DEMO, '--format', 'json', '--quiet'], { encoding: 'utf8' });
  const report = JSON.parse(checked.stdout) as { files: { path: string; findings: { severity: string }[] }[] };
  const found = new Map(report.files.map((file) => [file.path, file.findings]));
  const missed = PLANTED.filter((file) => !found.get(file)?.length);
  const noisy = CLEAN.filter((file) => found.has(file));
  const problems = [
    ...missed.map((file) => `nothing found in ${file}, which has a planted secret`),
    ...noisy.map((file) => `a finding in ${file}, which should be clean`),
  ];
  if (staged && !found.get('config/deploy.yaml')?.some((finding) => finding.severity === 'error')) {
    problems.push('the staged config/deploy.yaml should hold errors (committed secrets)');
  }
  if (problems.length) {
    for (const problem of problems) console.error(`demo: ${problem}`);
    return 1;
  }
  if (staged) {
    // What a pre-commit hook would run: only what the next commit holds.
    console.log(`\n$ cd ${shown} && secure-hygiene scan --staged\n`);
    const hook = spawnSync(process.execPath, [CLI, 'scan', '--staged'], { cwd: DEMO, stdio: 'inherit' });
    if (hook.status !== 1) {
      console.error(`\ndemo: expected scan --staged to exit 1 (the staged deploy file), got ${hook.status}`);
      return 1;
    }
  }
  console.log(`\ndemo: OK: found the planted secrets in ${PLANTED.length} files and nothing in the ${CLEAN.length} clean ones (the .env is git-ignored, where secrets belong).`);
  return 0;
}

process.exitCode = main();
