import { secretRule } from './rule';
import type { DocumentedRule, RuleDoc } from './providers/define';
import { ALNUM, BASE64, HEX, join, synth } from '../samples';
import { mayHoldGenericValue } from './keywordGates';
import { appSetting, assignment, cDefine, dockerEnv, fallback, lookupDefault, pairInString, queryParameter, xmlElement, xmlElementLines } from './genericShapes';
import { looksMachineMade } from '../../secrets/values';
import { contextualRules } from './contextual';

// Generic rules look at what a value is called, not at what it looks like, so they are gated
// hard: the value must be quoted in code, random enough, and not a placeholder or a reference.
// The detector derives the environment variable name from the `name` group. The shapes (an
// assignment in any language, a lookup's default, a macro, a URL parameter, XML, ...) are in
// genericShapes.ts.

/**
 * Tokens that hold a place rather than grant access: paging cursors (`NextToken`,
 * `ContinuationToken`), idempotency and change tokens (`ClientRequestToken`, `ChangeToken`).
 * API references are full of their example values. Nor do public tokens (Mapbox's
 * `publicToken`, meant for browsers) or CSRF tokens (per-session form nonces) grant access.
 */
const NOT_A_CREDENTIAL = String.raw`(?<!(?:request|change|next|continuation|page|pagination|paging|idempotency|cancel|cancellation|sync|output|input|marker|cursor|resume|lifecycle[_.-]?action|public|csrf|xsrf)[_.-]?)`;
/** `pw` only as a word of its own (`PW:`, `ADMIN_PW`, `db.pw`), not inside one (`npw`). */
const PASSWORD_NAMES = String.raw`(?:password|passwd|passphrase|pwd|db[_.-]?pass|pass|(?<![a-z])pw)`;
// Two-word names also with a space between the words: prose and notes (`Secret Key: …`).
const KEY_NAMES = String.raw`(?:api[ _.-]?key|apikey|api[ _.-]?secret|secret[ _.-]?key|secret|client[ _.-]?secret|access[ _.-]?key|access[ _.-]?token|auth[ _.-]?token|refresh[ _.-]?token|bearer[_.-]?token|private[ _.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|app[_.-]?key|${NOT_A_CREDENTIAL}token|credentials?)`;
/**
 * Any other `*_KEY` (`STRIPE_KEY`, `AUTH_KEY`, `MAPS-KEY`), except keys that name a record, a slot
 * or a public half (`CACHE_KEY`, `SORT_KEY`, `PUBLIC_KEY`, ...). The value must then look
 * machine-made as well (see looksMachineMade).
 */
const NOT_A_SECRET_KEY = String.raw`(?<!(?:public|primary|foreign|sort|cache|partition|hash|range|idempotency|lookup|storage|translation|i18n|row|column|index|dedupe?|group|shard|routing|state|cursor|object|file|pub|map|dict|event|form|session|unique|composite|natural|surrogate|registry|ssh)[_.-]?)`;
const BARE_KEY_NAMES = String.raw`(?:${NOT_A_SECRET_KEY}[_.-]key)`;

/** Every shape a generic rule reads, for one name alternation. */
const shapes = (names: string) => ({
  pattern: assignment(names),
  alsoMatch: [fallback(names), lookupDefault(names), cDefine(names), pairInString(names), queryParameter(names), dockerEnv(names), xmlElement(names), appSetting(names)],
});

// Generic rules keep the patterns' own line handling (see rule.ts) and only gain their doc text.
const withDoc = (rule: ReturnType<typeof secretRule>, doc: RuleDoc): DocumentedRule => Object.assign(rule, { doc });

