import { providerRule } from './providers/define';
import { ALNUM, BASE64, HEX, join, synth } from '../samples';
import { isBenignValue, looksRandomEnough } from '../../secrets/values';
import { sqlPasswordMayFollow } from './keywordGates';

// Secrets recognised by where they are written rather than by their own shape or their name: an
// argument of a command that takes a password, an HTTP authentication header, a SQL clause that
// sets a password. The context is specific enough that the value only has to look deliberate
// (not a placeholder, a variable or a plain word). These run after the provider rules, so that a
// token a provider knows (`ghp_…` in an Authorization header) is reported under its own id.

/** Bind parameters and format fields (`:new_password`, `%s`, `?`, `@pw`, `$1`) stand for a value. */
const PARAMETER = /^(?:[:@?%]|\$\d)/;

/** A password given on a command line or to a SQL statement: deliberate, not a stand-in. */
function passwordArgument(value: string): boolean {
  return !PARAMETER.test(value) && looksRandomEnough(value, 2.5);
}

/** Hashes a SQL server stores instead of the password: MySQL `*<40 hex>`, PostgreSQL md5/SCRAM. */
const SQL_HASH = /^(?:\*[0-9A-Fa-f]{40}|md5[0-9a-f]{32}|SCRAM-SHA-256\$)/;

/**
 * An Authorization header's credentials: `Basic` base64 of `user:password` (the password must be
 * a real one), or an opaque token that looks machine-made.
 */
export function headerCredential(value: string): boolean {
  const basic = decodedBasic(value);
  if (basic !== undefined) return basic.length >= 6 && !isBenignValue(basic) && !/^[$%{<]/.test(basic);
  return looksRandomEnough(value, 3.0);
}

/** The password of base64 `user:password`, or undefined when the value is not that. */
function decodedBasic(value: string): string | undefined {
  // Padding counted by a scan: `=+$` re-read a run of `=` from each of them.
  let unpadded = value.length;
  while (unpadded > 0 && value[unpadded - 1] === '=') unpadded--;
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) || unpadded % 4 === 1) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return undefined;
  return decoded.slice(colon + 1);
}

// The end of an unquoted command-line argument.
const ARG = String.raw`[^\s"'\`;|&<>()]`;

const pw = (seed: number) => join(synth(ALNUM, 5, seed), '#', synth(ALNUM, 6, seed + 1));

