import { secretRule } from './rule';
import type { DocumentedRule, RuleDoc } from './providers/define';
import { ALNUM, BASE64, join, synth } from '../samples';
import { mayHoldGenericValue } from './keywordGates';

// Generic rules look at what a value is called, not at what it looks like, so they are gated
// hard: the value must be quoted in code, random enough, and not a placeholder or a reference.
// The detector derives the environment variable name from the `name` group.

const SEPARATOR = String.raw`["'\]]?\s*(?::=|=>|=(?![=>~])|:(?![:=]))\s*`;
const VALUE = String.raw`(?<q>["'\`]?)(?<secret>[^\s"'\`,;<>]{8,300})\k<q>(?![\w$.(])`;
// Not after `?` or `&` (a URL's query parameter has its own form, below), nor as the resource
// type of an ARN (`arn:aws:secretsmanager:…:012345678901:secret:name`).
const BEFORE = String.raw`(?<![\w$.?&-])(?<!arn:[^\s"'\`]{0,200}:)`;

/**
 * Tokens that hold a place rather than grant access: paging cursors (`NextToken`,
 * `ContinuationToken`), idempotency and change tokens (`ClientRequestToken`, `ChangeToken`).
 * API references are full of their example values.
 */
const NOT_A_CREDENTIAL = String.raw`(?<!(?:request|change|next|continuation|page|pagination|paging|idempotency|cancel|cancellation|sync|output|input|marker|cursor|resume|lifecycle[_.-]?action)[_.-]?)`;
const PASSWORD_NAMES = String.raw`(?:password|passwd|passphrase|pwd|db[_.-]?pass|pass)`;
const KEY_NAMES = String.raw`(?:api[_.-]?key|apikey|api[_.-]?secret|secret[_.-]?key|secret|client[_.-]?secret|access[_.-]?key|access[_.-]?token|auth[_.-]?token|refresh[_.-]?token|bearer[_.-]?token|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|app[_.-]?key|${NOT_A_CREDENTIAL}token|credentials?)`;

function assignment(names: string): RegExp {
  return new RegExp(`${BEFORE}(?<name>[A-Za-z_$][\\w$.-]*?${names}|${names})\\b${SEPARATOR}${VALUE}`, 'i');
}

/**
 * `?api_key=…` or `&token=…` in a URL. The value ends where URL or markdown syntax resumes, and
 * the parameter of an image URL is skipped: a badge's token (codecov's graph token) is embedded
 * in public pages by design. The `query` group tells the detector this sits inside a string even
 * without quotes of its own.
 */
function queryParameter(names: string): RegExp {
  return new RegExp(`(?<!\\.(?:svg|png|gif|jpe?g|webp)(?:\\?[^\\s?#]*)?)(?<query>[?&])(?<name>[\\w.-]*?${names})=(?<q>)(?<secret>[^\\s&#"'\`<>()\\[\\]{}\\\\]{8,300})`, 'i');
}

function dockerEnv(names: string): RegExp {
  return new RegExp(`^[ \\t]*ENV[ \\t]+(?<name>[A-Za-z_][\\w]*?${names})[ \\t]+${VALUE}`, 'im');
}

function xmlElement(names: string): RegExp {
  return new RegExp(`<(?<name>[\\w.-]*?${names})>(?<q>)(?<secret>[^<\\s]{8,300})</`, 'i');
}

function appSetting(names: string): RegExp {
  return new RegExp(`key\\s*=\\s*"(?<name>[\\w.:-]*?${names})"\\s+value\\s*=\\s*(?<q>")(?<secret>[^"\\s]{8,300})"`, 'i');
}

// Generic rules keep the patterns' own line handling (see rule.ts) and only gain their doc text.
const withDoc = (rule: ReturnType<typeof secretRule>, doc: RuleDoc): DocumentedRule => Object.assign(rule, { doc });

