import { ALNUM, BASE64, HEX, join, synth } from '../../src/engine/rules/samples';

// A small labelled evaluation for the secret rules' generic and contextual shapes: lines in the
// shapes real programs, shells, SQL, HTTP clients and config files take (written here, from their
// documented syntax), each labelled secret or not. Values are built at run time from parts, so no
// whole credential sits in the repository. Used by `npm run recall` (bench/recall/run.ts).

export interface LabelledCase {
  /** The shape family the case belongs to, for per-shape figures. */
  shape: string;
  text: string;
  path: string;
  /** True when a precise scanner must report a secret on this text. */
  secret: boolean;
}

const pw = (seed: number) => join(synth(ALNUM, 6, seed), '!', synth(ALNUM, 5, seed + 1));
const tok = (seed: number, length = 32) => synth(ALNUM, length, seed);
const hex = (seed: number, length = 32) => synth(HEX, length, seed);
const b64 = (seed: number, length = 40) => synth(BASE64, length, seed);
const basic = (seed: number) => Buffer.from(`deploy:${pw(seed)}`).toString('base64');
const wpSalt = (seed: number) => synth(ALNUM + '!@#$%^&*()-_[]{}~+=.:/?|', 64, seed);

const yes = (shape: string, text: string, path: string): LabelledCase => ({ shape, text, path, secret: true });
const no = (shape: string, text: string, path: string): LabelledCase => ({ shape, text, path, secret: false });

