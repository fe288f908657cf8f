import { strict as assert } from 'node:assert';
import { defaultConfig, mergeConfigs, normalizeConfig, parseConfig, scan, withoutWorkspaceCode } from '../../src/engine';
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
    assert.match(errors[0], /^proj\/\.secure-hygiene\.json:\d+:\d+: /);
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

describe('config: byte order marks and errors that never quote the config', () => {
  it('parses a config that starts with a UTF-8 byte order mark', () => {
    const { config, errors } = parseConfig('\uFEFF{ "rules": { "secret/*": "off" }, "exclude": ["dist/**"] }');
    assert.deepEqual(errors, []);
    assert.equal(config.rules['secret/*'], 'off');
    assert.deepEqual(config.exclude, ['dist/**']);
  });

  it('gives a syntax error its line and column, counting lone CR line ends', () => {
    const { errors } = parseConfig('{\r  "rules": {\r    "x": \r}', 'p.json');
    assert.match(errors[0], /^p\.json:4:1: /);
  });

  it('names the setting and its position, never a string value the config holds', () => {
    const planted = `sk_${synth(ALNUM, 24, 3)}`;
    const text = [
      '{',
      `  "rules": { "${planted}": "loud", "tls/*": "${planted}" },`,
      `  "exclude": ["${planted}", 3],`,
      `  "allowlist": { "values": "${planted}", "paths": [4], "patterns": ["ok", "(?<=${planted})x"] },`,
      `  "baseline": ["${planted}"],`,
      `  "customPatterns": [ { "id": "${planted}", "pattern": "${planted}(?=x)" }, { "title": "${planted}" } ]`,
      '}',
    ].join('\n');
    const { config, errors } = parseConfig(text, 'proj/.secure-hygiene.json');
    assert.equal(errors.length, 9, errors.join('\n'));
    for (const error of errors) {
      assert.ok(!error.includes(planted.slice(3, 12)), `quotes the config: ${error}`);
      assert.match(error, /^proj\/\.secure-hygiene\.json:\d+:\d+: "[\w.[\]]+" /);
    }
    assert.ok(errors.some((error) => error.startsWith('proj/.secure-hygiene.json:4:') && error.includes('"allowlist.patterns[1]"')));
    assert.ok(errors.some((error) => error.startsWith('proj/.secure-hygiene.json:6:') && error.includes('"customPatterns[0].pattern"')));
    assert.ok(errors.some((error) => error.includes('"customPatterns[1]" needs an "id" and a "pattern"')));
    assert.deepEqual(config.allowlist.patterns, ['ok']);
    assert.deepEqual(config.customPatterns, []);
  });

  it('refuses a custom pattern RE2 cannot run, naming its id, index and position', () => {
    const { config, errors } = parseConfig('{ "customPatterns": [ { "id": "ok", "pattern": "ok_[a-z]{8}" }, { "id": "acme", "pattern": "acme_(\\\\w+)\\\\1" } ] }');
    assert.deepEqual(config.customPatterns.map((custom) => custom.id), ['secret/custom-ok']);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^\.secure-hygiene\.json:1:\d+: "customPatterns\[1\]\.pattern" \(id acme\) .*backreferences.* at character 11 of the pattern; this pattern is not used$/);
    assert.ok(!errors[0].includes('acme_'));
  });

  it('refuses look-around in allowlist patterns the same way', () => {
    const { config, errors } = parseConfig('{ "allowlist": { "patterns": ["^test_", "(?<!live)_key"] } }');
    assert.deepEqual(config.allowlist.patterns, ['^test_']);
    assert.match(errors[0], /"allowlist\.patterns\[1\]" uses syntax the linear-time engine does not run .* at character 1 of the pattern/);
    assert.ok(!errors[0].includes('live'));
  });

  it('names settings from the editor by their setting, with no position', () => {
    const { errors } = normalizeConfig({ rules: { 'secret/*': 'loud' }, exclude: 'dist' }, 'settings "secureHygiene"');
    assert.deepEqual(errors, [
      'settings "secureHygiene": "rules" entry 1 (rule secret/*) must be one of off, error, warning, info, hint; ignored',
      'settings "secureHygiene": "exclude" must be an array of strings; ignored',
    ]);
  });
});
