import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { defaultConfig, scan, type Finding } from '../../src/engine';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';
import { ALNUM, BASE64, BASE64URL, HEX, join, synth } from '../../src/engine/rules/samples';

// Precision is what keeps an inline linter installed. A realistic benign corpus, built here at
// test time, must produce no secret finding at all; a mixed corpus with planted synthetic secrets
// must produce exactly the expected rule ids; and no finding may ever print a secret.

const config = defaultConfig();
const uuid = (seed: number) => [8, 4, 4, 4, 12].map((n, i) => synth(HEX, n, seed + i)).join('-');
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const sri = (text: string, algorithm: 'sha512' | 'sha384') => `${algorithm}-${createHash(algorithm).update(text).digest('base64')}`;
const pemLines = (body: string) => body.match(/.{1,64}/g)!.join('\n');

async function scanAll(files: Record<string, string>): Promise<{ path: string; finding: Finding }[]> {
  const out: { path: string; finding: Finding }[] = [];
  for (const [path, text] of Object.entries(files)) {
    for (const finding of await scan(text, { path, gitState: 'tracked' }, config)) out.push({ path, finding });
  }
  return out;
}

function benignCorpus(): Record<string, string> {
  const pngBase64 = btoa(String.fromCharCode(...Array.from({ length: 600 }, (_, i) => (i * 73 + 41) % 256)));
  return {
    'src/ids.ts': [
      `export const TENANT_ID = "${uuid(1)}";`,
      `const requestId = '${uuid(6)}';`,
      `const commit = "${sha1('release 1.4.2')}"; // git SHA of the release`,
      `const shortSha = "${sha1('x').slice(0, 7)}";`,
      `const etag = "W/\\"${createHash('md5').update('body').digest('hex')}\\"";`,
      `const checksum = "${createHash('sha256').update('artifact').digest('hex')}";`,
      `const cacheKey = "${synth(ALNUM, 32, 7)}";`,
      `const nonce = crypto.randomUUID();`,
    ].join('\n'),
    'public/index.html': [
      '<!doctype html>',
      `<script src="https://cdn.example.net/lib.js" integrity="${sri('lib', 'sha384')}" crossorigin="anonymous"></script>`,
      `<link rel="stylesheet" href="/app.css" integrity="${sri('css', 'sha512')}">`,
      `<img alt="logo" src="data:image/png;base64,${pngBase64}">`,
      '<input type="password" name="password" placeholder="Password" autocomplete="current-password">',
    ].join('\n'),
    'package.json': JSON.stringify({
      name: 'demo', version: '1.0.0',
      dependencies: { lodash: '^4.17.21' },
      bundleDependencies: [],
      dist: { integrity: sri('tarball', 'sha512'), shasum: sha1('tarball') },
    }, null, 2),
    'src/theme.css': [':root {', '  --brand: #1e90ff;', '  --accent: #ff6347aa;', '  --token-color: rgb(12, 34, 56);', '}'].join('\n'),
    'locales/en.json': JSON.stringify({
      password: 'Password',
      password_hint: 'At least 12 characters, one of them a digit',
      token_expired: 'Your session token has expired. Please sign in again.',
      api_key_label: 'API key',
      secret_question: 'What was the name of your first pet?',
      forgot_password: 'Forgot your password?',
    }, null, 2),
    'test/fixtures/config.yml': [
      'database:',
      '  password: changeme',
      '  url: postgres://user:password@localhost:5432/test',
      'api:',
      '  key: your-api-key',
      '  token: <token>',
      '  secret: ${API_SECRET}',
      'helm:',
      '  password: "{{ .Values.db.password }}"',
      'stripe:',
      `  publishable: ${join('pk_', 'live_', synth(ALNUM, 24, 8))}`,
      'aws:',
      `  access_key_id: ${join('AKIA', 'IOSFODNN7', 'EXAMPLE')}`,
      `  secret_access_key: ${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')}`,
      'tls:',
      '  key_file: /etc/ssl/private/server.key',
      '  private_key_path: ./certs/client.pem',
    ].join('\n'),
    'k8s/deployment.yaml': [
      'env:',
      '  - name: DB_PASSWORD',
      '    valueFrom:',
      '      secretKeyRef: { name: db, key: password }',
      '  - name: API_TOKEN',
      '    value: "$(API_TOKEN)"',
    ].join('\n'),
    '.github/workflows/ci.yml': ['env:', '  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', '  GITHUB_TOKEN: ${{ github.token }}', '  password: ${{ secrets.DB_PASSWORD }}'].join('\n'),
    // Reading credentials from the environment, in eight languages.
    'src/env.js': 'const apiKey = process.env.API_KEY;\nconst password = process.env["DB_PASSWORD"] ?? "";\n',
    'app/settings.py': 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nDB_PASSWORD = os.getenv("DB_PASSWORD", "")\napi_key = settings.API_KEY\n',
    'cmd/main.go': 'token := os.Getenv("GITHUB_TOKEN")\npassword, ok := os.LookupEnv("DB_PASSWORD")\n',
    'src/Config.java': 'String apiKey = System.getenv("API_KEY");\nString password = props.getProperty("db.password");\n',
    'src/Config.cs': 'var secret = Environment.GetEnvironmentVariable("CLIENT_SECRET");\nvar password = configuration["Db:Password"];\n',
    'config/app.rb': "api_key = ENV['API_KEY']\npassword = ENV.fetch('DB_PASSWORD')\n",
    'src/config.php': "$apiKey = getenv('API_KEY');\n$password = $_ENV['DB_PASSWORD'];\n",
    'src/config.rs': 'let token = std::env::var("API_TOKEN")?;\nlet password = env::var("DB_PASSWORD").unwrap_or_default();\n',
    'scripts/deploy.sh': 'export API_TOKEN="${API_TOKEN:?missing}"\ncurl -H "Authorization: Bearer $API_TOKEN" https://api.internal/deploy\npsql "postgres://app:${DB_PASSWORD}@db/app"\n',
    'docs/setup.md': [
      '# Setup',
      'Set `OPENAI_API_KEY=sk-...` and `ANTHROPIC_API_KEY=sk-ant-api03-...` in your `.env`.',
      `Tokens look like \`${join('ghp', '_', 'x'.repeat(36))}\`.`,
      'Connect with `mongodb+srv://<user>:<password>@cluster0.example.net`.',
    ].join('\n'),
    'src/keys.ts': [
      `const publicKey = \`${join('-----BEGIN ', 'PUBLIC KEY-----')}\n${pemLines(join('MIIBIjAN', synth(BASE64, 380, 9)))}\n${join('-----END ', 'PUBLIC KEY-----')}\`;`,
      `const cert = \`${join('-----BEGIN ', 'CERTIFICATE-----')}\n${pemLines(join('MIIDdzCC', synth(BASE64, 900, 10)))}\n${join('-----END ', 'CERTIFICATE-----')}\`;`,
      `const sshPub = "ssh-ed25519 ${join('AAAAC3NzaC1lZDI1NTE5AAAAI', synth(BASE64, 43, 11))} ci@build";`,
      `const unsigned = "${[{ alg: 'none' }, { sub: 'guest' }].map((part) => btoa(JSON.stringify(part)).replace(/=+$/, '')).join('.')}.";`,
      `Sentry.init({ dsn: "https://${synth(HEX, 32, 12)}@o1.ingest.sentry.io/42" });`,
    ].join('\n'),
    'src/webpack.config.js': `module.exports = { output: { filename: "[name].${synth(HEX, 20, 13)}.js" } };\n`,
    'src/hash.py': `password_hash = "${join('$2b$12$', synth(BASE64URL.replace(/[-_]/g, '.'), 53, 14))}"\nif password == confirm_password:\n    pass\n`,
  };
}

