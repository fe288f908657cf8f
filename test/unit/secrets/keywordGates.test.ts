import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { genericRules } from '../../../src/engine/rules/secrets/generic';
import { providerRules } from '../../../src/engine/rules/secrets/providers';
import { equalsFollows, mayHoldGenericValue } from '../../../src/engine/rules/secrets/keywordGates';
import type { SecretRule } from '../../../src/engine/rules/secrets/rule';
import { detectSecrets } from '../../../src/engine/secrets/detect';
import type { FileKind } from '../../../src/engine/fileKind';
import { ALNUM, synth } from '../../../src/engine/rules/samples';

// Keyword gates only save work: with them or without them, the rules must find exactly the same
// values. Lines are built from the pieces the five generic shapes are made of
// (names around keywords, separators, quotes, values, `ENV`, XML, `<add key= value=>`, `?name=`), shuffled.

const withoutGates = (rules: readonly SecretRule[]): SecretRule[] => rules.map((rule) => ({ ...rule, keywordGate: undefined }));
const ungated = withoutGates(genericRules);
const connectionString = providerRules.filter((rule) => rule.id === 'secret/connection-string-password');

const value = synth(ALNUM, 24, 90);
const nameArb = fc.tuple(
  fc.constantFrom('', 'db', 'DB_', 'my.', 'app-', 'x$', 'client_', 'Service', 'api_'),
  fc.constantFrom('password', 'PASS', 'pwd', 'passwd', 'Passphrase', 'key', 'api_key', 'ApiKey', 'secret', 'SECRET_KEY', 'token', 'Token', 'credentials', 'credential', 'keystore', 'PW', 'STRIPE_KEY', 'maps.key', 'Secret Key'),
  fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: fc.constantFrom('s', '_id', 'word', '.x', '-v', 'Name', 'Hash', '2', '_prod', '-stage1'), weight: 1 }),
).map((parts) => parts.join(''));
const separatorArb = fc.constantFrom('=', ' = ', ': ', ':', ':=', ' => ', '==', '"', '"=', "':", ']=', ' ', '\t', '>', '" value=', '"  Value = ', ' : ', '=\n', '', '(',
  '"] = ', "'] ||= ", ' ??= ', ' || ', ' ?? ', '") or ', ': str = ', ": &'static str = ", ' string = ', '", ', "' , ", ': Optional[str] = ', ')');
const quoteArb = fc.constantFrom('', '"', "'", '`');
const valueArb = fc.oneof(
  { arbitrary: fc.constant(value), weight: 3 },
  { arbitrary: fc.constantFrom(value.slice(0, 7), value.slice(0, 8), `${value},x`, 'changeme', '${VAR}', `${value} tail`, ''), weight: 1 },
);
const prefixArb = fc.constantFrom('', 'const ', 'ENV ', '  env\t', 'export ', '<', '<add key="', '# ', 'ENVX ', 'x ENV ', '{ "', 'https://api.internal/v1?', 'url = "/a?b=1&', '(badge.svg?', '?&',
  'config["', "ENV['", 'process.env.', 'os.getenv("', 'define(\'', '#define ', '# define\t', 'log("user=a ', 'val ', 'var ', '"at ');
