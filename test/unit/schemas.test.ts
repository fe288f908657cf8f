import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { allRules, emptyBaseline, parseConfig, serializeBaseline, fingerprint } from '../../src/engine';
import { policyRules } from '../../src/engine/policy/rules';
import { parseSettings } from '../../src/server/settings';
import { join, synth } from '../../src/engine/rules/samples';
import { BASELINE_SCHEMA_FILE, baselineSchema, CONFIG_SCHEMA_FILE, configSchema, serializeSchema } from '../../scripts/generate-schemas';

// The JSON schemas editors use for .secure-hygiene.json and the baseline (package.json
// jsonValidation): current with the rule registry, and in agreement with what the server and the
// CLI accept (parseConfig): what the schema accepts parses without a warning, and what the schema
// rejects the parser reports too.

const ROOT = path.join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { default?: unknown; scope?: string }> };
    jsonValidation: { fileMatch: string; url: string }[];
    languages: { id: string; filenames?: string[] }[];
  };
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validConfig = ajv.compile(JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as object);
const validBaseline = ajv.compile(JSON.parse(readFileSync(BASELINE_SCHEMA_FILE, 'utf8')) as object);

/** Configs the schema must accept, each as a user would write it. */
const ACCEPTED: Record<string, unknown>[] = [
  {},
  { $schema: './node_modules/secure-hygiene/schemas/secure-hygiene.schema.json' },
  { rules: { 'secret/aws-access-key-id': 'off', 'secret/*': 'error', 'tls/*': 'hint', '*': 'warning', 'policy/missing': 'off' } },
  { rules: { 'secret/custom-acme': 'info' }, customPatterns: [{ id: 'acme', title: 'Acme token', pattern: 'acme_[a-z0-9]{32}', keywords: ['acme_'], envName: 'ACME_TOKEN', severity: 'error' }] },
  { exclude: ['**/fixtures/**', 'vendor/**'], pathSanitizers: ['safeJoin'], baseline: 'security/baseline.json', envFiles: 'alwaysReport' },
  { allowlist: { values: ['not-a-secret'], paths: ['test/**'], patterns: ['^EXAMPLE_[A-Z]+$'] } },
];

/** Configs the schema must reject, with what the parser must complain about. */
const REJECTED: { config: Record<string, unknown>; parserSays: RegExp }[] = [
  { config: { rules: { 'secret/aws-access-key-id': 'loud' } }, parserSays: /"rules" entry 1 \(rule secret\/aws-access-key-id\) must be one of/ },
  { config: { rules: ['secret/aws-access-key-id'] }, parserSays: /"rules" must be an object/ },
  { config: { exclude: 'vendor/**' }, parserSays: /"exclude" must be an array of strings/ },
  { config: { exclude: [3] }, parserSays: /"exclude\[0\]" must be a string/ },
  { config: { allowlist: ['x'] }, parserSays: /"allowlist" must be an object/ },
  { config: { customPatterns: [{ title: 'no id' }] }, parserSays: /needs an "id" and a "pattern"/ },
  { config: { customPatterns: {} }, parserSays: /"customPatterns" must be an array/ },
  { config: { baseline: 3 }, parserSays: /"baseline" must be a path/ },
  { config: { envFiles: 'sometimes' }, parserSays: /"envFiles" must be one of/ },
];

