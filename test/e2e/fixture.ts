// The workspace every real-editor scenario opens: a git repository with a committed file holding a
// planted secret, an untracked file holding another, and files for the TLS, path-traversal and
// suppression scenarios. Secrets are synthesised at run time; none sits whole in this repository.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';
import { fingerprint, serializeBaseline } from '../../src/engine/baseline';

const AWS_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface PlantedSecret {
  /** Path relative to the workspace root. */
  file: string;
  /** 1-based line of the secret, as the editor shows it. */
  line: number;
  value: string;
  ruleId: string;
  /** Words the diagnostic names the provider with. */
  provider: RegExp;
  /** The whole line as written. */
  text: string;
}

export interface Fixture {
  root: string;
  /** Committed: git tracks it, so its finding is an Error. */
  committed: PlantedSecret;
  /** Never added to git: its finding is a Warning. */
  untracked: PlantedSecret;
  /** Committed too; the quick-fix scenario moves this one to .env. */
  movable: PlantedSecret;
  /** Committed; the suppression scenario silences this one. */
  suppressible: PlantedSecret;
  /** Committed, and no scenario opens its file: only the workspace scan reports it. */
  closed: PlantedSecret;
  /** A suppression comment whose date has passed, and a baseline entry, for the view's second section. */
  expiredSuppression: { file: string; line: number; until: string; reason: string };
  baselineEntry: { file: string; ruleId: string; reason: string };
  /** `.env`, ignored by the committed `.gitignore`: its secret is quiet, its TLS line is not. */
  ignoredEnv: { file: string; secret: PlantedSecret; tlsLine: number; tlsRuleId: string };
  tls: { file: string; line: number; ruleId: RegExp };
  traversal: { file: string; line: number; ruleId: RegExp };
  remove(): void;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

function write(root: string, file: string, lines: string[]): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), lines.join('\n') + '\n');
}

function planted(file: string, lines: string[], line: number, value: string, ruleId: string, provider: RegExp): PlantedSecret {
  return { file, line, value, ruleId, provider, text: lines[line - 1] };
}

