import { defaultConfig, scan } from '../../src/engine';
import { providerRules } from '../../src/engine/rules/secrets/providers';
import type { SecretRule } from '../../src/engine/rules/secrets/rule';
import { detectSecrets } from '../../src/engine/secrets/detect';

// `npx tsx bench/providers/run.ts`: provider recall across file types. Each provider rule's own
// positive samples give a value the rule accepts; the value is then written the ways real files
// hold it (.env, JSON, YAML, Python, JavaScript, Go, Dockerfile, a shell export, a Markdown code
// span), under the rule's environment variable name, and the whole engine must report it there.
// Rules whose value means something only in its own surroundings are left out. A figure, not a
// test: it prints recall per context and each miss (rule id and context, never the value). The rules' own samples are what the unit suite asserts.

interface Context {
  name: string;
  path: string;
  text: (name: string, value: string) => string;
  /** Only for values that carry their own prefix: a bare value means nothing without one. */
  prefixedOnly?: boolean;
}

const camel = (name: string) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

const CONTEXTS: Context[] = [
  { name: '.env', path: 'deploy/.env.production', text: (n, v) => `${n}=${v}\n` },
  { name: 'json', path: 'config/secrets.json', text: (n, v) => `{\n  "${camel(n)}": "${v}",\n  "region": "eu-west-1"\n}\n` },
  { name: 'yaml', path: 'config/app.yml', text: (n, v) => `app:\n  ${n.toLowerCase()}: "${v}"\n` },
  { name: 'python', path: 'app/settings.py', text: (n, v) => `${n} = "${v}"\n` },
  { name: 'javascript', path: 'src/client.js', text: (n, v) => `const ${camel(n)} = '${v}';\n` },
  { name: 'go', path: 'cmd/main.go', text: (n, v) => `package main\n\nconst ${camel(n)} = "${v}"\n` },
  { name: 'dockerfile', path: 'Dockerfile', text: (n, v) => `FROM node:20\nENV ${n}=${v}\n` },
  { name: 'shell', path: 'scripts/ci.sh', text: (n, v) => `export ${n}="${v}"\n` },
  { name: 'markdown', path: 'docs/setup.md', text: (_n, v) => `Call the API with \`${v}\` as the token.\n`, prefixedOnly: true },
  { name: 'url', path: 'src/fetch.ts', text: (_n, v) => `fetch(\`https://api.example.com/v1/items?api_key=${v}\`);\n`, prefixedOnly: true },
];

/** A value the rule accepts, from its own first positive sample. */
function valueOf(rule: SecretRule): string | undefined {
  for (const sample of rule.samples.positive()) {
    const { text, path } = typeof sample === 'string' ? { text: sample, path: 'sample.ts' } : sample;
    const kind = /\.(?:ts|js|py|go|rb)$/.test(path ?? '') ? 'code' : 'config';
    const found = detectSecrets(text, [rule], { kind });
    if (found.length > 0) return text.slice(found[0].start, found[0].end);
  }
  return undefined;
}

async function main(): Promise<void> {
  const config = defaultConfig();
  const perContext = new Map<string, { found: number; total: number }>();
  const misses: string[] = [];
  let rules = 0;
  for (const rule of providerRules) {
    if (rule.spansLines) continue; // blocks and documents: their shape is the file, not a line
    const value = valueOf(rule);
    if (!value || /[\s"'`]/.test(value)) continue;
    // Rules whose value is defined by its surroundings (`AccountKey=` in a connection string, an
    // `.npmrc` `_auth`, a cookie) are measured by their own samples, not here.
    if (detectSecrets(`${rule.envName}=${value}\n`, [rule], { kind: 'config' }).length === 0) continue;
    rules += 1;
    const prefixed = Boolean(rule.prefix) && value.startsWith(rule.prefix!);
    for (const context of CONTEXTS) {
      if (context.prefixedOnly && !prefixed) continue;
      const text = context.text(rule.envName, value);
      const findings = await scan(text, { path: context.path, gitState: 'untracked' }, config);
      const hit = findings.some((f) => f.category === 'secret');
      const counts = perContext.get(context.name) ?? { found: 0, total: 0 };
      counts.total += 1;
      if (hit) counts.found += 1;
      else misses.push(`  missed: ${rule.id} in ${context.name}`);
      perContext.set(context.name, counts);
    }
  }
  let found = 0;
  let total = 0;
  console.log(`Provider recall by context (${rules} line rules, each value written under its env name):`);
  for (const [name, counts] of perContext) {
    found += counts.found;
    total += counts.total;
    console.log(`  ${name.padEnd(11)} ${counts.found}/${counts.total}  ${(counts.found / counts.total).toFixed(2)}`);
  }
  console.log(`  ${'all'.padEnd(11)} ${found}/${total}  ${(found / total).toFixed(2)}`);
  if (misses.length > 0) console.log(misses.join('\n'));
}

void main();
