import { strict as assert } from 'node:assert';
import { builtInSecretRules, maskIn, maskSecret, maskSecretsIn, mergeConfigs, scan, type Config } from '../../src/engine';
import { masker } from '../../src/engine/mask';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';

describe('maskSecret', () => {
  it('keeps a known prefix and the last four characters of a long secret', () => {
    const secret = join('sk_', 'live_', synth(ALNUM, 24, 3));
    const masked = maskSecret(secret, 'sk_live_');
    assert.equal(masked, `sk_live_…${secret.slice(-4)}`);
  });

  it('shows the first four characters when the prefix is unknown', () => {
    const secret = synth(ALNUM, 32, 4);
    assert.equal(maskSecret(secret), `${secret.slice(0, 4)}…${secret.slice(-4)}`);
  });

  it('ignores a prefix that would reveal half of the value or more', () => {
    const secret = synth(ALNUM, 16, 5);
    assert.equal(maskSecret(secret, secret.slice(0, 10)), `${secret.slice(0, 4)}…${secret.slice(-4)}`);
  });

  it('reveals at most a quarter of short values, and nothing of tiny ones', () => {
    for (let length = 1; length < 16; length += 1) {
      const secret = synth(ALNUM, length, length);
      const visible = maskSecret(secret).replace('…', '').length;
      assert.ok(visible <= Math.max(1, length / 4), `length ${length} shows ${visible} characters`);
      if (length > 1) assert.ok(!maskSecret(secret).includes(secret));
    }
  });

  it('masks every occurrence inside a longer text', () => {
    const secret = synth(ALNUM, 30, 6);
    const text = `first ${secret} and again ${secret}.`;
    const masked = maskIn(text, [{ value: secret }]);
    assert.ok(!masked.includes(secret));
    assert.equal(masked.split('…').length, 3);
  });
});

describe('maskSecretsIn: excerpts masked by construction', () => {
  const akid = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 61));
  const stripe = join('sk_', 'live_', synth(ALNUM, 24, 62));

  it('masks every value the rules find, and the known ones, whether reported or not', () => {
    const line = `const a = "${stripe}", b = "${akid}";`;
    const masked = maskSecretsIn(line);
    assert.ok(!masked.includes(stripe) && !masked.includes(akid), masked);
    assert.ok(masked.includes('sk_live_…'), masked);
    const custom = synth(ALNUM, 20, 63);
    assert.ok(!maskSecretsIn(`id: ${custom}`, [{ value: custom }]).includes(custom));
    assert.equal(maskSecretsIn('nothing to see here'), 'nothing to see here');
  });

  it('masks the same from scan to scan when texts are remembered between maskers, and keeps known secrets apart', () => {
    const line = `const a = "${stripe}";`;
    const first = masker([]);
    const second = masker([]);
    assert.equal(first(line), maskSecretsIn(line));
    assert.equal(second(line), first(line), 'a later scan (a new masker) gives the same text');
    assert.ok(!second(line).includes(stripe));
    // A file with a known secret masks with it, whatever the shared masks remember for the text.
    const custom = synth(ALNUM, 20, 65);
    const plain = `id: ${custom}`;
    assert.equal(masker([])(plain), plain);
    assert.ok(!masker([{ value: custom }])(plain).includes(custom));
  });

  it('masks each line of a known multi-line secret on its own', () => {
    const body = synth(ALNUM, 40, 64);
    assert.ok(!maskSecretsIn(`  ${body}  `, [{ value: `-----BEGIN X-----\n${body}\n-----END X-----` }]).includes(body));
  });

  it('keeps a suppressed, allowlisted or switched-off secret out of the excerpt of a finding on its line', async () => {
    const line = `const a = "${stripe}", b = "${akid}";`;
    const states: [string, Partial<Config>][] = [
      ['suppressed', {}],
      ['off', { rules: { 'secret/stripe-secret-key': 'off' } }],
      ['allowlisted', { allowlist: { values: [stripe], paths: [], patterns: [] } }],
    ];
    for (const [state, layer] of states) {
      const text = state === 'suppressed' ? `${line} // secure-hygiene-ignore secret/stripe-secret-key -- test key\n` : `${line}\n`;
      const findings = await scan(text, { path: 'a.ts' }, mergeConfigs(layer));
      assert.deepEqual(findings.map((finding) => finding.ruleId), ['secret/aws-access-key-id'], state);
      assert.ok(!findings[0].excerpt.includes(stripe) && !findings[0].message.includes(stripe), `${state}: ${findings[0].excerpt}`);
    }
  });
});

describe('maskSecretsIn: values only their file identifies', () => {
  it('masks an allowlisted value that the rules recognise only with the lines around it', async () => {
    const rule = builtInSecretRules.find((candidate) => candidate.id === 'secret/nats-nkey-seed')!;
    const first = rule.samples.positive()[0];
    const sample = typeof first === 'string' ? { text: first, path: 'sample.ts' } : { path: 'sample.ts', ...first };
    const alone = await scan(sample.text, { path: sample.path, gitState: 'staged' });
    const seed = alone.find((finding) => finding.ruleId === rule.id)!.secret!;
    const akid = join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 65));
    // The seed alone on its line, an AWS key beside it: the line by itself says nothing of NATS.
    const text = sample.text.replace(seed.value, `${seed.value} ${akid}`);
    const findings = await scan(text, { path: sample.path, gitState: 'staged' }, mergeConfigs({ allowlist: { values: [seed.value], paths: [], patterns: [] } }));
    const aws = findings.find((finding) => finding.ruleId === 'secret/aws-access-key-id');
    assert.ok(aws && !findings.some((finding) => finding.ruleId === rule.id));
    assert.ok(!aws.excerpt.includes(seed.value), 'the allowlisted seed is printed whole');
  });
});
