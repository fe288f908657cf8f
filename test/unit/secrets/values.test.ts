import { strict as assert } from 'node:assert';
import { decodesToText, repeatsName, isBenignValue, isPlaceholder, isReference, looksKeyboardMashed, looksLikeConstantName, looksLikeRegex, looksMachineMade, looksRandomEnough } from '../../../src/engine/secrets/values';
import { ALNUM, BASE64, HEX, UPPER_ALNUM as UPPER, synth } from '../../../src/engine/rules/samples';

// The value judgements that keep generic rules quiet on real code. Each check is tried on what it
// must recognise and on random values of the kinds real keys are made of, which it must leave alone.

/** Random values of every length the generic rules accept, in the alphabets keys use. */
function randomValues(count: number): string[] {
  const alphabets = [ALNUM, BASE64, HEX, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'];
  return Array.from({ length: count }, (_, i) => synth(alphabets[i % alphabets.length], 8 + (i % 57), 1000 + i));
}

describe('secret values', () => {
  it('recognises keyboard runs, and almost never a random value', () => {
    for (const mash of ['qwe089234lkjsdf', 'asdfghjkl123', 'qwertyuiop', 'zxcvbnm,./', '1234qwer']) {
      assert.equal(looksKeyboardMashed(mash), true, mash);
    }
    for (const word of ['Tr0ub4dor&3x', 'correcthorse', 'K8s-Cluster-01']) assert.equal(looksKeyboardMashed(word), false, word);
    const values = randomValues(20_000);
    const mashed = values.filter(looksKeyboardMashed);
    assert.ok(mashed.length <= 20, `${mashed.length} of 20,000 random values read as keyboard runs: ${mashed.slice(0, 5).join(' ')}`);
    assert.deepEqual(mashed.filter((value) => value.length >= 20), [], 'a random value of 20 characters or more is never a keyboard run');
  });

  it('tells upper-case names made of words from upper-case random keys', () => {
    for (const name of ['__ES6-PROMISIFY--CUSTOM-ARGUMENTS__', 'MAX_RETRY_COUNT', 'HTTP2-SERVER_PUSH']) assert.equal(looksLikeConstantName(name), true, name);
    for (const key of ['JBSWY3DPEHPK3PXP', 'QX7KM-M2PZR-R8VBT', 'BCDFG-HJKLM-NPQRS', 'TOKEN']) assert.equal(looksLikeConstantName(key), false, key);
    // Keys with digits in their groups never pass; keys of letters alone, in 3 groups of 5, rarely.
    const upper = randomValues(4000).map((value) => value.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/(.{5})(?=.)/g, '$1-'));
    assert.deepEqual(upper.filter((value) => /[A-Z]\d+[A-Z]/.test(value) && looksLikeConstantName(value)), []);
    const letters = Array.from({ length: 4000 }, (_, i) => [0, 1, 2].map((group) => synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5, 3 * i + group)).join('-'));
    const named = letters.filter(looksLikeConstantName).length;
    assert.ok(named <= letters.length * 0.05, `${named} of ${letters.length} letter-only keys read as names`);
  });

  it('reads stand-in words with a number, and "my" plus what it stands for, as placeholders', () => {
    for (const value of ['secret123', 'admin2024', 'Password-1', 'MYTOKEN1', 'my_api_key', 'mySecretKey', '-anonymous@']) {
      assert.equal(isPlaceholder(value), true, value);
    }
    for (const value of ['secretariat77', 'mythic-Qx7Lp2v', synth(ALNUM, 24, 5)]) assert.equal(isPlaceholder(value), false, value);
  });

  it('reads regular expressions and base64-encoded sentences as what they are, never a random value', () => {
    for (const pattern of [':secret:[\\/_+=\\.@\\-A-Za-z0-9]+$', 'arn:aws:.*:secret:x', '^\\d{12}$', '(?:abc|def)']) assert.equal(looksLikeRegex(pattern), true, pattern);
    assert.equal(decodesToText(btoa('this is not a real value')), true);
    assert.equal(decodesToText(btoa('this is not a real value').replace(/=+$/, '')), true, 'unpadded');
    assert.equal(decodesToText(btoa('deployer:hunter2-long')), false, 'user:password has no spaces');
    const values = randomValues(20_000);
    assert.deepEqual(values.filter(looksLikeRegex), []);
    assert.deepEqual(values.filter(decodesToText), []);
  });

  it('reads "password" and "secret" spelt with symbols as stand-ins', () => {
    for (const value of ['P@ssw0rd!', 'p@ss(word)', 'p@/ssword', '$ecr3t!!', 'Passw0rd123']) assert.equal(isPlaceholder(value), true, value);
    for (const value of ['P@ssw0rd-Qx7Lp2', 'S3cr3tSauce#9']) assert.equal(isPlaceholder(value), false, value);
  });

  it('knows a value that spells out its own name for a labelled example', () => {
    assert.equal(repeatsName('termToken', 'term-token-gPFEGk7CF4wS901w'), true);
    assert.equal(repeatsName('CLIENT_SECRET', 'my-client-secret-1'), true);
    assert.equal(repeatsName('key', 'key-1234567890'), false, 'names shorter than five letters say too little');
    assert.deepEqual(randomValues(5000).filter((value) => repeatsName('api_key', value) || repeatsName('token', value)), []);
  });

  it('reads interpolations and paths under a variable as references', () => {
    for (const value of ['$user:$pass', '${USER}@${HOST}', '$dir/private/cakey.pem', '${HOME}/.ssh/id_rsa', '${synth(BASE64', 'key=${make.token(']) {
      assert.equal(isReference(value), true, value);
    }
    for (const value of ['$2b$12$R9h/cIPz0gi.URNNX3kh2O', 'pa$$word-Qx7Lp2v', `${synth(ALNUM, 8, 6)}$${synth(ALNUM, 8, 7)}`]) {
      assert.equal(isReference(value), false, value);
    }
  });

  it('reads encrypted config values and interpolation fields as references (issue 14)', () => {
    for (const value of [`{cipher}${synth(HEX, 64, 8)}`, `ENC(${synth(BASE64, 24, 9)})`, '{get_pw()}', '{settings.DB_PASSWORD}']) {
      assert.equal(isReference(value), true, value);
    }
    assert.equal(isReference(`${synth(ALNUM, 12, 10)}{x}${synth(ALNUM, 8, 11)}`), false, 'braces inside a value are not a field');
  });

  it('reads upper-case TESTKEY and FAKEKEY suffixes as labelled stand-ins', () => {
    for (const suffix of ['TESTKEY', 'FAKEKEY', 'EXAMPLE', 'EXAMPLEKEY']) assert.equal(isBenignValue(`${synth(UPPER, 12, 12)}${suffix}`), true, suffix);
    assert.equal(isBenignValue(`${synth(UPPER, 12, 13)}TESTKEYS${synth(UPPER, 4, 14)}`), false, 'only as the suffix');
  });

  it('keeps long random values with a stray space (WordPress salts), not sentences', () => {
    const salt = synth(ALNUM + '!@#$%^&*()-_[]{}~+=.:/?|', 30, 15) + ' ' + synth(ALNUM + '!@#$%^&*()-_[]{}~+=.:/?|', 33, 16);
    assert.equal(looksRandomEnough(salt, 3.5), true);
    assert.equal(looksRandomEnough('put your unique phrase here and there, twice', 3.5), false);
  });

  it('asks more of a value under a bare *_KEY name: machine-made, not a UUID or an identifier', () => {
    const made = randomValues(2000).filter((value) => value.length >= 24 && /[a-z]/.test(value) && /[A-Z]/.test(value));
    const refused = made.filter((value) => !looksMachineMade(value));
    assert.ok(refused.length <= made.length / 50, `${refused.length} of ${made.length} mixed-case random values refused`);
    for (const value of ['user-profile-v2', 'createdAt', 'settingsPanelToggle2', '123e4567-e89b-12d3-a456-426614174000', 'app.settings.v3']) {
      assert.equal(looksMachineMade(value), false, value);
    }
    assert.equal(looksMachineMade(synth(HEX, 40, 17)), true, 'hex digests of key size');
  });

  it('keeps random values of every alphabet as candidates', () => {
    const values = randomValues(2000).filter((value) => value.length >= 16);
    const dropped = values.filter((value) => isBenignValue(value) || !looksRandomEnough(value, 3));
    assert.ok(dropped.length <= values.length / 100, `${dropped.length} of ${values.length} random values dropped: ${dropped.slice(0, 5).join(' ')}`);
  });
});