export function labelledCases(): LabelledCase[] {
  return [
    // Command lines.
    yes('command line', `curl -u admin:${pw(1)} https://ci.internal/api/json`, 'deploy.sh'),
    yes('command line', `curl --user "deploy:${pw(2)}" -X POST https://repo.internal/upload`, 'release.yml'),
    yes('command line', `mysql -h db.internal -u root -p${pw(3)} shop < dump.sql`, 'restore.sh'),
    yes('command line', `sshpass -p '${pw(4)}' ssh ops@10.0.0.5 uptime`, 'check.sh'),
    yes('command line', `$secure = ConvertTo-SecureString "${pw(5)}" -AsPlainText -Force`, 'setup.ps1'),
    yes('command line', `curl_easy_setopt(curl, CURLOPT_USERPWD, "svc:${pw(6)}");`, 'upload.c'),
    yes('command line', `psql --host=db --username=app --password=${pw(7)} app`, 'Makefile'),
    yes('command line', `RUN wget --http-password=${pw(8)} --http-user=ci https://artifacts.internal/x.tgz`, 'Dockerfile'),
    no('command line', 'curl -u "$USER:$PASS" https://ci.internal/api/json', 'deploy.sh'),
    no('command line', 'curl -u admin:${ADMIN_PASSWORD} https://ci.internal/', 'deploy.sh'),
    no('command line', 'mysql -u root -p shop < dump.sql', 'restore.sh'),
    no('command line', 'sshpass -p "$SSHPASS" ssh ops@host', 'check.sh'),
    no('command line', '$secure = Read-Host -AsSecureString', 'setup.ps1'),
    no('command line', 'curl_easy_setopt(curl, CURLOPT_USERPWD, userpwd);', 'upload.c'),
    no('command line', 'curl -u <user>:<password> https://api.example.com', 'README.md'),
    no('command line', 'grep -p password config.txt', 'notes.sh'),
    // HTTP authentication headers.
    yes('http header', `curl -H "Authorization: Bearer ${tok(10, 40)}" https://api.internal/v1/me`, 'call.sh'),
    yes('http header', `headers = {"Authorization": "Bearer ${tok(11, 36)}"}`, 'client.py'),
    yes('http header', `xhr.setRequestHeader('Authorization', 'Basic ${basic(12)}');`, 'app.js'),
    yes('http header', `Authorization: Token ${hex(13, 40)}`, 'requests.http'),
    yes('http header', `  X-API-Key: ${tok(14, 32)}`, 'gateway.yaml'),
    yes('http header', `req.Header.Set("X-Api-Key", "${tok(15, 32)}")`, 'client.go'),
    no('http header', 'curl -H "Authorization: Bearer $TOKEN" https://api.internal/v1/me', 'call.sh'),
    no('http header', "headers = {'Authorization': f'Bearer {token}'}", 'client.py'),
    no('http header', 'Authorization: Bearer <your-token>', 'README.md'),
    no('http header', "xhr.setRequestHeader('Authorization', 'Bearer ' + token);", 'app.js'),
    no('http header', 'X-API-Key: YOUR_API_KEY', 'README.md'),
    no('http header', 'the Authorization header carries a Bearer token issued by the IdP', 'design.md'),
    // SQL.
    yes('sql', `CREATE USER 'app'@'%' IDENTIFIED BY '${pw(20)}';`, 'init.sql'),
    yes('sql', `CREATE ROLE reporter WITH LOGIN PASSWORD '${pw(21)}';`, 'roles.sql'),
    yes('sql', `ALTER USER app WITH ENCRYPTED PASSWORD '${pw(22)}';`, 'migrate.sql'),
    yes('sql', `cursor.execute("CREATE USER etl IDENTIFIED BY ${pw(23).replace('!', '')}")`, 'setup.py'),
    no('sql', "CREATE USER 'app'@'%' IDENTIFIED BY %s;", 'init.sql'),
    no('sql', 'ALTER USER app WITH PASSWORD :new_password;', 'migrate.sql'),
    no('sql', `CREATE USER app IDENTIFIED BY PASSWORD '*${hex(24, 40).toUpperCase()}';`, 'init.sql'),
    no('sql', '-- users are IDENTIFIED BY their certificate', 'notes.sql'),
    // Prose and documentation notation.
    yes('prose', `Password: ${pw(30)}`, 'handover.txt'),
    yes('prose', `PW: ${pw(31)}`, 'notes.md'),
    yes('prose', `Secret Key: ${b64(32, 40)}`, 'credentials.txt'),
    yes('prose', `* API Key = ${tok(33, 32)}`, 'README.md'),
    no('prose', 'Password: the one from the vault', 'handover.txt'),
    no('prose', 'Password: ********', 'notes.md'),
    no('prose', 'Secret Key: see 1Password entry "prod"', 'README.md'),
    // Assignment forms.
    yes('assignment', `app.config["SECRET_KEY"] = "${hex(40, 32)}"`, 'app.py'),
    yes('assignment', `config['SECRET_KEY'] = '${tok(41, 40)}'`, 'settings.py'),
    yes('assignment', `ENV["STRIPE_API_KEY"] ||= "${tok(42, 32)}"`, 'boot.rb'),
    yes('assignment', `password2 = "${pw(43)}"`, 'db.py'),
    yes('assignment', `db_pwd_prod = "${pw(44)}"`, 'deploy.py'),
    yes('assignment', `SECRET_KEY: str = "${tok(45, 48)}"`, 'config.py'),
    yes('assignment', `val password: String = "${pw(46)}"`, 'Db.kt'),
    yes('assignment', `const API_TOKEN: &str = "${tok(47, 40)}";`, 'main.rs'),
    yes('assignment', `const dbPassword = process.env.DB_PASSWORD || "${pw(48)}";`, 'db.js'),
    yes('assignment', `const token = process.env.API_TOKEN ?? "${tok(49, 36)}";`, 'api.ts'),
    yes('assignment', `PASSWORD = os.getenv("DB_PASSWORD", "${pw(50)}")`, 'settings.py'),
    yes('assignment', `api_key = ENV.fetch("API_KEY", "${tok(51, 32)}")`, 'client.rb'),
    yes('assignment', `#define API_KEY "${tok(52, 32)}"`, 'config.h'),
    yes('assignment', `define('DB_PASSWORD', '${pw(53)}');`, 'wp-config.php'),
    yes('assignment', `define( 'AUTH_KEY', '${wpSalt(54)}' );`, 'wp-config.php'),
    yes('assignment', `const ApiToken = "${tok(55, 40)}"`, 'client.go'),
    yes('assignment', `STRIPE_KEY = "${tok(56, 32)}"`, 'billing.py'),
    yes('assignment', `ADMIN_PW=${pw(57)}`, 'admin.conf'),
    yes('assignment', `aws_session_token = ${b64(58, 60)}==`, 'credentials.ini'),
    yes('assignment', `<ConnectionPassword>\n  ${pw(59)}\n</ConnectionPassword>`, 'settings.xml'),
    yes('assignment', `2024-05-01T10:00:00Z INFO auth user=svc password=${pw(60)} host=db`, 'app.log'),
    yes('assignment', `logger.info("connecting user=svc password=${pw(61)} host=db")`, 'db.py'),
    no('assignment', 'app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]', 'app.py'),
    no('assignment', 'password2 = input("again: ")', 'db.py'),
    no('assignment', 'password_hash = "$2b$12$abcdefghijklmnopqrstuv"', 'seed.py'),
    no('assignment', 'secret: str = Field(..., env="SECRET")', 'config.py'),
    no('assignment', 'const dbPassword = process.env.DB_PASSWORD || "";', 'db.js'),
    no('assignment', 'const token = process.env.API_TOKEN ?? "changeme";', 'api.ts'),
    no('assignment', 'PASSWORD = os.getenv("DB_PASSWORD", "password")', 'settings.py'),
    no('assignment', "define('DB_PASSWORD', 'password_here');", 'wp-config-sample.php'),
    no('assignment', "define( 'AUTH_KEY', 'put your unique phrase here' );", 'wp-config-sample.php'),
    no('assignment', 'CACHE_KEY = "user-profile-v2"', 'cache.py'),
    no('assignment', `SORT_KEY = "${'createdAt'}"`, 'model.py'),
    no('assignment', 'PRIMARY_KEY = "id"', 'model.py'),
    no('assignment', '#define KEY_ESCAPE 27', 'keys.h'),
    no('assignment', 'password_min_length=12', 'policy.conf'),
    // Precision: the false positives issue 14 lists.
    no('known false positive', `  DB_PASSWORD: Ag${b64(70, 700)}`, 'sealed-secret.yaml'),
    no('known false positive', `spring.datasource.password={cipher}${hex(71, 64)}`, 'application.properties'),
    no('known false positive', 'url = f"postgresql://{user}:{get_pw()}@db/app"', 'db.py'),
    no('known false positive', `api_key = "${synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12, 72)}TESTKEY"`, 'test_client.py'),
    no('known false positive', `api_key = "${synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12, 73)}FAKEKEY"`, 'test_client.py'),
    no('known false positive', `publicToken: "${tok(74, 32)}"`, 'mapbox.js'),
    no('known false positive', `<meta name="csrf-token" content="${b64(75, 40)}">`, 'layout.html'),
    no('known false positive', `csrf-token: ${b64(76, 40)}`, 'session.yaml'),
  ];
}
