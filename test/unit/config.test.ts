import { strict as assert } from 'node:assert';
import { defaultConfig, mergeConfigs, parseConfig, scan, withoutWorkspaceCode } from '../../src/engine';
import { ALNUM, synth } from '../../src/engine/rules/samples';

describe('config', () => {
  it('parses JSON with comments and trailing commas', () => {
    const { config, errors } = parseConfig(`{
      // project settings
      "rules": { "secret/generic-password": "off", "tls/*": "error", },
      "exclude": ["fixtures/**"],
      "allowlist": { "values": ["abc"], "paths": ["test/**"], "patterns": ["^pk_test_"] },
      "pathSanitizers": ["safeJoin"],
      "baseline": "security/baseline.json",
    }`);
    assert.deepEqual(errors, []);
    assert.equal(config.rules['secret/generic-password'], 'off');
    assert.equal(config.rules['tls/*'], 'error');
    assert.deepEqual(config.exclude, ['fixtures/**']);
    assert.deepEqual(config.allowlist.patterns, ['^pk_test_']);
    assert.deepEqual(config.pathSanitizers, ['safeJoin']);
    assert.equal(config.baseline, 'security/baseline.json');
  });

  it('reports a syntax error with its line and falls back to the defaults', () => {
    const { config, errors } = parseConfig('{\n  "rules": {\n    "x": \n}', 'proj/.secure-hygiene.json');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^proj\/\.secure-hygiene\.json:\d+: /);
    assert.deepEqual(config, defaultConfig());
  });

  it('keeps the good fields when one field is bad', () => {
    const { config, errors } = parseConfig('{ "rules": { "a/b": "loud" }, "exclude": "nope", "pathSanitizers": ["guard"] }');
    assert.equal(errors.length, 2);
    assert.deepEqual(config.pathSanitizers, ['guard']);
    assert.deepEqual(config.rules, {});
  });

  it('rejects custom patterns that are not valid regular expressions', () => {
    const { config, errors } = parseConfig('{ "customPatterns": [ { "id": "acme", "pattern": "acme_[" } ] }');
    assert.equal(config.customPatterns.length, 0);
    assert.match(errors[0], /acme/);
  });

  it('lets the later layer win for rule settings and concatenates lists', () => {
    const merged = mergeConfigs({ rules: { 'secret/*': 'info' }, exclude: ['a'] }, { rules: { 'secret/*': 'error' }, exclude: ['b'] });
    assert.equal(merged.rules['secret/*'], 'error');
    assert.deepEqual(merged.exclude, ['a', 'b']);
  });

  it('turns a rule off, or changes its severity, in scans', async () => {
    const text = `const apiKey = "${synth(ALNUM, 32, 5)}";`;
    const off = mergeConfigs({ rules: { 'secret/generic-api-key': 'off' } });
    assert.equal((await scan(text, { path: 'a.ts' }, off)).length, 0);
    const info = mergeConfigs({ rules: { 'secret/*': 'info' } });
    assert.equal((await scan(text, { path: 'a.ts', gitState: 'tracked' }, info))[0].severity, 'info');
  });

  it('runs custom patterns, but not in an untrusted workspace', async () => {
    const { config } = parseConfig('{ "customPatterns": [ { "id": "acme", "title": "Acme key", "pattern": "acme_[a-z0-9]{20}", "keywords": ["acme_"] } ] }');
    const text = `const k = "acme_${synth('abcdefghijklmnopqrstuvwxyz0123456789', 20, 2)}";`;
    const trusted = await scan(text, { path: 'a.ts' }, config);
    assert.deepEqual(trusted.map((f) => f.ruleId), ['secret/custom-acme']);
    assert.match(trusted[0].message, /^Acme key \(/);
    assert.equal((await scan(text, { path: 'a.ts' }, withoutWorkspaceCode(config))).length, 0);
  });

  it('skips allowlisted values and paths', async () => {
    const value = synth(ALNUM, 32, 9);
    const text = `const apiKey = "${value}";`;
    assert.equal((await scan(text, { path: 'a.ts' }, mergeConfigs({ allowlist: { values: [value], paths: [], patterns: [] } }))).length, 0);
    assert.equal((await scan(text, { path: 'test/a.ts' }, mergeConfigs({ allowlist: { values: [], paths: ['test/**'], patterns: [] } }))).length, 0);
    assert.equal((await scan(text, { path: 'src/a.ts' }, mergeConfigs({ allowlist: { values: [], paths: ['test/**'], patterns: [] } }))).length, 1);
  });
});
