import { strict as assert } from 'node:assert';
import { maskIn, maskSecret } from '../../src/engine';
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