describe('secret precision', () => {
  it('reports nothing on a realistic benign corpus', async () => {
    const findings = (await scanAll(benignCorpus())).filter(({ finding }) => finding.category === 'secret');
    assert.deepEqual(findings.map(({ path, finding }) => `${path}: ${finding.ruleId}: ${finding.excerpt}`), []);
  });

  const stripeLive = join('sk_', 'live_', synth(ALNUM, 99, 21));
  const slackHook = join('https://hooks.', 'slack.com/services/T', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, 22), '/B', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10, 23), '/', synth(ALNUM, 24, 24));
  const githubPat = githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, 25));
  const npmToken = githubTokenWithChecksum(join('np', 'm_'), synth(ALNUM, 30, 26));
  const dbPassword = join('Vq7', '#mLx2', 'Pz');
  const googleKey = join('AI', 'za', synth(BASE64URL, 35, 27));
  const djangoSecret = synth(ALNUM, 50, 28);
  const rsaBody = join('MIIEpA', synth(BASE64, 1500, 29));

  function mixedCorpus(): Record<string, string> {
    const benign = benignCorpus();
    return {
      ...benign,
      'src/billing.ts': `${benign['src/env.js']}export const stripe = new Stripe("${stripeLive}");\n`,
      '.github/workflows/notify.yml': `${benign['.github/workflows/ci.yml']}\n  SLACK_WEBHOOK: ${slackHook}\n  GH_TOKEN: ${githubPat}\n`,
      '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npmToken}\n`,
      'docker-compose.yml': `services:\n  api:\n    environment:\n      DATABASE_URL: postgres://api:${dbPassword}@db:5432/api\n      DB_PASSWORD: \${DB_PASSWORD}\n`,
      'deploy/id_rsa': `${join('-----BEGIN ', 'RSA PRIVATE KEY-----')}\n${pemLines(rsaBody)}\n${join('-----END ', 'RSA PRIVATE KEY-----')}\n`,
      'app/prod_settings.py': `${benign['app/settings.py']}SECRET_KEY = "${djangoSecret}"\n`,
      'android/app/src/main/res/values/keys.xml': `<resources>\n  <string name="maps_key">${googleKey}</string>\n</resources>\n`,
    };
  }

  const expected = [
    'src/billing.ts: secret/stripe-secret-key',
    '.github/workflows/notify.yml: secret/slack-webhook-url',
    '.github/workflows/notify.yml: secret/github-token',
    '.npmrc: secret/npm-token',
    'docker-compose.yml: secret/connection-url-password',
    'deploy/id_rsa: secret/private-key',
    'app/prod_settings.py: secret/generic-api-key',
    'android/app/src/main/res/values/keys.xml: secret/google-api-key',
  ];

  it('reports exactly the planted secrets in a mixed corpus, each under its provider rule', async () => {
    const findings = (await scanAll(mixedCorpus())).filter(({ finding }) => finding.category === 'secret');
    assert.deepEqual(findings.map(({ path, finding }) => `${path}: ${finding.ruleId}`).sort(), [...expected].sort());
  });

  it('never prints a secret: messages and excerpts hold only the masked value', async () => {
    const findings = (await scanAll(mixedCorpus())).filter(({ finding }) => finding.secret);
    assert.equal(findings.length, expected.length);
    for (const { path, finding } of findings) {
      const value = finding.secret!.value;
      for (const [field, text] of [['message', finding.message], ['excerpt', finding.excerpt]] as const) {
        assert.ok(!text.includes(value), `${path}: ${finding.ruleId} prints the secret in its ${field}`);
        // Not even a long slice of it: masks keep a public prefix and the last four characters.
        const middle = value.slice(Math.floor(value.length / 2) - 6, Math.floor(value.length / 2) + 6);
        if (value.length >= 24) assert.ok(!text.includes(middle), `${path}: ${finding.ruleId} prints part of the secret in its ${field}`);
      }
      assert.match(finding.message, /…/, `${path}: ${finding.ruleId} message shows no masked value`);
    }
  });

  it('spans the password only in URLs, and the whole block for private keys', async () => {
    const files = mixedCorpus();
    const byRule = new Map((await scanAll(files)).map(({ finding }) => [finding.ruleId, finding]));
    assert.equal(byRule.get('secret/connection-url-password')!.secret!.value, dbPassword);
    const key = byRule.get('secret/private-key')!.secret!;
    assert.equal(key.value, files['deploy/id_rsa'].trimEnd());
    assert.equal(byRule.get('secret/stripe-secret-key')!.secret!.envName, 'STRIPE_SECRET_KEY');
  });

  it('ends a query parameter\'s value where the URL or the markdown around it resumes', async () => {
    const key = synth(ALNUM, 32, 30);
    const token = synth(ALNUM, 28, 31);
    const files = {
      'README.md': `See [the feed](https://feeds.internal.net/rss?access_token=${token}) for updates.`,
      'src/client.ts': `const url = \`https://api.internal.net/v2?api_key=${key}&page=2\`;`,
    };
    const values = (await scanAll(files)).map(({ path, finding }) => `${path}: ${finding.secret?.value}`);
    assert.deepEqual(values.sort(), [`README.md: ${token}`, `src/client.ts: ${key}`]);
  });

  it('tells upper-case constant names from upper-case random keys', async () => {
    const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const licence = [32, 33, 34, 35].map((seed) => synth(base32, 5, seed)).join('-');
    const findings = await scanAll({
      'src/keys.ts': `const licenseSecret = "${licence}";\nconst secretKey = "${synth(base32, 16, 36)}";\nconst sessionToken = "__WIDGET-LOADER--CUSTOM-PAYLOAD_V2__";\n`,
    });
    assert.deepEqual(findings.map(({ finding }) => finding.secret?.value), [licence, synth(base32, 16, 36)]);
  });

  it('treats placeholders and documented values as benign whatever rule would match them', async () => {
    const placeholders = [
      `STRIPE_KEY=${join('sk_', 'live_', 'your_stripe_secret_key_here')}`,
      `token = "${join('gl', 'pat-', 'XXXXXXXXXXXXXXXXXXXX')}"`,
      `SLACK_TOKEN=${join('xo', 'xb-', '<your-bot-token>')}`,
      `OPENAI_API_KEY="${join('sk-', 'proj-', '*'.repeat(48))}"`,
      'password = "{{ vault_db_password }}"',
      'api_key = "%API_KEY%"',
      'secret: #{OctopusSecret}',
      `stripe_key = "${join('sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc')}"`,
      'db_password = "admin2024"',
      'api_token = "MY_API_TOKEN_1"',
      'auth_token = "myAuthToken99"',
    ];
    const findings = await scanAll({ 'config/placeholders.env.example': placeholders.join('\n'), 'config/placeholders.yml': placeholders.join('\n') });
    assert.deepEqual(findings.map(({ path, finding }) => `${path}: ${finding.ruleId}: ${finding.excerpt}`), []);
  });
});
