import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALNUM, BASE64, HEX, join, synth } from '../src/engine/rules/samples';
import { githubTokenWithChecksum } from '../src/engine/rules/secrets/checksums';

// A large synthetic source tree for the throughput bench: a realistic mix of languages and config
// files, mostly clean code that mentions passwords, tokens and keys the way real code does (reads
// from the environment, types, hashes), and a few planted synthetic secrets. Deterministic, and
// generated once into .bench/tree: reused while GENERATOR_VERSION is unchanged.

export const GENERATOR_VERSION = 3;
const TARGET_BYTES = 55 * 1024 * 1024;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface TreeManifest {
  version: number;
  files: number;
  bytes: number;
  /** Relative paths of the files holding a planted secret. */
  planted: string[];
}

/** mulberry32: a tiny seeded PRNG so the tree is the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['user', 'order', 'invoice', 'account', 'session', 'payment', 'product', 'cart', 'report', 'event', 'message', 'profile', 'team', 'project', 'task', 'comment', 'file', 'audit', 'config', 'cache', 'queue', 'job', 'metric', 'tenant', 'policy'];
const VERBS = ['get', 'load', 'save', 'update', 'delete', 'find', 'build', 'parse', 'render', 'validate', 'sync', 'fetch', 'create', 'resolve', 'handle', 'apply', 'merge', 'format', 'compute', 'check'];
const WORDS = ['the', 'request', 'returns', 'a', 'list', 'of', 'items', 'when', 'cache', 'is', 'empty', 'retry', 'after', 'timeout', 'for', 'each', 'tenant', 'we', 'keep', 'only', 'active', 'records', 'and', 'drop', 'stale', 'entries', 'this', 'handler', 'must', 'be', 'idempotent', 'token', 'password', 'key', 'secret', 'rotated', 'environment'];

class Writer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  camel(): string {
    const noun = this.pick(NOUNS);
    return `${this.pick(VERBS)}${noun[0].toUpperCase()}${noun.slice(1)}`;
  }
  pascal(): string {
    const noun = this.pick(NOUNS);
    return `${noun[0].toUpperCase()}${noun.slice(1)}${this.pick(['Service', 'Repository', 'Controller', 'Client', 'Handler', 'Store'])}`;
  }
  sentence(min = 5, max = 14): string {
    const words = Array.from({ length: this.int(min, max) }, () => this.pick(WORDS));
    return `${words.join(' ')}.`.replace(/^./, (first) => first.toUpperCase());
  }
  hex(length: number): string {
    return Array.from({ length }, () => HEX[Math.floor(this.random() * 16)]).join('');
  }
}

type Generator = (w: Writer) => string;

function jsFunction(w: Writer, typed: boolean): string {
  const name = w.camel();
  const arg = w.pick(NOUNS);
  const t = (type: string) => (typed ? `: ${type}` : '');
  const body = [
    `  // ${w.sentence()}`,
    `  const ${arg}Id${t('string')} = String(input.id ?? '');`,
    `  if (!${arg}Id) throw new Error('${w.sentence(3, 6)}');`,
    w.pick([
      "  const token = req.headers['authorization'];",
      '  const apiKey = process.env.API_KEY;',
      '  const password = await vault.read(`db/${tenant}/password`);',
      `  const checksum = '${w.hex(40)}';`,
      `  const url = \`https://api.example.com/v2/${arg}s/\${${arg}Id}\`;`,
      '  const secretName = `${env}-signing-key`;',
    ]),
    `  const result = await db.${w.pick(['query', 'select', 'find'])}('${arg}s', { id: ${arg}Id, limit: ${w.int(1, 500)} });`,
    `  logger.debug('${name} done', { count: result.length });`,
    '  return result;',
  ];
  return `export async function ${name}(input${t(`{ id?: string; tenant?: string }`)})${typed ? ': Promise<unknown[]>' : ''} {\n${body.join('\n')}\n}\n`;
}

const generators: Record<string, { ext: string; weight: number; make: Generator }> = {
  js: { ext: 'js', weight: 18, make: (w) => `'use strict';\nconst { db, logger } = require('../lib');\n\n${Array.from({ length: w.int(8, 40) }, () => jsFunction(w, false)).join('\n')}` },
  ts: {
    ext: 'ts',
    weight: 24,
    make: (w) => `import { db, logger, vault } from '../lib';\n\nexport interface ${w.pascal()}Options {\n  password: string;\n  token?: string;\n  timeoutMs: number;\n}\n\n${Array.from({ length: w.int(8, 40) }, () => jsFunction(w, true)).join('\n')}`,
  },
  py: {
    ext: 'py',
    weight: 14,
    make: (w) => {
      const methods = Array.from({ length: w.int(6, 30) }, () => {
        const name = w.camel().replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        return `    def ${name}(self, item_id: str, limit: int = ${w.int(1, 100)}):\n        """${w.sentence()}"""\n        ${w.pick(['password = os.environ["DB_PASSWORD"]', 'token = self.session.headers.get("Authorization")', `digest = "${w.hex(64)}"`, 'api_key = settings.API_KEY'])}\n        rows = self.db.execute("SELECT * FROM ${w.pick(NOUNS)}s WHERE id = %s LIMIT %s", (item_id, limit))\n        return [dict(row) for row in rows]\n`;
      });
      return `import os\nfrom typing import Any\n\n\nclass ${w.pascal()}:\n    """${w.sentence()}"""\n\n    def __init__(self, db, session):\n        self.db = db\n        self.session = session\n\n${methods.join('\n')}`;
    },
  },
  go: {
    ext: 'go',
    weight: 10,
    make: (w) => {
      const funcs = Array.from({ length: w.int(6, 30) }, () => `// ${w.camel()} ${w.sentence()}\nfunc (s *${w.pascal()}) ${w.camel().replace(/^./, (c) => c.toUpperCase())}(ctx context.Context, id string) ([]Record, error) {\n\t${w.pick(['token := os.Getenv("TOKEN")', 'password := cfg.Database.Password', `sum := "${w.hex(64)}"`, 'key := []byte(os.Getenv("SIGNING_KEY"))'])}\n\trows, err := s.db.QueryContext(ctx, "SELECT id, name FROM ${w.pick(NOUNS)}s WHERE id = $1", id)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("query: %w", err)\n\t}\n\tdefer rows.Close()\n\treturn scan(rows)\n}\n`);
      return `package ${w.pick(NOUNS)}\n\nimport (\n\t"context"\n\t"fmt"\n\t"os"\n)\n\n${funcs.join('\n')}`;
    },
  },
  java: {
    ext: 'java',
    weight: 10,
    make: (w) => {
      const cls = w.pascal();
      const methods = Array.from({ length: w.int(6, 25) }, () => `    /** ${w.sentence()} */\n    public List<String> ${w.camel()}(String id, int limit) {\n        ${w.pick(['String password = System.getenv("DB_PASSWORD");', 'String token = request.getHeader("Authorization");', `String checksum = "${w.hex(40)}";`, 'char[] secretKey = keyStore.load(alias);'])}\n        return repository.findAll(id, Math.min(limit, ${w.int(10, 500)}));\n    }\n`);
      return `package com.example.${w.pick(NOUNS)};\n\nimport java.util.List;\n\npublic class ${cls} {\n    private final Repository repository;\n    private String secretKey;\n\n    public ${cls}(Repository repository) {\n        this.repository = repository;\n    }\n\n${methods.join('\n')}}\n`;
    },
  },
  yaml: {
    ext: 'yaml',
    weight: 7,
    make: (w) => Array.from({ length: w.int(3, 12) }, () => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${w.pick(NOUNS)}-api\n  labels:\n    app: ${w.pick(NOUNS)}\nspec:\n  replicas: ${w.int(1, 6)}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/${w.pick(NOUNS)}:${w.int(1, 9)}.${w.int(0, 30)}.${w.int(0, 9)}\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db-credentials\n                  key: password\n            - name: LOG_LEVEL\n              value: info\n`).join('---\n'),
  },
  json: {
    ext: 'json',
    weight: 7,
    make: (w) => `${JSON.stringify({ name: w.pick(NOUNS), items: Array.from({ length: w.int(20, 200) }, (_, i) => ({ id: i, name: w.camel(), sha: w.hex(40), enabled: w.random() > 0.5, tokenTtlSeconds: w.int(60, 86400) })) }, null, 2)}\n`,
  },
  md: {
    ext: 'md',
    weight: 5,
    make: (w) => `# ${w.pascal()}\n\n${Array.from({ length: w.int(10, 60) }, () => `${w.sentence(8, 30)} ${w.sentence(8, 30)}\n`).join('\n')}\n\`\`\`bash\nexport API_KEY=<your-api-key>\nnpm run ${w.pick(VERBS)}\n\`\`\`\n`,
  },
  properties: {
    ext: 'properties',
    weight: 3,
    make: (w) => `${Array.from({ length: w.int(20, 80) }, () => `${w.pick(['app', 'spring', 'server', 'logging'])}.${w.pick(NOUNS)}.${w.pick(['timeout', 'enabled', 'size', 'url'])}=${w.pick(['30s', 'true', String(w.int(1, 999)), 'http://localhost:8080'])}`).join('\n')}\nspring.datasource.password=\${DB_PASSWORD}\n`,
  },
  dockerfile: {
    ext: 'Dockerfile',
    weight: 2,
    make: (w) => `FROM node:20-slim\nWORKDIR /app\nENV NODE_ENV=production\nENV PORT=${w.int(3000, 9000)}\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "dist/${w.pick(NOUNS)}.js"]\n`,
  },
};