// After the provider rules and the user's own patterns: the contextual rules (command lines, HTTP
// headers, SQL) first, then the name-based ones, so that the most specific reading of a value wins.
export const genericRules = [
  ...contextualRules,
  withDoc(secretRule({
    id: 'secret/generic-password',
    title: 'Hard-coded password',
    provider: 'Password',
    keywords: ['pass', 'pw'],
    ...shapes(PASSWORD_NAMES),
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
        { text: `password2 = "${join('Wq8', '!zLm4Tr')}"`, path: 'db.py' },
        { text: `db_pwd_prod = "${join('Rz5', '#kPq8Lm')}"`, path: 'deploy.py' },
        { text: `val password: String = "${join('Hn3', '$vQ9xWe')}"`, path: 'Db.kt' },
        { text: `const dbPassword = process.env.DB_PASSWORD || "${join('Tk7', '!pW2qZr')}";`, path: 'db.js' },
        { text: `PASSWORD = os.getenv("DB_PASSWORD", "${join('Jm4', '&xR8vQs')}")`, path: 'settings.py' },
        { text: `define('DB_PASSWORD', '${join('Lq2', '@nZ7wXk')}');`, path: 'wp-config.php' },
        { text: `ADMIN_PW=${join('Vb6', '%tY3mQa')}`, path: 'admin.conf' },
        { text: `PW: ${join('Ce9', '*hJ4rWz')}`, path: 'notes.md' },
        { text: `logger.info("connecting user=svc password=${join('Xa1', '^kM6pRv')} host=db")`, path: 'db.py' },
        { text: `$config['db_password'] = '${join('Fg5', '!qN8sLd')}';`, path: 'config.php' },
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
        { text: 'password2 = input("again: ")', path: 'db.py', reason: 'a call, not a literal' },
        { text: 'const dbPassword = process.env.DB_PASSWORD || "";', path: 'db.js', reason: 'an empty fallback' },
        { text: 'PASSWORD = os.getenv("DB_PASSWORD", "password")', path: 'settings.py', reason: 'the fallback is the word itself' },
        { text: "define('DB_PASSWORD', 'password_here');", path: 'wp-config-sample.php', reason: "WordPress's sample placeholder" },
        { text: 'password_min_length=12', path: 'policy.conf', reason: 'a setting about passwords, and too short' },
        { text: `password_hash = "${join('$2b$12$', synth(ALNUM, 22, 61))}"`, path: 'seed.py', reason: 'a hash of a password, under a name that says so' },
        { text: `spring.datasource.password={cipher}${synth(HEX, 64, 62)}`, path: 'application.properties', reason: 'Spring Cloud Config ciphertext, decrypted by the config server' },
        { text: `  DB_PASSWORD: Ag${synth(BASE64, 700, 63)}`, path: 'sealed-secret.yaml', reason: 'a SealedSecret encryptedData value: ciphertext only the cluster can open' },
      ],
    },
  }), {
    format: 'A value assigned to a password-named key or variable (`password`, `passwd`, `passphrase`, `pwd`, `PW`, `db_pass`, `DB_PASSWORD`, and with a number or an environment after it: `password2`, `db_pwd_prod`) in code of any language, JSON, YAML, `.properties`, `.ini`, XML elements and `<add key=… value=…>` settings, shell `export`s and Dockerfile `ENV`. The shapes: `name = value` (also `:`, `:=`, `=>`, `||=`, `??=`), subscripts (`config[\'db_password\'] = …`), type annotations (`val password: String = …`, `password: str = …`), literal fallbacks (`process.env.DB_PASSWORD || "…"`, `?? "…"`, `or "…"`), lookup defaults (`os.getenv("DB_PASSWORD", "…")`, `ENV.fetch`, `env()`), PHP `define(\'DB_PASSWORD\', \'…\')`, C `#define`, prose (`Password: …`, `PW: …`), and `password=…` inside a string or a log line. In code only quoted string literals count (an unquoted value is a variable), except inside a string.',
    notes: 'To stay quiet, the value must look machine-made or at least deliberate: 8 or more characters, no spaces, two or more character classes, enough entropy, and not a placeholder (`changeme`, `<password>`, `xxxx`, `your-…`, a stand-in with a number or spelt with symbols: `secret123`, `P@ssw0rd`), a reference (`${DB_PASSWORD}`, `process.env.X`, `{{ .Values.x }}`, `%VAR%`), a file path, a constant name or a word. Comparisons (`password == "…"`), calls and type annotations are not assignments. Where a provider rule recognises the value it reports it instead. Change the password where it is used; rotating it is the only way to undo a commit.',
  }),
  withDoc(secretRule({
    id: 'secret/generic-api-key',
    title: 'Hard-coded API key, token or secret',
    provider: 'Secret',
    keywords: ['key', 'secret', 'token', 'credential'],
    ...shapes(KEY_NAMES),
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
        { text: `app.config["SECRET_KEY"] = "${synth(HEX, 32, 54)}"`, path: 'app.py' },
        { text: `ENV["STRIPE_API_KEY"] ||= "${synth(ALNUM, 32, 55)}"`, path: 'boot.rb' },
        { text: `SECRET_KEY: str = "${synth(ALNUM, 48, 56)}"`, path: 'config.py' },
        { text: `const API_TOKEN: &str = "${synth(ALNUM, 40, 57)}";`, path: 'main.rs' },
        { text: `const token = process.env.API_TOKEN ?? "${synth(ALNUM, 36, 58)}";`, path: 'api.ts' },
        { text: `api_key = ENV.fetch("API_KEY", "${synth(ALNUM, 32, 59)}")`, path: 'client.rb' },
        { text: `#define API_KEY "${synth(ALNUM, 32, 60)}"`, path: 'config.h' },
        { text: `* Secret Key: ${synth(BASE64, 40, 61)}`, path: 'README.md' },
        { text: `aws_session_token = ${synth(BASE64, 60, 62)}==`, path: 'credentials.ini' },
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
        { text: 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]', path: 'app.py', reason: 'read from the environment' },
        { text: 'const token = process.env.API_TOKEN ?? "changeme";', path: 'api.ts', reason: 'a placeholder fallback' },
        { text: 'secret: str = Field(..., env="SECRET")', path: 'config.py', reason: 'a call, not a literal' },
        { text: `api_key = "${synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12, 64)}TESTKEY"`, path: 'test_client.py', reason: 'labelled a test key by its own suffix' },
        { text: `api_key = "${synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12, 65)}FAKEKEY"`, path: 'test_client.py', reason: 'labelled a fake key by its own suffix' },
        { text: `publicToken: "${synth(ALNUM, 32, 66)}"`, path: 'mapbox.js', reason: 'a public token is meant to be shipped to browsers' },
        { text: `csrf-token: ${synth(BASE64, 40, 67)}`, path: 'session.yaml', reason: 'a CSRF token is a per-session form nonce, not a credential' },
        { text: `url = f"https://api.internal/v1?token={get_token()}&page=2"`, path: 'client.py', reason: 'a Python f-string field, filled in at run time' },
        { text: "self._omit_token = data.get('omit_token', '__omit_place_holder__%s' % sha1(os.urandom(64)).hexdigest())", path: 'manager.py', reason: 'a printf-style template filled in at run time' },
      ],
    },
  }), {
    format: 'A random-looking value assigned to a key or variable whose name says it is a secret: `api_key`, `apiKey`, `secret`, `client_secret`, `access_token`, `auth_token`, `refresh_token`, `private_key`, `signing_key`, `encryption_key`, `master_key`, `app_key`, `token`, `credentials`, … (two-word names also with a space: `Secret Key: …`, `API Key = …`) in the same file types and shapes as secret/generic-password: subscripts (Flask\'s `app.config["SECRET_KEY"] = …`, `ENV["API_KEY"] ||= …`), type annotations (`SECRET_KEY: str = …`, Rust `const API_TOKEN: &str = …`), fallbacks, lookup defaults, `#define` and `define()`.',
    notes: 'Gated harder than passwords (entropy of at least 3.5 bits per character, and the same placeholder, reference and path checks), because names such as `token` are everywhere. Names that merely contain "key" (`cacheKey`, `primaryKey`, `secretName`) do not count. Nor do tokens that hold a place rather than grant access (`NextToken`, `ContinuationToken`, `ClientRequestToken`, `ChangeToken`, …), upper-case names made of words (`__ES6-PROMISIFY--CUSTOM-ARGUMENTS__`), keyboard runs (`qwe089234lkjsdf`), regular expressions, URNs (`urn:uuid:…`), the resource type of an ARN (`…:secret:name`), template literals that build the value, property reads, a value that spells out its own name (`termToken: "term-token-…"`), base64 of an English sentence, the token in a badge image URL (`badge.svg?token=…`, public by design), public and CSRF tokens (`publicToken`, `csrf-token`), values labelled as stand-ins by their suffix (`…TESTKEY`, `…FAKEKEY`, `…EXAMPLE`), Spring Cloud Config `{cipher}…` and Jasypt `ENC(…)` values, a Python f-string field (`{get_token()}`), or unquoted values longer than 300 characters (SealedSecret `encryptedData` ciphertext). In a URL, `?api_key=…` and `&token=…` count even inside a string in code, and the value ends where the URL does. When a provider rule knows the format it reports the value under its own id, with a better message; this rule is the net for everything else. Rotate the value at whichever service issued it.',
  }),
  withDoc(secretRule({
    id: 'secret/generic-key-name',
    title: 'Hard-coded key in a *_KEY constant',
    provider: 'Key',
    // `_key`, `-key` and `.key` end every name this rule reads; `key` alone would wake far more lines.
    keywords: ['_key', '-key', '.key'],
    ...shapes(BARE_KEY_NAMES),
    envName: 'API_KEY',
    minEntropy: 3.5,
    generic: true,
    keywordGate: mayHoldGenericValue,
    // A name such as CACHE_KEY says nothing: only a value that looks machine-made counts.
    validate: looksMachineMade,
    spansLines: false,
    samples: {
      positive: () => [
        { text: `STRIPE_KEY = "${synth(ALNUM, 32, 70)}"`, path: 'billing.py' },
        { text: `define( 'AUTH_KEY', '${synth(ALNUM + '!@#$%^&*()-_[]{}~+=.:/?| ', 64, 71)}' );`, path: 'wp-config.php' },
        { text: `maps.key=${synth(ALNUM, 39, 72)}`, path: 'app.properties' },
        { text: `export const LICENSING_SERVER_KEY = '${synth(HEX, 40, 73)}';`, path: 'keys.ts' },
      ],
      negative: () => [
        { text: 'CACHE_KEY = "user-profile-v2"', path: 'cache.py', reason: 'a cache key names a record' },
        { text: 'SORT_KEY = "createdAt"', path: 'model.py', reason: 'a sort key names a field' },
        { text: 'export const STORAGE_KEY = "app.settings.v3";', reason: 'a localStorage slot name' },
        { text: "define( 'AUTH_KEY', 'put your unique phrase here' );", path: 'wp-config-sample.php', reason: "WordPress's sample placeholder" },
        { text: '#define KEY_ESCAPE 27', path: 'keys.h', reason: 'a key code' },
        { text: `REQUEST_KEY = "${synth(HEX, 8, 74)}-${synth(HEX, 4, 75)}-4${synth(HEX, 3, 76)}-a${synth(HEX, 3, 77)}-${synth(HEX, 12, 78)}"`, path: 'test_api.py', reason: 'a UUID names a record, it is not a key' },
        { text: `MENU_KEY = "settingsPanelToggle2"`, path: 'ui.ts', reason: 'an identifier, not machine-made' },
      ],
    },
  }), {
    format: 'A machine-made value assigned to any other name ending in `_KEY`, `-KEY` or `.key` (`STRIPE_KEY`, `AUTH_KEY`, `maps.key`), in the same shapes as secret/generic-api-key, including PHP `define()` (WordPress salts in `wp-config.php`).',
    notes: 'Such names are often not secrets (`CACHE_KEY`, `SORT_KEY`, `STORAGE_KEY`), so the value must look machine-made: at least 16 characters mixing upper case, lower case and digits (or 32 or more hex digits) with high entropy, not a UUID. Names of records and slots (`cache`, `sort`, `partition`, `primary`, `storage`, `public`, `session`, ...) are skipped. Rotate the value at whichever service issued it.',
  }),
  withDoc(secretRule({
    id: 'secret/xml-element-secret',
    title: 'Hard-coded secret in a multi-line XML element',
    provider: 'XML element',
    // `name>`: the opening tag ends with the keyword, so files without such a tag are never read.
    keywords: ['pass>', 'password>', 'passwd>', 'pwd>', 'passphrase>', 'secret>', 'token>', 'key>', 'credential>', 'credentials>'],
    pattern: xmlElementLines(`(?:${PASSWORD_NAMES}|${KEY_NAMES})`),
    envName: 'PASSWORD',
    minEntropy: 3.0,
    generic: true,
    spansLines: true,
    samples: {
      positive: () => [
        { text: `<server>\n  <id>nexus</id>\n  <password>\n    ${join('Qx7', '!mLp2Rz9')}\n  </password>\n</server>`, path: 'settings.xml' },
        { text: `<ConnectionPassword>\r\n  ${join('Hb4', '#tWq8Zk')}\r\n</ConnectionPassword>`, path: 'app.config' },
        { text: `<apiKey>\n\t${synth(ALNUM, 32, 80)}\n</apiKey>`, path: 'plugin.xml' },
      ],
      negative: () => [
        { text: '<password>\n  ${env.NEXUS_PASSWORD}\n</password>', path: 'settings.xml', reason: 'a Maven property reference' },
        { text: '<password>\n  changeme\n</password>', path: 'settings.xml', reason: 'a placeholder' },
        { text: '<password>\n  <encrypted>{COQLCE6DU6GtcS5P=}</encrypted>\n</password>', path: 'settings.xml', reason: 'a nested element, not a value' },
        { text: '<secretKey>\n  classpath:keys/dev.key\n</secretKey>', path: 'beans.xml', reason: 'a reference to a key file' },
      ],
    },
  }), {
    format: 'A secret-named XML element (`<password>`, `<ConnectionPassword>`, `<apiKey>`, `<secret>`, `<token>`, …) whose value sits alone on the line between its opening and closing tags, as pretty-printers write Maven `settings.xml`, .NET configs and Spring beans. The one-line form `<password>…</password>` is secret/generic-password\'s and secret/generic-api-key\'s.',
    notes: 'The same value gates as the generic rules: placeholders, property references (`${env.X}`), nested elements and file references are not reported. Maven can encrypt server passwords (`mvn --encrypt-password`, `{…}` values); better still, read them from the environment (`${env.NEXUS_PASSWORD}`).',
  }),
];
