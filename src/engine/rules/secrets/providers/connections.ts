import { providerRule } from './define';
import { equalsFollows } from '../keywordGates';
import { ALNUM, join, synth } from '../../samples';

// Passwords inside connection URLs and connection strings. The finding is the password alone,
// so that a fix can replace just it (with ${DB_PASSWORD}, say) and keep the rest of the URL.

/** Defaults of local containers and tutorials; a real deployment never uses them. */
const STOCK_PASSWORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'root', 'admin', 'postgres', 'mysql', 'mariadb', 'guest',
  'test', 'user', 'username', 'redis', 'rabbitmq', 'mongo', 'mongodb', 'sa', 'dev', 'local', 'foo', 'bar',
  'baz', 'example', 'token', 'apikey', 'default', 'pw', 'docker', 'oracle', 'neo4j', 'airflow', 'keycloak',
]);

/** The password part is a real-looking value: not a stock default, a format string or a variable. */
export function connectionPasswordReal(password: string): boolean {
  if (password.length < 3) return false;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw value
  }
  if (STOCK_PASSWORDS.has(decoded.toLowerCase())) return false;
  if (/^\$|^%\w*%$|%s|%\(|%[dv]|^\{+[\w.\s]*\}+$|^\*+$|^\.+$|^\?+$/.test(decoded)) return false;
  return !/^\[?(password|pass|pwd|secret)\]?$|passw(?:or)?d/i.test(decoded);
}

const DB_SCHEMES = String.raw`postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse|couchbases?|neo4j(?:\+s)?|bolt|nats|ldaps?|smtps?|ftps?|sftp|kafka|memcached?|cassandra|oracle|snowflake`;
// Not a documentation host (example.com), nor a template whose port is a word (`@proxyhost:port`).
const DOC_HOST = String.raw`(?!(?:[\w-]+\.)*example\.(?:com|org|net)\b)(?![\w.-]+:[A-Za-z<{$])`;
const userPassword = (userClass: string) =>
  String.raw`://(?<user>${userClass}):(?!\k<user>@)(?<secret>[^@/\s'"\`<>]{1,200})@${DOC_HOST}(?=[\w.\[-])`;

