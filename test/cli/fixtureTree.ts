import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BASE64, join, synth } from '../../src/engine/rules/samples';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';
import { ALNUM } from '../../src/engine/rules/samples';

// A small project written into a temp folder at test time, with synthetic secrets built from
// parts: some to find, some hidden by .gitignore, the config's excludes, binary content or size.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The planted values, so tests can assert that none of them is ever printed whole. */
export interface PlantedSecrets {
  awsKeyId: string;
  awsSecret: string;
  githubToken: string;
  password: string;
  ignored: string;
  excluded: string;
  binary: string;
}

export function plantedSecrets(): PlantedSecrets {
  return {
    awsKeyId: join('AKIA', synth(BASE32, 16, 101)),
    awsSecret: synth(BASE64, 40, 102),
    githubToken: githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 103)),
    password: join('Vx9', synth(ALNUM, 9, 104), '!q'),
    ignored: join('AKIA', synth(BASE32, 16, 105)),
    excluded: join('AKIA', synth(BASE32, 16, 106)),
    binary: join('AKIA', synth(BASE32, 16, 107)),
  };
}

export function allValues(secrets: PlantedSecrets): string[] {
  return Object.values(secrets);
}

function write(root: string, relative: string, content: string | Buffer): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Writes the project and returns its folder (a fresh temp folder each call). */
export function makeProject(secrets: PlantedSecrets = plantedSecrets()): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sh-cli-'));
  write(root, '.secure-hygiene.json', '{\n  // vendored code is someone else\'s problem\n  "exclude": ["vendor/**"]\n}\n');
  write(root, '.gitignore', 'ignored/\n*.log\n');
  write(root, 'src/aws.js', [
    "const { S3Client } = require('@aws-sdk/client-s3');",
    '',
    'const client = new S3Client({',
    "  region: 'eu-west-1',",
    `  credentials: { accessKeyId: '${secrets.awsKeyId}', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },`,
    '});',
    '',
    `const token = "${secrets.githubToken}";`,
    'module.exports = { client, token };',
    '',
  ].join('\n'));
  write(root, 'app/settings.py', [
    'DEBUG = False',
    "ALLOWED_HOSTS = ['example.com']",
    `DB_PASSWORD = '${secrets.password}'`,
    "DB_USER = 'app'",
    '',
  ].join('\n'));
  write(root, 'deploy/aws.yml', `region: eu-west-1\naws_secret_access_key: ${secrets.awsSecret}\n`);
  write(root, 'src/clean.ts', 'export function add(a: number, b: number): number {\n  return a + b;\n}\n');
  write(root, 'README.md', '# Demo\n\nSet `DB_PASSWORD` in your environment; never commit it.\n');
  write(root, 'ignored/secret.js', `const key = '${secrets.ignored}';\n`);
  write(root, 'debug.log', `key=${secrets.ignored}\n`);
  write(root, 'vendor/lib.js', `const key = '${secrets.excluded}';\n`);
  write(root, 'assets/logo.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.from(`key=${secrets.binary}`)]));
  write(root, 'package-lock.json', '{\n  "lockfileVersion": 3,\n  "packages": {}\n}\n');
  return root;
}