/** `onCreate` may register the folder for removal on exit (the harness does); `remove()` releases it. */
export function createFixture(prefix = 'secure-hygiene-e2e-', onCreate?: (dir: string) => { release(): void }): Fixture {
  // A fixed, readable folder name (it shows in the explorer, the title and the screenshots) inside a fresh temp folder.
  const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const temp = onCreate?.(parent);
  const root = path.join(parent, 'acme-shop');
  fs.mkdirSync(root);

  const awsKey = join('AKIA', synth(AWS_ALPHABET, 16, 71));
  const committedLines = [
    "import { S3Client } from '@aws-sdk/client-s3';",
    '',
    "// Product images and invoices live in the shop's bucket.",
    "export const bucket = 'acme-shop-uploads';",
    "const region = 'eu-west-1';",
    '',
    `const accessKeyId = "${awsKey}";`,
    '',
    "export const s3 = new S3Client({ region, credentials: { accessKeyId, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '' } });",
  ];
  write(root, 'src/config.ts', committedLines);

  const token = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 72));
  const untrackedLines = ['// scratch notes, never committed', `const token = "${token}";`, 'console.log(token.length);'];

  const movableKey = join('AKIA', synth(AWS_ALPHABET, 16, 73));
  const movableLines = [
    "import { S3Client } from '@aws-sdk/client-s3';",
    '',
    'export function client() {',
    `  const accessKeyId = "${movableKey}";`,
    '  return new S3Client({ credentials: { accessKeyId, secretAccessKey: process.env.AWS_SECRET } });',
    '}',
  ];
  write(root, 'src/upload.ts', movableLines);

  const suppressibleToken = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 74));
  const suppressibleLines = ['export const fixtures = {', `  token: "${suppressibleToken}",`, '};'];
  write(root, 'test/fixtureToken.ts', suppressibleLines);

  const tlsLines = [
    "import * as https from 'node:https';",
    '',
    'export const agent = new https.Agent({ rejectUnauthorized: false });',
  ];
  write(root, 'src/tls.ts', tlsLines);

  const traversalLines = [
    "import * as path from 'node:path';",
    "import express from 'express';",
    '',
    'const app = express();',
    "app.get('/download', (req, res) => {",
    "  res.sendFile(path.join(__dirname, 'files', req.query.name as string));",
    '});',
  ];
  write(root, 'src/download.ts', traversalLines);

  write(root, 'package.json', ['{ "name": "acme-shop", "version": "1.4.0", "private": true }']);

  const closedKey = join('AKIA', synth(AWS_ALPHABET, 16, 75));
  const closedLines = [
    '// Sends the order confirmations.',
    "import { SESClient } from '@aws-sdk/client-ses';",
    `const mailerKeyId = "${closedKey}";`,
    "export const ses = new SESClient({ credentials: { accessKeyId: mailerKeyId, secretAccessKey: process.env.SES_SECRET ?? '' } });",
  ];
  write(root, 'src/jobs/mailer.ts', closedLines);
  const marker = ['secure-hygiene', 'ignore'].join('-');
  write(root, 'test/legacy.ts', ['// The old fixture, kept for the migration tests.', `// ${marker}-next-line secret/* until 2001-02-03 -- key revoked in 2000`, "export const legacy = 'gone';"]);
  const accepted = { ruleId: 'secret/generic-password', file: 'test/legacy.ts', reason: 'accepted by the security team' };
  write(root, '.secure-hygiene-baseline.json', [serializeBaseline({
    version: 1,
    findings: [{ ...accepted, fingerprint: fingerprint(accepted.ruleId, 'the value of an old finding', accepted.file) }],
  }).trimEnd()]);
  // Committed: .env is where secrets belong, and git ignores it.
  write(root, '.gitignore', ['node_modules/', '.env']);

  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, '-c', 'user.name=Secure Hygiene e2e', '-c', 'user.email=e2e@secure-hygiene.invalid', 'commit', '-q', '-m', 'fixture');
  // Written after the commit, and never added: git does not track it.
  write(root, 'scratch.ts', untrackedLines);
  const envToken = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 76));
  const envLines = ['# local settings, git-ignored', `GITHUB_TOKEN=${envToken}`, 'NODE_TLS_REJECT_UNAUTHORIZED=0'];
  write(root, '.env', envLines);

  return {
    root,
    committed: planted('src/config.ts', committedLines, 7, awsKey, 'secret/aws-access-key-id', /AWS access key/i),
    untracked: planted('scratch.ts', untrackedLines, 2, token, 'secret/github-token', /GitHub/i),
    movable: planted('src/upload.ts', movableLines, 4, movableKey, 'secret/aws-access-key-id', /AWS access key/i),
    suppressible: planted('test/fixtureToken.ts', suppressibleLines, 2, suppressibleToken, 'secret/github-token', /GitHub/i),
    closed: planted('src/jobs/mailer.ts', closedLines, 3, closedKey, 'secret/aws-access-key-id', /AWS access key/i),
    expiredSuppression: { file: 'test/legacy.ts', line: 2, until: '2001-02-03', reason: 'key revoked in 2000' },
    baselineEntry: accepted,
    ignoredEnv: {
      file: '.env',
      secret: planted('.env', envLines, 2, envToken, 'secret/github-token', /GitHub/i),
      tlsLine: 3,
      tlsRuleId: 'tls/node-tls-env',
    },
    tls: { file: 'src/tls.ts', line: 3, ruleId: /^tls\// },
    traversal: { file: 'src/download.ts', line: 6, ruleId: /^path\/traversal/ },
    remove: () => (temp ? temp.release() : fs.rmSync(parent, { recursive: true, force: true })),
  };
}

/**
 * True when `text` shows no more of `secret` than a mask keeps (a prefix and the last characters):
 * no run of 9 of its characters appears.
 */
export function isMasked(text: string, secret: string): boolean {
  for (let i = 0; i + 9 <= secret.length; i += 1) {
    if (text.includes(secret.slice(i, i + 9))) return false;
  }
  return true;
}
