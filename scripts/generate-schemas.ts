// Writes the JSON schemas of `.secure-hygiene.json` and of the baseline file into schemas/, with
// every built-in rule id taken from the rule registry, so that editors complete and validate them.
// Run after adding or renaming a rule: `node --import tsx scripts/generate-schemas.ts`;
// test/unit/schemas.test.ts fails when the files on disk are stale.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, ENV_FILES_POLICIES, PATH_IN_TESTS_POLICIES } from '../src/engine';
import { policyRules } from '../src/engine/policy/rules';

export const SCHEMA_DIR = path.join(__dirname, '..', 'schemas');
export const CONFIG_SCHEMA_FILE = path.join(SCHEMA_DIR, 'secure-hygiene.schema.json');
export const BASELINE_SCHEMA_FILE = path.join(SCHEMA_DIR, 'secure-hygiene-baseline.schema.json');

const SEVERITY = { enum: ['off', 'error', 'warning', 'info', 'hint'] };
const RULE_SETTING_REF = { $ref: '#/definitions/ruleSetting' };
const strings = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

function ruleProperties(): Record<string, unknown> {
  const rules = [...allRules(), ...policyRules].sort((a, b) => a.id.localeCompare(b.id));
  const properties: Record<string, unknown> = {
    '*': { ...RULE_SETTING_REF, description: 'Every rule.' },
  };
  for (const category of [...new Set(rules.map((rule) => rule.category))].sort()) {
    properties[`${category}/*`] = { ...RULE_SETTING_REF, description: `Every ${category} rule (a rule named on its own wins).` };
  }
  for (const rule of rules) {
    const cwe = 'cwe' in rule && rule.cwe ? ` (${String(rule.cwe)})` : '';
    properties[rule.id] = { ...RULE_SETTING_REF, description: `${rule.title}${cwe}. Default: ${rule.severity}.` };
  }
  return properties;
}

export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Secure Hygiene project configuration (.secure-hygiene.json)',
    description: 'Read by the editor extension, the language server and the CLI alike. JSON with comments.',
    type: 'object',
    additionalProperties: false,
    definitions: {
      ruleSetting: {
        ...SEVERITY,
        description: '"off", or the severity to report the rule\'s findings with (instead of its default).',
      },
    },
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Rule id (or "category/*", or "*") to "off" or a severity. An exact id wins over its category, which wins over "*". Custom pattern ids ("secret/custom-<id>") work too.',
        properties: ruleProperties(),
        additionalProperties: RULE_SETTING_REF,
      },
      exclude: strings('Globs (minimatch, relative to the folder holding this file) of files never scanned.'),
      allowlist: {
        type: 'object',
        additionalProperties: false,
        description: 'What is known not to be a secret, or accepted where it is.',
        properties: {
          values: strings('Exact values that are not secrets (test fixtures, public keys).'),
          paths: strings('Globs of files whose secret findings are accepted.'),
          patterns: strings('Regular expressions (RE2 syntax: linear time); a matching value is not reported. Not run in an untrusted workspace.'),
        },
      },
      customPatterns: {
        type: 'array',
        description: 'Project-specific secret formats. Not run in an untrusted workspace.',
        items: {
          type: 'object',
          required: ['id', 'pattern'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', description: 'Reported as "secret/custom-<id>" (or as given when it holds a "/").' },
            title: { type: 'string', description: 'What the diagnostic calls the secret.' },
            pattern: { type: 'string', description: 'A regular expression in RE2 syntax (linear time); a named group "secret" marks the value.' },
            keywords: strings('Plain words of which one must be in a file for the pattern to run (a cheap prefilter).'),
            envName: { type: 'string', description: 'The environment variable name "Move secret to .env" suggests.' },
            severity: { enum: SEVERITY.enum.filter((value) => value !== 'off') },
          },
        },
      },
      pathSanitizers: strings('Functions of this project that make a path safe (safeJoin, sanitizePath): a path through one is not reported.'),
      baseline: { type: 'string', description: 'The baseline file, relative to the folder holding this file.', default: '.secure-hygiene-baseline.json' },
      envFiles: {
        enum: [...ENV_FILES_POLICIES],
        default: 'quietWhenIgnored',
        description: 'Secrets in a .env that git does not track: "quietWhenIgnored" leaves them alone (that is where secrets belong), "alwaysReport" reports them too. A tracked .env is reported either way.',
      },
      pathInTests: {
        enum: [...PATH_IN_TESTS_POLICIES],
        default: 'quiet',
        description: 'Path traversal findings in test code (test/, __tests__/, *.test.ts, *_test.go, test_*.py, *_spec.rb, *Test.java, ...): "quiet" leaves them out (tests do not serve requests), "report" reports them like any code.',
      },
    },
  };
}

export function baselineSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Secure Hygiene baseline',
    description: 'Accepted findings, by fingerprint: never the secret, never a line number. Written by "Add this finding to the baseline" and `secure-hygiene baseline`.',
    type: 'object',
    required: ['findings'],
    properties: {
      $schema: { type: 'string' },
      version: { const: 1 },
      findings: {
        type: 'array',
        items: {
          type: 'object',
          required: ['ruleId', 'fingerprint', 'file'],
          properties: {
            ruleId: { type: 'string', pattern: '^[a-z]+/', description: 'The rule id, "category/name".' },
            fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'A hash of the rule id, the value and the file: the value cannot be read back from it.' },
            file: { type: 'string', description: 'The file, relative to the workspace folder, forward slashes.' },
            reason: { type: 'string', description: 'Why the finding is accepted, for reviewers.' },
          },
        },
      },
    },
  };
}

export const serializeSchema = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;

if (require.main === module) {
  writeFileSync(CONFIG_SCHEMA_FILE, serializeSchema(configSchema()));
  writeFileSync(BASELINE_SCHEMA_FILE, serializeSchema(baselineSchema()));
  console.log(`wrote ${path.relative(process.cwd(), CONFIG_SCHEMA_FILE)} (${allRules().length + policyRules.length} rules) and ${path.relative(process.cwd(), BASELINE_SCHEMA_FILE)}`);
}