export const genericRules = [
  withDoc(secretRule({
    id: 'secret/generic-password',
    title: 'Hard-coded password',
    provider: 'Password',
    keywords: ['pass', 'pwd'],
    pattern: assignment(PASSWORD_NAMES),
    alsoMatch: [queryParameter(PASSWORD_NAMES), dockerEnv(PASSWORD_NAMES), xmlElement(PASSWORD_NAMES), appSetting(PASSWORD_NAMES)],
    envName: 'PASSWORD',
    minEntropy: 2.8,
    generic: true,
    keywordGate: mayHoldGenericValue,
    // An assignment sits on one line (the XML and .NET forms exclude whitespace from the value too);
    // inferring otherwise from the `\s` in those classes would scan whole files.
    spansLines: false,
    samples: {
      positive: () => [
        `const dbPassword = "${join('Tr0ub4', 'dor&3x')}";`,
        { text: `DB_PASSWORD = '${join('n8Vq', '!2sLp0')}'`, path: 'settings.py' },
        { text: `spring.datasource.password=${join('Qm9', 'xP2r7Lk')}`, path: 'application.properties' },
        { text: `database:\n  password: ${join('p4Ss', 'W0rd-7Kq')}\n`, path: 'config.yml' },
        { text: `{ "password": "${join('zX9', 'q!Lm2Rt')}" }`, path: 'config.json' },
        { text: `<password>${join('S3cr', 'etPa55x')}</password>`, path: 'web.xml' },
        { text: `ENV ADMIN_PASSWORD ${join('hK2', 'm9Qz!x')}`, path: 'Dockerfile' },
        { text: `export DB_PASS=${join('aQ7', 'x9Lm2v')}`, path: 'env.sh' },
        { text: `password := "${join('Gx7', 'kP2mQz9')}"`, path: 'main.go' },
      ],
      negative: () => [
        { text: 'const password = "changeme";', reason: 'a well-known placeholder' },
        { text: 'const password = process.env.DB_PASSWORD;', reason: 'read from the environment' },
        { text: 'password: ${DB_PASSWORD}', path: 'docker-compose.yml', reason: 'a variable reference' },
        { text: 'const password = "<your-password>";', reason: 'a template placeholder' },
        { text: 'const passwordHash = "$2b$10$abcdefghijklmnopqrstuv";', reason: 'the name says it is a hash, and it is not assigned to a password name' },
        { text: 'if (password == "hunter2xx") {}', reason: 'a comparison, not an assignment' },
        { text: 'const password = getPassword();', reason: 'a call, not a literal' },
        { text: 'password: string;', reason: 'a type annotation' },
        { text: 'const password = userInput;', path: 'app.ts', reason: 'unquoted identifiers in code are variables' },
        { text: 'const passwordLabel = "Enter your password";', reason: 'a sentence with spaces' },
        { text: 'password_file: /run/secrets/db_password', path: 'compose.yml', reason: 'a file path' },
        { text: 'PASSWORD_MIN_LENGTH = "12345678"', reason: 'a setting about passwords whose value has no entropy' },
        { text: '{ "password": "{{ .Values.db.password }}" }', path: 'values.json', reason: 'a Helm template' },
        { text: '__complete "username= passphrase= password= scmVersion="', path: 'completions.sh', reason: 'a list of option names: the "value" is the next key' },
        { text: "```js\nconst buff = SmartBuffer.fromOptions({ password: 'secret123' });\n```", path: 'README.md', reason: 'a stand-in word with a number appended' },
        { text: "$pass = '-anonymous@' unless defined $pass;", path: 'FTP.pm', reason: 'the conventional anonymous-FTP password' },
        { text: '$self->callback(pass => $opt{password}) if exists $opt{password};', path: 'SASL.pm', reason: 'Perl code: an unquoted value is a variable' },
        { text: "let pwd = a:dict.istemp ? a:dict.tmpdir : ''", path: 'rust.vim', reason: 'Vim script: an unquoted value is an expression' },
        { text: '&Config{User: "user", Passwd: "p@ss(word)", Net: "tcp"}', path: 'dsn_test.go', reason: '"password" spelt with symbols' },
        { text: '"TemporaryPassword": "This-is-my-test-99!",', path: 'cognito.examples.json', reason: 'words and a number joined by dashes' },
        { text: '{ port: 30001, password: "password-for-30001" },', path: 'README.md', reason: 'a value that says it is a password' },
        { text: '$options[\'curl\'][\\CURLOPT_USERPWD] = "$value[0]:$value[1]";', path: 'CurlFactory.php', reason: 'interpolated variables' },
      ],
    },
  }), {
    format: 'A value assigned to a password-named key or variable (`password`, `passwd`, `passphrase`, `pwd`, `db_pass`, `DB_PASSWORD`, …) in code of any language, JSON, YAML, `.properties`, `.ini`, XML elements and `<add key=… value=…>` settings, shell `export`s and Dockerfile `ENV`. In code only quoted string literals count (an unquoted value is a variable).',
    notes: 'To stay quiet, the value must look machine-made or at least deliberate: 8 or more characters, no spaces, two or more character classes, enough entropy, and not a placeholder (`changeme`, `<password>`, `xxxx`, `your-…`, a stand-in with a number or spelt with symbols: `secret123`, `P@ssw0rd`), a reference (`${DB_PASSWORD}`, `process.env.X`, `{{ .Values.x }}`, `%VAR%`), a file path, a constant name or a word. Comparisons (`password == "…"`), calls and type annotations are not assignments. Where a provider rule recognises the value it reports it instead. Change the password where it is used; rotating it is the only way to undo a commit.',
  }),
  withDoc(secretRule({
    id: 'secret/generic-api-key',
    title: 'Hard-coded API key, token or secret',
    provider: 'Secret',
    keywords: ['key', 'secret', 'token', 'credential'],
    pattern: assignment(KEY_NAMES),
    alsoMatch: [queryParameter(KEY_NAMES), dockerEnv(KEY_NAMES), xmlElement(KEY_NAMES), appSetting(KEY_NAMES)],
    envName: 'API_KEY',
    minEntropy: 3.5,
    generic: true,
    keywordGate: mayHoldGenericValue,
    // An assignment sits on one line (the XML and .NET forms exclude whitespace from the value too);
    // inferring otherwise from the `\s` in those classes would scan whole files.
    spansLines: false,
    samples: {
      positive: () => [
        `const apiKey = "${synth(ALNUM, 32, 41)}";`,
        { text: `CLIENT_SECRET = "${synth(ALNUM, 40, 42)}"`, path: 'config.py' },
        { text: `auth:\n  token: ${synth(BASE64, 44, 43)}\n`, path: 'values.yaml' },
        { text: `export SERVICE_TOKEN="${synth(ALNUM, 36, 44)}"`, path: 'deploy.sh' },
        { text: `<add key="PaymentApiKey" value="${synth(ALNUM, 32, 45)}" />`, path: 'web.config' },
        { text: `private static final String SECRET_KEY = "${synth(ALNUM, 32, 46)}";`, path: 'Config.java' },
        { text: `api_key = "${synth(ALNUM, 32, 47)}"`, path: 'settings.toml' },
        { text: `const url = \`https://api.internal.net/v2/data?api_key=${synth(ALNUM, 32, 49)}&format=json\`;`, path: 'client.ts' },
        { text: `See [the feed](https://feeds.internal.net/rss?access_token=${synth(ALNUM, 32, 50)}).`, path: 'README.md' },
      ],
      negative: () => [
        { text: 'const apiKey = "your-api-key";', reason: 'placeholder' },
        { text: 'const apiKey = process.env.API_KEY;', reason: 'environment lookup' },
        { text: 'api_key: ${{ secrets.API_KEY }}', path: 'workflow.yml', reason: 'GitHub Actions secret reference' },
        { text: 'const tokenType = "Bearer";', reason: 'the name is not a secret name and the value is a word' },
        { text: `const cacheKey = "${synth(ALNUM, 32, 48)}";`, reason: 'a cache key is not a credential' },
        { text: 'const secretName = "prod/db/credentials";', reason: 'the name of a secret in a manager, not the secret' },
        { text: 'const token = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";', reason: 'masked value' },
        { text: 'private_key_path: ./keys/server.pem', path: 'config.yml', reason: 'a path to a key file' },
        { text: 'const token = req.headers.authorization;', reason: 'unquoted expression' },
        { text: 'api_key = "AKIA-EXAMPLE-KEY-0000"', path: 'settings.toml', reason: 'documented example value' },
        { text: 'const secret = "MY_APP_SECRET_NAME";', reason: 'an upper-case constant name, not random' },
        { text: '[set up the credentials]: https://github.com/nodejs/node-core-utils#setting-up-credentials', path: 'onboarding.md', reason: 'a markdown link reference' },
        { text: 'export const AcquireTokenByRefreshToken = "acquireTokenByRefreshToken";', reason: 'an event name made of camelCase words' },
        { text: 'def sign(private_key: "_RSAPrivateKey", data: bytes) -> bytes:', path: 'rsa.py', reason: 'a quoted forward-reference type annotation' },
        { text: '### `var token = matchToToken(match)`', path: 'README.md', reason: 'a call expression in documentation' },
        { text: '{ "access_token": "2YotnFZFEjr1zCsicMWpAA", "token_type": "example" }', path: 'oauth.json', reason: 'the example token of RFC 6749' },
        { text: '[![codecov](https://codecov.io/gh/acme/widget/branch/main/graph/badge.svg?token=Zq3LmR8vKx)](https://codecov.io/gh/acme/widget)', path: 'README.md', reason: 'the token of a badge image URL is published with the page by design' },
        { text: 'var customArgumentsToken="__ES6-PROMISIFY--CUSTOM-ARGUMENTS__";', path: 'promisify.mjs', reason: 'an upper-case constant made of words' },
        { text: `"NextContinuationToken": "${synth(BASE64, 56, 51)}==",`, path: 'examples-1.json', reason: 'a paging cursor, not a credential' },
        { text: `ClientRequestToken: "${synth(ALNUM, 32, 52)}",`, path: 'api_test.go', reason: 'an idempotency token, not a credential' },
        { text: '"pattern": "arn:([a-z\\\\d-]+):.*:.*:secret:AmazonLookoutMetrics-.+"', path: 'service-2.json', reason: 'a regular expression' },
        { text: 'ExpectedAccessToken: "dGhpcyBpcyBub3QgYSByZWFsIHZhbHVl",', path: 'provider_test.go', reason: 'base64 of an English sentence ("this is not a real value")' },
        { text: 'ErrCodeNoSuchKeySigningKey = "NoSuchKeySigningKey"', path: 'errors.go', reason: 'an error code made of words' },
        { text: 'expectedToken: "client-valid-token-1",', path: 'client_auth_test.go', reason: 'words and a number joined by dashes' },
        { text: 'imdsToken := "IMDSTokenabc123=="', path: 'iam_test.go', reason: 'holds the stand-in abc123' },
        { text: 'Token: `urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2`,', path: 'if_test.go', reason: 'a URN (a WebDAV lock token) names a lock, it grants nothing' },
        { text: '"SecretId": "arn:aws:secretsmanager:us-east-1:012345678901:secret:myuser/ALL.SOURCE.ORACLE_12-0123456"', path: 'dms.examples.json', reason: 'the resource type of an ARN, not a name given a value' },
        { text: `"termToken": "term-token-${synth(ALNUM, 24, 53)}"`, path: 'artifact.examples.json', reason: 'the value spells out its own name: a labelled example' },
        { text: 'const token = `${this.encodeSegment(header)}.${this.encodeSegment(body)}`;', path: 'token-generator.js', reason: 'a template literal that builds the value' },
        { text: "+ '?' + qs.stringify({oauth_token: req_data.oauth_token})", path: 'README.md', reason: 'a property read in a code sample' },
        { text: 'private_key\t= $dir/private/cakey.pem# The private key', path: 'openssl.cnf', reason: 'a path under a variable' },
        { text: 'my $Token = qr/[\\x21\\x23-\\x27\\x2A\\x2B\\x2D]/;', path: 'Tiny.pm', reason: 'Perl code: a regular expression, not a quoted string' },
      ],
    },
  }), {
    format: 'A random-looking value assigned to a key or variable whose name says it is a secret: `api_key`, `apiKey`, `secret`, `client_secret`, `access_token`, `auth_token`, `refresh_token`, `private_key`, `signing_key`, `encryption_key`, `master_key`, `app_key`, `token`, `credentials`, … in the same file types as secret/generic-password.',
    notes: 'Gated harder than passwords (entropy of at least 3.5 bits per character, and the same placeholder, reference and path checks), because names such as `token` are everywhere. Names that merely contain "key" (`cacheKey`, `primaryKey`, `secretName`) do not count. Nor do tokens that hold a place rather than grant access (`NextToken`, `ContinuationToken`, `ClientRequestToken`, `ChangeToken`, …), upper-case names made of words (`__ES6-PROMISIFY--CUSTOM-ARGUMENTS__`), keyboard runs (`qwe089234lkjsdf`), regular expressions, URNs (`urn:uuid:…`), the resource type of an ARN (`…:secret:name`), template literals that build the value, property reads, a value that spells out its own name (`termToken: "term-token-…"`), base64 of an English sentence, or the token in a badge image URL (`badge.svg?token=…`, public by design). In a URL, `?api_key=…` and `&token=…` count even inside a string in code, and the value ends where the URL does. When a provider rule knows the format it reports the value under its own id, with a better message; this rule is the net for everything else. Rotate the value at whichever service issued it.',
  }),
];