export const connectionRules = [
  providerRule({
    id: 'secret/connection-url-password',
    title: 'Password in a database or broker URL',
    provider: 'Connection URL password',
    keywords: ['://'],
    pattern: new RegExp(String.raw`(?<![\w+.-])(?:${DB_SCHEMES})(?:\+\w+)?${userPassword(String.raw`[^:@/\s'"\`<>]*`)}`),
    spansLines: false,
    envName: 'DATABASE_PASSWORD',
    validate: connectionPasswordReal,
    doc: {
      format: 'The password between `user:` and `@host` in `postgres://`, `postgresql://` (also `postgresql+driver://`), `mysql://`, `mariadb://`, `mongodb://`, `mongodb+srv://`, `redis://`, `rediss://`, `amqp://`, `amqps://`, `mssql://`, `clickhouse://`, `neo4j://`, `ldap://`, `smtp://`, `ftp://` and similar URLs. The finding covers the password only.',
      notes: 'Not reported: a password that is a variable (`${DB_PASSWORD}`, `$PASS`, `%s`, `{password}`), a placeholder (`<password>`, `****`, `password`, anything that says it is a password: `authpassword`), the stock password of a local container (`postgres`, `root`, `guest`, …), a password equal to the user name, and hosts under `example.com`. Build the URL from the environment (`DATABASE_URL`) or keep the password in its own variable; then change the password on the database server.',
    },
    samples: {
      positive: () => [
        `const db = new Pool({ connectionString: "postgres://app:${join('Xk29', 'vL7q!m')}@db.internal:5432/app" });`,
        { text: `MONGO_URL=mongodb+srv://svc:${synth(ALNUM, 20, 1)}@cluster0.abcde.mongodb.net/prod`, path: 'deploy.sh' },
        { text: `cache:\n  url: rediss://:${synth(ALNUM, 32, 2)}@cache.internal:6380/0\n`, path: 'config.yml' },
        `BROKER = "amqps://worker:${join('Rt8', 'qLz0w')}@mq.internal:5671/vhost"`,
        { text: `SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://report:${join('b7Q', '2xWm9')}@10.0.0.5/reports"`, path: 'settings.py' },
        { text: `url: mysql://root:${join('Hq9', '!vR2z')}@mysql.prod:3306/shop`, path: 'app.yml' },
      ],
      negative: () => [
        { text: 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app', path: 'compose.sh', reason: 'the password is a variable reference' },
        { text: 'const url = "postgres://user:password@localhost:5432/db";', reason: 'the literal word password is a placeholder' },
        { text: `const url = "${join('postgres:', '//postgres:postgres', '@localhost:5432/test')}";`, reason: "a local container's stock credentials (user equals password)" },
        { text: `const url = "${join('mongodb:', '//<user>:<password>', '@cluster0.mongodb.net')}";`, reason: 'angle-bracket placeholders' },
        { text: 'url = f"postgresql://{user}:{password}@{host}/{db}"', path: 'db.py', reason: 'a format string' },
        { text: 'url = "mysql://%s:%s@%s/%s" % (user, pw, host, db)', path: 'db.py', reason: 'printf-style placeholders' },
        { text: 'const url = "postgres://db.internal:5432/app";', reason: 'no credentials in the URL' },
        { text: 'const url = "amqp://guest:guest@localhost:5672";', reason: "RabbitMQ's stock guest account" },
        { text: `const url = "postgres://app:${join('Xk29', 'vL7q')}@db.example.com/app";`, reason: 'documentation host example.com' },
        { text: 'REDIS_URL=redis://:****@cache:6379', path: 'README.sh', reason: 'a masked password' },
        { text: 'const redis = new Redis("redis://username:authpassword@127.0.0.1:6380/4");', path: 'README.js', reason: 'a password that says it is one (authpassword)' },
      ],
    },
  }),
  providerRule({
    id: 'secret/url-password',
    title: 'Password in an HTTP, Git or WebSocket URL',
    provider: 'URL password',
    keywords: ['://'],
    pattern: new RegExp(String.raw`(?<![\w+.-])(?:https?|git|ssh|wss?)${userPassword(String.raw`[^:@/\s'"\`<>]+`)}`),
    spansLines: false,
    envName: 'URL_PASSWORD',
    validate: connectionPasswordReal,
    doc: {
      format: 'Basic-auth credentials embedded in an `https://user:password@host/…` URL (also `http`, `git`, `ssh`, `ws`, `wss`). Often a personal access token used as the password of a clone URL.',
      notes: 'When the password is itself a known token (a GitHub or GitLab token) the provider rule reports it instead. Placeholders, variables, stock passwords and `example.com` hosts are not reported. Use a credential helper or an `Authorization` header built from the environment.',
    },
    samples: {
      positive: () => [
        { text: `git remote add origin https://builder:${synth(ALNUM, 24, 11)}@git.internal.net/team/app.git`, path: 'setup.sh' },
        `const feed = "https://reader:${join('Fe3', 'dP4ss9')}@packages.internal/simple";`,
      ],
      negative: () => [
        { text: 'curl https://user:pass@example.com/api', path: 'README.sh', reason: 'documentation host and stock words' },
        { text: 'const u = `https://${user}:${token}@git.internal/x.git`;', reason: 'template variables' },
        { text: 'see https://host.internal:8443/path@v2', path: 'notes.sh', reason: 'a port, not a password' },
        { text: '# export http_proxy="http://proxyuser:proxypass@proxyhost:port"', path: 'proxy.pl', reason: 'a template: the port is the word "port"' },
        { text: "['https://x-access-token:abc123@github.com/acme/widget.git', 'acme/widget'],", path: 'remote.test.ts', reason: 'a tutorial stand-in password (abc123)' },
      ],
    },
  }),
  providerRule({
    id: 'secret/jdbc-password',
    title: 'Password in a JDBC URL',
    provider: 'JDBC password',
    keywords: ['jdbc:'],
    // Bounded: `jdbc:jdbc:…` read the rest of the line from every `jdbc:` (quadratic).
    pattern: /jdbc:[a-z0-9]+:[^\s"'<>`]{0,1000}?[;?&:]password=(?<secret>[^;&\s"'<>`]{1,200})/i,
    alsoMatch: [/jdbc:oracle:thin:(?<user>[\w$#]+)\/(?!\k<user>@)(?<secret>[^@\s"'/]{1,200})@/i],
    spansLines: false,
    envName: 'DB_PASSWORD',
    validate: connectionPasswordReal,
    doc: {
      format: 'The `password=` parameter of a JDBC URL (`jdbc:postgresql://…?user=…&password=…`, `jdbc:sqlserver://…;password=…`) or the `user/password@` part of an Oracle thin URL.',
      notes: 'Pass the password as a separate datasource property read from the environment (`spring.datasource.password=${DB_PASSWORD}`). Variables and placeholders are not reported.',
    },
    samples: {
      positive: () => [
        { text: `spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${join('Pq7', 'zX2mW')}`, path: 'application.properties' },
        `String url = "jdbc:sqlserver://sql.internal:1433;databaseName=crm;user=crm;password=${join('Mx4', '!kTq9')};encrypt=true";`,
        { text: `<property name="url" value="jdbc:oracle:thin:scott/${join('Tg5', 'rW8q')}@ora.internal:1521:ORCL"/>`, path: 'context.xml' },
      ],
      negative: () => [
        { text: 'spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}', path: 'application.properties', reason: 'a property placeholder' },
        { text: 'String url = "jdbc:mysql://localhost/test?user=root&password=root";', reason: 'stock local credentials' },
      ],
    },
  }),
  providerRule({
    id: 'secret/connection-string-password',
    title: 'Password in an ADO.NET / ODBC connection string',
    provider: 'Connection string password',
    keywords: ['password', 'pwd'],
    // Both shapes need `Password=` or `Pwd=`: the keyword itself, then `=`.
    keywordGate: equalsFollows,
    // Linear time: no `\s*` beside `[^;"'\n]*` (two runs that both take spaces split a run of
    // spaces n ways), and bounded pieces (300 characters, 20 pairs, a 200-character value):
    // `Server=Server=…` and `Password=Password=…` re-read the rest of the line from every start.
    pattern: /\b(?:Server|Data Source|Host|Address|Addr|Network Address|DSN|Driver)\s*=[^;"'\n]{0,300};(?:[^;"'\n]{0,300};){0,20}?\s*(?:Password|Pwd)\s*=\s*(?<secret>[^;"'\s](?:[^;"'\n]{0,200}[^;"'\s])?)/i,
    alsoMatch: [/(?<![\w.-])(?:Password|Pwd)\s*=\s*(?<secret>[^;"'\s](?:[^;"'\n]{0,200}[^;"'\s])?)\s*;(?:[^;"'\n]{0,300};){0,20}?\s*(?:Server|Data Source|Host|Address|DSN|Driver)\s*=/i],
    spansLines: false,
    envName: 'DB_PASSWORD',
    validate: connectionPasswordReal,
    doc: {
      format: 'The `Password=` or `Pwd=` value of a `key=value;` connection string that also names a server (`Server=`, `Data Source=`, `Host=`, `Driver=`, …): SQL Server, PostgreSQL (Npgsql), MySQL Connector/NET, ODBC.',
      notes: 'Prefer integrated or managed-identity authentication, or read the password from configuration (`Password=${DB_PASSWORD}` expanded at start-up, user secrets, Key Vault). Placeholders and variables are not reported.',
    },
    samples: {
      positive: () => [
        `var cs = "Server=tcp:sql.internal,1433;Initial Catalog=crm;User ID=crm_app;Password=${join('Vb7', '#qL2x')};Encrypt=True;";`,
        { text: `"Default": "Host=pg.internal;Database=shop;Username=shop;Pwd=${join('Zr4', 'mK9p')}"`, path: 'appsettings.json' },
        `conn = pyodbc.connect("Password=${join('Ty6', 'nW3q')};Driver={ODBC Driver 18 for SQL Server};Server=sql.internal;UID=etl")`,
      ],
      negative: () => [
        { text: 'var cs = "Server=.;Database=crm;Trusted_Connection=True;";', reason: 'integrated authentication, no password' },
        { text: 'var cs = "Server=sql;Database=crm;User ID=app;Password={0};";', reason: 'a format placeholder' },
        { text: '"Default": "Host=pg;Database=shop;Username=shop;Password=<password>"', path: 'appsettings.json', reason: 'a placeholder' },
        { text: 'var cs = $"Server={host};Password={password};";', reason: 'interpolated variable' },
      ],
    },
  }),
];
