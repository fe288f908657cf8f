import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { builtInSecretRules } from '../../../src/engine/detectors/secrets';
import { lineHoldsDottedToken, sqlPasswordMayFollow } from '../../../src/engine/rules/secrets/keywordGates';
import type { SecretRule } from '../../../src/engine/rules/secrets/rule';
import { detectSecrets } from '../../../src/engine/secrets/detect';
import { ALNUM, BASE64URL, synth } from '../../../src/engine/rules/samples';

// Keyword gates of provider rules whose keywords are common words (`password`, `token`, `bot`):
// they only save work. With the gate or without it, the rule finds exactly the same values, on
// lines built from the pieces its pattern is made of, shuffled, in code and in config files.

const rule = (id: string) => {
  const found = builtInSecretRules.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return found;
};
const sqlPassword = rule('secret/sql-password');
const discord = rule('secret/discord-bot-token');

const find = (text: string, rules: readonly SecretRule[], kind: 'code' | 'config') =>
  detectSecrets(text, rules, { kind }).map((detection) => `${detection.ruleId}@${detection.start}-${detection.end}`);

function sameWithAndWithout(gated: SecretRule, lineArb: fc.Arbitrary<string>): { found: number } {
  const ungated = [{ ...gated, keywordGate: undefined }];
  let found = 0;
  fc.assert(
    fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom('code', 'config') as fc.Arbitrary<'code' | 'config'>, (lines, eol, kind) => {
      const text = lines.join(eol);
      const withGate = find(text, [gated], kind);
      found += withGate.length;
      assert.deepEqual(withGate, find(text, ungated, kind), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
  return { found };
}

describe('provider keyword gates', () => {
  it('sql-password: finds the same with and without the gate', () => {
    // Shaped like the rule's own samples (letters, digits and a `#`).
    const secret = `${synth(ALNUM, 5, 41)}#${synth(ALNUM, 6, 42)}`;
    const pieces = fc.constantFrom(`CREATE USER app IDENTIFIED BY '${secret}';`, `ALTER ROLE r WITH PASSWORD '${secret}'`, `SET PASSWORD = PASSWORD('${secret}')`,'CREATE USER ', 'ALTER USER app ', 'ALTER ROLE r ', 'GRANT ALL ON db.* TO ', 'WITH ', 'LOGIN ', 'ENCRYPTED ', 'SET ', 'app ', "'app'@'%' ",
      'IDENTIFIED ', 'identified ', 'WITH mysql_native_password ', 'BY ', 'PASSWORD', 'password', 'Password', ' ', '  ', '\t', '=', ' = ', 'PASSWORD(', '( ', "'", '"', secret, ';', ')', 'db_password', 'x');
    const { found } = sameWithAndWithout(sqlPassword, fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join('')));
    assert.ok(found > 0, 'no generated line held a finding: the property is vacuous');
  });

  it('discord-bot-token: finds the same with and without the gate', () => {
    // The first part is a numeric user id in base64 (the rule checks that it decodes to one).
    const first = Buffer.from(synth('123456789', 1, 42) + synth('0123456789', 17, 43)).toString('base64').replace(/=+$/, '');
    const token = `${first}.${synth(BASE64URL, 6, 44)}.${synth(BASE64URL, 30, 45)}`;
    const pieces = fc.constantFrom('client.login("', 'TOKEN=', 'bot_token: ', 'discord ', 'token', 'Login', 'BOT', '"', ' ', '.', token, token, first, first.slice(0, 22), token.replace('.', '.x'),
      synth(BASE64URL, 6, 46), synth(BASE64URL, 5, 47), synth(BASE64URL, 30, 48), '-', '_', 'x', '");');
    const { found } = sameWithAndWithout(discord, fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join('')));
    assert.ok(found > 0, 'no generated line held a finding: the property is vacuous');
  });

  it('discord-bot-token gate: a line holds the dotted shape exactly when the shape\'s pattern says so', () => {
    const shape = /[A-Za-z0-9]{24}\.[\w-]{6}\./;
    const pieces = fc.constantFrom('token', '.', '..', 'a', 'Z9', '_', '-', ' ', '\n', '\r', 'é', synth(ALNUM, 23, 50), synth(ALNUM, 24, 51), synth(ALNUM, 30, 52), synth(BASE64URL, 6, 53), synth(BASE64URL, 5, 54),
      `${synth(ALNUM, 23, 55)}.${synth(BASE64URL, 6, 56)}.`, `${synth(ALNUM, 24, 57)}.${synth(BASE64URL, 6, 58)}.`, `${synth(ALNUM, 25, 59)}.${synth(BASE64URL, 5, 60)}.x`);
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }).map((parts) => parts.join('')), fc.nat(), (text, pick) => {
        const at = text.indexOf('token', pick % Math.max(1, text.length));
        if (at === -1) return;
        const end = at + 'token'.length;
        let start = at;
        while (start > 0 && !/[\r\n]/.test(text[start - 1])) start -= 1;
        const lineEnd = text.slice(end).search(/[\r\n]/);
        const line = text.slice(start, lineEnd === -1 ? text.length : end + lineEnd);
        assert.equal(lineHoldsDottedToken(text, end), shape.test(line), JSON.stringify(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('turn away the common words where no value can follow', () => {
    const text = 'const password = getPassword();\nlogin(user, password);\n';
    assert.equal(sqlPasswordMayFollow(text, text.indexOf('password') + 8), false);
    assert.equal(sqlPasswordMayFollow("ALTER USER app WITH PASSWORD 'x';", 'ALTER USER app WITH PASSWORD'.length), true);
    assert.equal(lineHoldsDottedToken('await client.login(token);', 'await client.login'.length), false);
  });
});