const suffixArb = fc.constantFrom('', ';', '</', '" />', ')', '.', ' more');
const shuffledLineArb = fc.tuple(prefixArb, nameArb, separatorArb, quoteArb, valueArb, quoteArb, suffixArb).map((parts) => parts.join(''));
/** Lines close to each shape, so that many texts hold a finding and the gate's yes matters too. */
const shapedLineArb = fc.tuple(nameArb, quoteArb, valueArb).chain(([name, quote, secret]) => fc.constantFrom(
  `const ${name} = ${quote}${secret}${quote};`,
  `${name}: ${quote}${secret}${quote}`,
  `ENV ${name} ${quote}${secret}${quote}`,
  `<${name}>${secret}</${name}>`,
  `<add key="${name}" value="${secret}" />`,
  `  "${name}": "${secret}",`,
  `fetch("https://api.internal/v1?${name}=${secret}&page=2");`,
  `config['${name}'] = ${quote}${secret}${quote}`,
  `const x = process.env.${name} || ${quote}${secret}${quote};`,
  `x = os.getenv("${name}", ${quote}${secret}${quote})`,
  `define( '${name}', '${secret} ${secret}' );`,
  `#define ${name} ${quote}${secret}${quote}`,
  `${name}: str = ${quote}${secret}${quote}`,
  `var ${name} string = ${quote}${secret}${quote}`,
  `logger.info("login user=svc ${name}=${secret} host=db")`,
  `[docs](https://docs.internal/x?a=1&${name}=${secret})`,
));
const lineArb = fc.oneof(shuffledLineArb, shapedLineArb);
const kindArb = fc.constantFrom<FileKind>('code', 'config', 'env', 'markdown');

function found(text: string, rules: readonly SecretRule[], kind: FileKind): string[] {
  return detectSecrets(text, rules, { kind }).map((detection) => `${detection.ruleId}@${detection.start}-${detection.end}`);
}

describe('generic rules: keyword gate', () => {
  it('never changes what the generic rules find', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), kindArb, (lines, kind) => {
        const text = lines.join('\n');
        assert.deepEqual(found(text, genericRules, kind), found(text, ungated, kind), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds something in these generated lines (the property above is not vacuous)', () => {
    const texts = fc.sample(fc.tuple(fc.array(lineArb, { minLength: 1, maxLength: 6 }), kindArb), { numRuns: 500, seed: 7 });
    const hits = texts.filter(([lines, kind]) => found(lines.join('\n'), ungated, kind).length > 0).length;
    assert.ok(hits > 50, `only ${hits} of 500 generated texts hold a generic secret`);
  });

  it('turns away keyword occurrences that cannot start an assignment', () => {
    const line = (text: string, keyword: string) => mayHoldGenericValue(text, text.indexOf(keyword) + keyword.length, true);
    assert.equal(line('// the token is refreshed by the auth middleware', 'token'), false);
    assert.equal(line('const key = cacheKeyFor(request.url);', 'key'), false, 'unquoted in code');
    assert.equal(line('password: string;', 'pass'), false, 'too short to be a value');
    assert.equal(line(`const apiKey = "${value}";`, 'Key'), true);
    assert.equal(line(`ENV ADMIN_PASSWORD "${value}"`, 'PASS'), true);
    assert.equal(line(`<add key="PaymentApiKey" value="${value}" />`, 'Key'), true);
    assert.equal(line(`get("/v1/items?api_key=${value}")`, 'key'), true, 'a query parameter is inside a string');
    assert.equal(line('get("/v1/items?api_key=" + key)', 'key'), false, 'no value after the parameter');
  });

  it('connection strings: finds the same with and without the `Password=` gate', () => {
    assert.equal(connectionString.length, 1);
    const pieceArb = fc.constantFrom('Server=db.internal', 'Data Source = tcp:sql', 'Host=pg', 'Driver={ODBC}', ';', '; ', 'Password', 'PWD', 'pwd', 'password_hash', '=', ' = ', '\t=', value, 'x', '"', 'User Id=app');
    fc.assert(
      fc.property(fc.array(fc.array(pieceArb, { maxLength: 12 }).map((pieces) => pieces.join('')), { minLength: 1, maxLength: 4 }), kindArb, (lines, kind) => {
        const text = lines.join('\n');
        assert.deepEqual(found(text, connectionString, kind), found(text, withoutGates(connectionString), kind), text);
      }),
      { numRuns: 3000 },
    );
    const real = `Server=db.internal;User Id=app;Password=${value};`;
    assert.equal(found(real, connectionString, 'config').length, 1, 'the gate lets a real connection string through');
    assert.equal(equalsFollows('the password field is required', 'the password'.length), false);
  });
});
