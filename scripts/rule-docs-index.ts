// Writes docs/rules/README.md (every rule: id, title, CWE) from the rule registry, and the page of
// every secret rule that carries its own doc text (`doc` beside the rule, see
// src/engine/rules/secrets/providers/define.ts). The rule is the single source of truth: edit the
// rule, then run
//   npx tsx scripts/rule-docs-index.ts          (write)
//   npx tsx scripts/rule-docs-index.ts --check  (exit 1 if a page is stale; what the unit test checks)
// Pages of rules without `doc` (the .env rules, other categories) are written by hand.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allRules, defaultConfig, ruleDocPath, type RuleMeta } from '../src/engine';
import type { DocumentedRule } from '../src/engine/rules/secrets/providers/define';

const ROOT = join(__dirname, '..');

const CATEGORY_TITLES: Record<string, string> = {
  secret: 'Secrets',
  path: 'Path traversal',
  tls: 'TLS verification',
  policy: 'Security policy',
};

const CWE_NAMES: Record<string, string> = {
  'CWE-798': 'Use of Hard-coded Credentials',
  'CWE-538': 'Insertion of Sensitive Information into Externally-Accessible File or Directory',
  'CWE-22': 'Improper Limitation of a Pathname to a Restricted Directory',
  'CWE-295': 'Improper Certificate Validation',
};

function cweLink(cwe: string): string {
  const number = /^CWE-(\d+)$/.exec(cwe)?.[1];
  return number ? `[${cwe}](https://cwe.mitre.org/data/definitions/${number}.html)` : cwe;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

export function documentedRules(): DocumentedRule[] {
  return allRules(defaultConfig()).filter((rule): rule is DocumentedRule => rule.category === 'secret' && 'doc' in rule);
}

/** docs/rules/README.md: every rule of the registry, grouped by category, in registry order. */
export function renderIndex(rules: readonly RuleMeta[] = allRules(defaultConfig())): string {
  const out = [
    '# Rules',
    '',
    'Every rule Secure Hygiene ships, generated from the rule registry by `scripts/rule-docs-index.ts`',
    '(do not edit by hand). Each id links to its page: what it finds, why it matters, how to fix and',
    'how to suppress it. Secret findings are Errors in files git tracks or has staged, Warnings elsewhere.',
    '',
    `${rules.length} rules.`,
  ];
  const categories = [...new Set(rules.map((rule) => rule.category))];
  for (const category of categories) {
    const inCategory = rules.filter((rule) => rule.category === category);
    out.push('', `## ${CATEGORY_TITLES[category] ?? category} (${inCategory.length})`, '', '| Rule | Title | CWE |', '|---|---|---|');
    for (const rule of inCategory) {
      out.push(`| [\`${rule.id}\`](${rule.id}.md) | ${escapeCell(rule.title)} | ${cweLink(rule.cwe)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The page of one secret rule, from its metadata and its `doc` fields. */
export function renderSecretPage(rule: DocumentedRule): string {
  const { doc } = rule;
  const cweName = CWE_NAMES[rule.cwe] ? `: ${CWE_NAMES[rule.cwe]}` : '';
  const fixName = rule.generic ? 'derived from the variable name (`dbPassword` becomes `DB_PASSWORD`)' : `\`${rule.envName}\``;
  const rotate = doc.rotate
    ? `1. **Revoke or rotate it at the provider**: ${doc.rotate}. If the file was ever committed or pushed, assume the value is known: deleting the line leaves it in git history, forks and CI logs.`
    : '1. **Revoke or replace it** wherever it is accepted. If the file was ever committed or pushed, assume the value is known: deleting the line leaves it in git history, forks and CI logs.';
  return [
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| | |',
    '|---|---|',
    `| Rule id | \`${rule.id}\` |`,
    `| Reports as | ${rule.provider} |`,
    `| CWE | ${cweLink(rule.cwe)}${cweName} |`,
    '| Severity | Error when the file is committed to git (tracked or staged); Warning otherwise |',
    `| Environment variable proposed by the fix | ${fixName} |`,
    '',
    '## What it finds',
    '',
    doc.format,
    '',
    `The message names the provider and shows the value masked (${maskExample(rule)}); the full value never appears in diagnostics, logs or reports.`,
    '',
    '## Why it matters',
    '',
    `${article(rule.provider)} ${rule.provider} in source code is readable by everyone who can read the code: collaborators, forks, CI logs, published packages, and anyone the repository leaks to later. It works for them exactly as it works for you, and secret-scanning bots find pushed credentials within minutes.`,
    '',
    '## How to fix',
    '',
    rotate,
    `2. **Move it out of the code**: the quick fix *Move to .env* replaces the literal with an environment lookup in the file's language, writes the value to \`.env\` as ${fixName}, in one undoable edit. It never writes a secret into a file git tracks, so make sure \`.env\` is git-ignored.`,
    '3. Load the variable at run time (dotenv, your platform\'s secret store, CI secrets).',
    '',
    '## How to suppress',
    '',
    'Only for values that are not secrets (test fixtures, public demo keys), with a reason:',
    '',
    '```',
    `const value = "…"; // secure-hygiene-ignore ${rule.id} -- public demo key`,
    `# secure-hygiene-ignore-next-line ${rule.id} until 2027-03-31 -- rotated, removing in #123`,
    '```',
    '',
    'The next-line form suits `.env` and `.properties` files, where a trailing comment would become part of the value. Markers of other scanners are honoured on the same line: `gitleaks:allow`, `pragma: allowlist secret`, `trufflehog:ignore`, `nosemgrep`, `secretlint-disable-line`. To accept existing findings without comments, record them in the baseline file; to turn the rule off, set `"' + rule.id + '": "off"` under `rules` in `.secure-hygiene.json`.',
    '',
    '## False positives',
    '',
    doc.notes ?? 'Placeholders (`xxxx`, `<token>`, `your-…`, `changeme`), environment references (`${VAR}`, `process.env.X`) and documented example values are not reported.',
    '',
  ].join('\n');
}

const article = (noun: string) => (/^(?:[AEIOUaeiou]|npm|xAI|FCM|SAS|SSH)/.test(noun) && !/^(?:U[RS]|Uni|One)/.test(noun) ? 'An' : 'A');

function maskExample(rule: DocumentedRule): string {
  if (rule.prefix && !rule.prefix.startsWith('-')) return `\`${rule.prefix}…\` and the last four characters`;
  return 'its first and last four characters';
}

/** Every generated file: path relative to the repository root, and its content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('docs/rules/README.md', renderIndex());
  for (const rule of documentedRules()) files.set(ruleDocPath(rule.id), renderSecretPage(rule));
  return files;
}

/** Paths whose content on disk differs from what the registry generates. */
export function staleFiles(root = ROOT): string[] {
  const stale: string[] = [];
  for (const [path, content] of generatedFiles()) {
    const full = join(root, path);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== content) stale.push(path);
  }
  return stale;
}

function main(): void {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`Stale rule docs (run npx tsx scripts/rule-docs-index.ts):\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    return;
  }
  for (const [path, content] of generatedFiles()) {
    const full = join(ROOT, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  console.log(`Wrote ${generatedFiles().size} files under docs/rules/.`);
}

if (require.main === module) main();