/** The planted secrets: a line each, in the file kind it is typical of. */
function plantedLine(index: number, kind: string): string {
  const seed = 9000 + index;
  switch (kind) {
    case 'py': return `DB_PASSWORD = '${join('Zq8', synth(ALNUM, 12, seed), '!k')}'\n`;
    case 'yaml': return `aws_secret_access_key: ${synth(BASE64, 40, seed)}\n`;
    case 'properties': return `spring.datasource.password=${join('Lm4', synth(ALNUM, 12, seed))}\n`;
    case 'go': return `var ghToken = "${githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, seed))}"\n`;
    default: return `const awsKeyId = '${join('AKIA', synth(BASE32, 16, seed))}';\n`;
  }
}

function fileName(kind: string, w: Writer, index: number): string {
  if (kind === 'dockerfile') return 'Dockerfile';
  const ext = generators[kind].ext;
  return `${w.pick(NOUNS)}_${w.pick(VERBS)}_${index}.${ext}`;
}

/** Generates the tree unless one of this version is already there. Returns its manifest. */
export function ensureTree(dir: string, log: (line: string) => void): TreeManifest {
  const manifestFile = path.join(dir, '.generator.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as TreeManifest;
    if (manifest.version === GENERATOR_VERSION) {
      log(`reusing ${path.relative(process.cwd(), dir)} (generator v${GENERATOR_VERSION})`);
      return manifest;
    }
  }
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const w = new Writer(42);
  const kinds = Object.keys(generators);
  const weights = kinds.map((kind) => generators[kind].weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const chooseKind = () => {
    let roll = w.random() * total;
    for (let i = 0; i < kinds.length; i += 1) if ((roll -= weights[i]) < 0) return kinds[i];
    return kinds[0];
  };

  const manifest: TreeManifest = { version: GENERATOR_VERSION, files: 0, bytes: 0, planted: [] };
  const plantEvery = 211;
  for (let index = 0; manifest.bytes < TARGET_BYTES; index += 1) {
    const kind = chooseKind();
    const pkg = `pkg-${String(index % 48).padStart(2, '0')}`;
    const folder = path.join(dir, pkg, kind === 'dockerfile' ? `svc-${index}` : w.pick(['src', 'lib', 'internal', 'app', 'config', 'docs']), w.pick(NOUNS));
    const relative = path.relative(dir, path.join(folder, fileName(kind, w, index))).split(path.sep).join('/');
    let text = generators[kind].make(w);
    if (index % plantEvery === 17 && kind !== 'md' && kind !== 'json' && kind !== 'dockerfile') {
      const lines = text.split('\n');
      lines.splice(Math.floor(lines.length / 2), 0, plantedLine(index, kind).trimEnd());
      text = lines.join('\n');
      manifest.planted.push(relative);
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(dir, relative), text);
    manifest.files += 1;
    manifest.bytes += Buffer.byteLength(text);
  }
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  log(`generated ${manifest.files} files, ${(manifest.bytes / 1024 ** 2).toFixed(1)} MiB, ${manifest.planted.length} planted secrets in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/**
 * A realistic TypeScript file of about `lines` lines (functions like the tree's), with a few
 * planted secrets spread through it: the editor-latency input. Returns the text and how many
 * findings the planted secrets should give.
 */
export function largeTypeScriptFile(lines: number): { text: string; planted: number } {
  const w = new Writer(7);
  const chunks: string[] = ["import { db, logger, vault } from './lib';", ''];
  let count = 2;
  let planted = 0;
  while (count < lines) {
    const chunk = jsFunction(w, true);
    chunks.push(chunk);
    count += chunk.split('\n').length;
    if (planted < 3 && count > (planted + 1) * (lines / 4)) {
      planted += 1;
      chunks.push(`const awsKeyId${planted} = '${join('AKIA', synth(BASE32, 16, 500 + planted))}';\n`);
      count += 2;
    }
  }
  return { text: chunks.join('\n'), planted };
}