export const contextualRules = [
  providerRule({
    id: 'secret/command-line-password',
    title: 'Password on a command line',
    provider: 'Command-line password',
    keywords: ['curl', '--user', '--proxy-user', '--pass', '--http-pass', '--ftp-pass', 'mysql', 'mariadb', 'sshpass', 'convertto-securestring', 'curlopt_'],
    // `curl -u user:password` (also --user, --proxy-user, -U), anywhere after `curl` on the line.
    pattern: new RegExp(String.raw`\bcurl\b[^\n\r|;&]{0,200}?[ \t](?:-u|-U|--user|--proxy-user)(?:[ \t]+|=)(?<q>["']?)[^\s:"'$@{<]{1,64}:(?<secret>[^\s"'@]{4,200})\k<q>(?![^\s"'@])`),
    alsoMatch: [
      // --password X, --password=X, --passwd, --db-password, --http-password (wget), --ftp-password.
      new RegExp(String.raw`(?<![\w-])--(?:[\w]{1,12}-)?pass(?:word|wd)?(?:[ \t]+|=)(?<q>["']?)(?<secret>${ARG}{4,200})\k<q>(?!${ARG})`),
      // mysql -p<password>: the password glued to -p (a space would make it prompt).
      new RegExp(String.raw`\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n\r|;&]{0,200}?[ \t]-p(?<q>["']?)(?<secret>${ARG}{4,200})\k<q>(?!${ARG})`),
      new RegExp(String.raw`\bsshpass[ \t]+-p[ \t]*(?<q>["']?)(?<secret>${ARG}{4,200})\k<q>(?!${ARG})`),
      // PowerShell: ConvertTo-SecureString "…" -AsPlainText (the -String parameter named or not).
      new RegExp(String.raw`ConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(?<q>["'])(?<secret>[^"'\n\r$]{4,200})\k<q>[^\n\r]{0,80}?-AsPlainText`, 'i'),
      // libcurl: the user:password or password option set from a literal.
      new RegExp(String.raw`CURLOPT_(?:USERPWD|PROXYUSERPWD|PASSWORD|PROXYPASSWORD|KEYPASSWD)[ \t]*,[ \t]*L?(?<q>")(?:[^":\n\r]{1,64}:)?(?<secret>[^"\n\r]{4,200})"`),
    ],
    envName: 'PASSWORD',
    validate: passwordArgument,
    samples: {
      positive: () => [
        { text: `curl -u admin:${pw(1)} https://ci.internal/api/json`, path: 'deploy.sh' },
        { text: `run: curl -sf --user "deploy:${pw(2)}" -T build.zip https://repo.internal/upload`, path: '.github/workflows/release.yml' },
        { text: `mysql -h db.internal -u root -p${pw(3)} shop < dump.sql`, path: 'restore.sh' },
        { text: `sshpass -p '${pw(4)}' ssh ops@10.0.0.5 uptime`, path: 'check.sh' },
        { text: `$secure = ConvertTo-SecureString "${pw(5)}" -AsPlainText -Force`, path: 'setup.ps1' },
        { text: `curl_easy_setopt(curl, CURLOPT_USERPWD, "svc:${pw(6)}");`, path: 'upload.c' },
        { text: `psql-wrapper --host=db --username=app --password=${pw(7)} app`, path: 'Makefile' },
        { text: `subprocess.run(["wget", "--http-user=ci", "--http-password=${pw(8)}", url])`, path: 'fetch.py' },
      ],
      negative: () => [
        { text: 'curl -u "$USER:$PASS" https://ci.internal/api/json', path: 'deploy.sh', reason: 'variables' },
        { text: 'curl -u admin:${ADMIN_PASSWORD} https://ci.internal/', path: 'deploy.sh', reason: 'a variable reference' },
        { text: 'mysql -u root -p shop < dump.sql', path: 'restore.sh', reason: 'a bare -p prompts for the password' },
        { text: 'sshpass -p "$SSHPASS" ssh ops@host', path: 'check.sh', reason: 'a variable' },
        { text: 'curl_easy_setopt(curl, CURLOPT_USERPWD, userpwd);', path: 'upload.c', reason: 'a variable, not a literal' },
        { text: 'curl -u <user>:<password> https://api.internal', path: 'README.md', reason: 'placeholders' },
        { text: 'docker login --username ci --password-stdin < token.txt', path: 'ci.sh', reason: 'read from standard input' },
        { text: "parser.add_argument('--password', help='the database password')", path: 'cli.py', reason: 'an option being declared' },
        { text: '  --password PASSWORD   the password to log in with', path: 'USAGE.txt', reason: 'a help text: the metavar names the value' },
        { text: 'mysqldump -u backup -p:backup_password db', path: 'backup.sh', reason: 'a bind-parameter style stand-in' },
        { text: 'ConvertTo-SecureString $plain -AsPlainText -Force', path: 'setup.ps1', reason: 'a variable' },
      ],
    },
    doc: {
      format: 'A password written into a command: `curl -u user:password` (`--user`, `--proxy-user`), `--password X` / `--password=X` (also `--passwd`, `--http-password`, `--db-password`), `mysql -p<password>`, `sshpass -p <password>`, PowerShell `ConvertTo-SecureString "<password>" -AsPlainText`, and libcurl `curl_easy_setopt(…, CURLOPT_USERPWD, "user:password")`, in scripts, CI files, Makefiles, Dockerfiles and strings in code.',
      notes: 'Variables (`$PASS`, `${TOKEN}`), placeholders (`<password>`, `your-password`), a bare `-p` (mysql then prompts), `--password-stdin`, option declarations and help texts (`--password PASSWORD`) are not reported. A password on a command line is also visible to every user of the machine in the process list and lands in shell history: read it from a file, the environment or standard input (`--password-stdin`, `MYSQL_PWD`, `~/.netrc`, `sshpass -e`).',
    },
  }),
  providerRule({
    id: 'secret/http-auth-header',
    title: 'Credentials in an HTTP authentication header',
    provider: 'HTTP Authorization header',
    keywords: ['authorization', 'api-key', 'auth-token', 'access-token'],
    pattern: /(?<![\w-])authorization["']?\s*[:=,]\s*["']?\s*(?:bearer|token|basic|apikey|api-key)[ \t]+(?<secret>[A-Za-z0-9._~+/=-]{8,500})(?![A-Za-z0-9._~+/=-])/i,
    alsoMatch: [/(?<![\w-])(?:x-)?(?:api-key|auth-token|access-token)["']?\s*[:=,]\s*["']?(?<secret>[A-Za-z0-9._~+/=-]{16,300})(?![A-Za-z0-9._~+/=-])/i],
    envName: 'API_TOKEN',
    validate: headerCredential,
    samples: {
      positive: () => [
        { text: `curl -H "Authorization: Bearer ${synth(ALNUM, 40, 10)}" https://api.internal/v1/me`, path: 'call.sh' },
        { text: `headers = {"Authorization": "Bearer ${synth(ALNUM, 36, 11)}"}`, path: 'client.py' },
        { text: `xhr.setRequestHeader('Authorization', 'Basic ${Buffer.from(`deploy:${pw(12)}`).toString('base64')}');`, path: 'app.js' },
        { text: `Authorization: Token ${synth(HEX, 40, 13)}`, path: 'requests.http' },
        { text: `  X-API-Key: ${synth(ALNUM, 32, 14)}`, path: 'gateway.yaml' },
        { text: `req.Header.Set("X-Api-Key", "${synth(ALNUM, 32, 15)}")`, path: 'client.go' },
      ],
      negative: () => [
        { text: 'curl -H "Authorization: Bearer $TOKEN" https://api.internal/v1/me', path: 'call.sh', reason: 'a variable' },
        { text: "headers = {'Authorization': f'Bearer {token}'}", path: 'client.py', reason: 'an f-string field' },
        { text: 'Authorization: Bearer <your-token>', path: 'README.md', reason: 'a placeholder' },
        { text: "xhr.setRequestHeader('Authorization', 'Bearer ' + token);", path: 'app.js', reason: 'concatenated from a variable' },
        { text: 'X-API-Key: YOUR_API_KEY', path: 'README.md', reason: 'a placeholder constant' },
        { text: 'the Authorization header carries a Bearer token issued by the IdP', path: 'design.md', reason: 'prose about headers, no value' },
        { text: `Authorization: Basic ${Buffer.from('user:password').toString('base64')}`, path: 'api.md', reason: 'Basic credentials whose password is a stand-in' },
        { text: `Authorization: Bearer ${synth(BASE64, 8, 16)}...`, path: 'README.md', reason: 'elided' },
      ],
    },
    doc: {
      format: 'An `Authorization: Bearer …`, `Token …`, `Basic …` or `ApiKey …` header, or an `X-API-Key`, `X-Auth-Token` or `X-Access-Token` header, wherever it is written: `curl -H`, header maps in code (`{"Authorization": "Bearer …"}`), `setRequestHeader`, `.http` files, gateway configs.',
      notes: '`Basic` credentials count only when the base64 decodes to `user:password` with a real password. Variables, f-string fields, concatenation (`"Bearer " + token`), placeholders and prose are not reported. When the token has a known format (a GitHub token, a JWT, a Google `ya29.` token), the provider rule reports it instead. Read the token from the environment or a secret store when building the header.',
    },
  }),
  providerRule({
    id: 'secret/sql-password',
    title: 'Password in a SQL statement',
    provider: 'SQL password',
    keywords: ['identified', 'password'],
    keywordGate: sqlPasswordMayFollow,
    // After `USER <name>` or `TO <name>` (MySQL's GRANT): prose says "the element identified by `x`".
    pattern: /\b(?:USER|TO)\s+(?:IF\s+NOT\s+EXISTS\s+)?[^\s;]{1,80}\s+IDENTIFIED\s+(?:WITH\s+\w{1,40}\s+)?BY\s+(?!PASSWORD\b|VALUES\b)(?<q>['"]?)(?<secret>[^\s'"`;<>()]{6,128})\k<q>(?![^\s'"`;<>()])/i,
    // PostgreSQL and SQL Server: WITH [LOGIN] [ENCRYPTED] PASSWORD '…', ALTER ROLE x PASSWORD '…', SET PASSWORD = '…'.
    alsoMatch: [/\b(?:WITH|LOGIN|ENCRYPTED|UNENCRYPTED|SET|(?:USER|ROLE)\s+[\w"@'%.]{1,64})\s+PASSWORD\s*(?:=\s*)?(?:PASSWORD\s*\(\s*)?'(?<secret>[^'\s]{6,128})'/i],
    envName: 'DB_PASSWORD',
    validate: (value) => passwordArgument(value) && !SQL_HASH.test(value),
    samples: {
      positive: () => [
        { text: `CREATE USER 'app'@'%' IDENTIFIED BY '${pw(20)}';`, path: 'init.sql' },
        { text: `CREATE ROLE reporter WITH LOGIN PASSWORD '${pw(21)}';`, path: 'roles.sql' },
        { text: `ALTER USER app WITH ENCRYPTED PASSWORD '${pw(22)}';`, path: 'migrate.sql' },
        { text: `cursor.execute("CREATE USER etl IDENTIFIED BY ${synth(ALNUM, 12, 23)}")`, path: 'setup.py' },
        { text: `CREATE LOGIN etl WITH PASSWORD = '${pw(24)}';`, path: 'logins.sql' },
      ],
      negative: () => [
        { text: "CREATE USER 'app'@'%' IDENTIFIED BY %s;", path: 'init.sql', reason: 'a format parameter' },
        { text: 'ALTER USER app WITH PASSWORD :new_password;', path: 'migrate.sql', reason: 'a bind parameter' },
        { text: `CREATE USER app IDENTIFIED BY PASSWORD '*${synth(HEX, 40, 25).toUpperCase()}';`, path: 'init.sql', reason: 'a MySQL password hash, not the password' },
        { text: `ALTER ROLE app PASSWORD 'md5${synth(HEX, 32, 26)}';`, path: 'roles.sql', reason: 'a PostgreSQL md5 hash' },
        { text: '-- users are IDENTIFIED BY their certificate', path: 'notes.sql', reason: 'a comment in prose, no value' },
        { text: '    Return True if the element identified by `selector_value` has the CSS class', path: 'tests.py', reason: 'prose: nothing creates a user here' },
        { text: 'CREATE USER scott IDENTIFIED BY tiger;', path: 'demo.sql', reason: "Oracle's demo account" },
        { text: "ALTER USER app WITH PASSWORD 'changeme';", path: 'setup.sql', reason: 'a placeholder' },
      ],
    },
    doc: {
      format: 'A password set in SQL: `IDENTIFIED BY \'…\'` (MySQL, MariaDB; Oracle unquoted), `WITH [LOGIN] [ENCRYPTED] PASSWORD \'…\'`, `ALTER ROLE … PASSWORD \'…\'`, `SET PASSWORD = \'…\'`, `CREATE LOGIN … WITH PASSWORD = \'…\'` (SQL Server), in `.sql` files, migrations and strings in code.',
      notes: 'Bind and format parameters (`:new_password`, `%s`, `?`), stored hashes (`IDENTIFIED BY PASSWORD \'*…\'`, `md5…`, `SCRAM-SHA-256$…`), placeholders and the demo `scott/tiger` are not reported. Create users from a migration that reads the password from the environment or a secret store.',
    },
  }),
];