describe('JSON schemas of .secure-hygiene.json and the baseline', () => {
  it('are what scripts/generate-schemas.ts writes today (run it after adding or renaming a rule)', () => {
    assert.equal(readFileSync(CONFIG_SCHEMA_FILE, 'utf8'), serializeSchema(configSchema()), 'schemas/secure-hygiene.schema.json is stale: run node --import tsx scripts/generate-schemas.ts');
    assert.equal(readFileSync(BASELINE_SCHEMA_FILE, 'utf8'), serializeSchema(baselineSchema()), 'the baseline schema is stale: run the same script');
  });

  it('list every rule id of the registry (and the policy rules), each with its title', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')) as { properties: { rules: { properties: Record<string, { description: string }> } } };
    const listed = schema.properties.rules.properties;
    const rules = [...allRules(), ...policyRules];
    assert.ok(rules.length > 100, `${rules.length} rules`);
    for (const rule of rules) {
      assert.ok(listed[rule.id], `${rule.id} is missing from the schema`);
      assert.ok(listed[rule.id].description.startsWith(rule.title), rule.id);
    }
    for (const id of Object.keys(listed)) {
      assert.ok(id === '*' || id.endsWith('/*') || rules.some((rule) => rule.id === id), `${id} is listed but no rule has that id`);
    }
  });

  it('accept the configs users write, which the server and the CLI then read without a warning', () => {
    for (const config of ACCEPTED) {
      assert.ok(validConfig(config), `schema rejects ${JSON.stringify(config)}: ${ajv.errorsText(validConfig.errors)}`);
      assert.deepEqual(parseConfig(JSON.stringify(config)).errors, [], JSON.stringify(config));
    }
    // JSON with comments and trailing commas, as the jsonc language lets users write it.
    assert.deepEqual(parseConfig('{\n  // why\n  "rules": { "tls/*": "off", },\n}\n').errors, []);
  });

  it('reject what the parser reports as wrong', () => {
    for (const { config, parserSays } of REJECTED) {
      assert.equal(validConfig(config), false, `schema accepts ${JSON.stringify(config)}`);
      const errors = parseConfig(JSON.stringify(config)).errors;
      assert.ok(errors.some((error) => parserSays.test(error)), `${JSON.stringify(config)}: ${errors.join('; ')}`);
    }
    // A misspelt key is silently ignored by the parser; the schema is what tells the user.
    assert.equal(validConfig({ exlude: ['x'] }), false);
  });

  it('validate the baseline the "Add to baseline" fix writes, and reject one holding a value instead of a fingerprint', () => {
    const key = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 3));
    const baseline = emptyBaseline();
    baseline.findings.push({ ruleId: 'secret/aws-access-key-id', fingerprint: fingerprint('secret/aws-access-key-id', key, 'src/a.ts'), file: 'src/a.ts', reason: 'test key' });
    assert.ok(validBaseline(JSON.parse(serializeBaseline(baseline))), ajv.errorsText(validBaseline.errors));
    assert.equal(validBaseline({ version: 1, findings: [{ ruleId: 'secret/aws-access-key-id', fingerprint: key, file: 'src/a.ts' }] }), false);
    assert.equal(validBaseline({ version: 1 }), false);
  });

  it('are wired in package.json: jsonValidation, the jsonc language for the config, and settings read per folder', () => {
    const { jsonValidation, languages, configuration } = packageJson.contributes;
    const urlFor = (name: string) => jsonValidation.find((entry) => entry.fileMatch === name)?.url;
    assert.equal(path.resolve(ROOT, urlFor('.secure-hygiene.json') ?? ''), CONFIG_SCHEMA_FILE);
    assert.equal(path.resolve(ROOT, urlFor('.secure-hygiene-baseline.json') ?? ''), BASELINE_SCHEMA_FILE);
    assert.ok(languages.some((language) => language.id === 'jsonc' && language.filenames?.includes('.secure-hygiene.json')));
    assert.ok(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!schemas/**'), 'the schemas ship in the .vsix');
    for (const file of [CONFIG_SCHEMA_FILE, BASELINE_SCHEMA_FILE]) assert.ok(existsSync(file));
    // The server pulls its settings per workspace folder: each must be settable per folder.
    const settings = Object.entries(configuration.properties).filter(([name]) => name !== 'secureHygiene.trace.server');
    for (const [name, property] of settings) assert.equal(property.scope, 'resource', `${name} is read per folder`);
    // Every contributed default is accepted by the server as it is.
    const defaults: Record<string, unknown> = {};
    for (const [name, property] of settings) defaults[name.slice('secureHygiene.'.length)] = property.default;
    assert.deepEqual(parseSettings(defaults).errors, []);
  });
});
