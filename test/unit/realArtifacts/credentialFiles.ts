import { ALNUM, BASE64, HEX, LOWER_ALNUM, join, synth } from '../../../src/engine/rules/samples';
import { githubTokenWithChecksum } from '../../../src/engine/rules/secrets/checksums';
import type { Artifact } from './artifact';

// Credential files in the exact shapes the programs that write them use (`aws configure`,
// `npm login`, `docker login`, `git credential-store`, `kubectl config`, ...), with values built
// from pseudo-random parts at test time. Each artifact names the rule that must report it and the
// value whose line the finding must start on.

const word = (n: number, seed: number) => synth(LOWER_ALNUM, n, seed);
const password = (seed: number) => join(synth(ALNUM, 10, seed), '-', synth(ALNUM, 8, seed + 1), '!', synth(HEX, 4, seed + 2));
const ghp = (seed: number) => githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, seed));
const npmToken = (seed: number) => githubTokenWithChecksum(join('np', 'm_'), synth(ALNUM, 30, seed));
const akia = (seed: number) => join('AK', 'IA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));
const awsSecret = (seed: number) => synth(BASE64, 40, seed);
const pypi = (seed: number) => join('pypi-', 'AgEIcHlwaS5vcmc', synth(BASE64.replace('+', '-').replace('/', '_'), 140, seed));

export function credentialArtifacts(): Artifact[] {
  const aws = { id: akia(1), secret: awsSecret(2) };
  const npm = npmToken(3);
  const npmPassword = password(4);
  const pypiToken = pypi(5);
  const dockerAuth = btoa(`ci-robot:${password(6)}`);
  const netrcPassword = password(7);
  const netrcGit = password(27);
  const gitCredential = ghp(8);
  const pgpass = password(9);
  const kubeToken = join(word(6, 10), '.', word(16, 11));
  const kubeJwtLike = synth(ALNUM, 64, 12);
  const secretData = btoa(password(13));
  const stringData = password(14);
  const helm = password(15);
  const tfvars = password(16);
  const wpPassword = password(17);
  // What https://api.wordpress.org/secret-key/1.1/salt/ returns: 64 characters from this alphabet (space and backtick included, quotes not).
  const wpSalt = synth('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|', 64, 28);
  const djangoKey = join('django-insecure-', synth('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50, 18));
  const flaskKey = synth(HEX, 32, 19);
  const springPassword = password(20);
  const springYaml = password(21);
  const mavenPassword = password(22);
  const nugetPassword = password(23);
  const railsPassword = password(24);
  const composePassword = password(25);
  const actionsToken = ghp(26);
  return [
    { name: '~/.aws/credentials (aws configure)', path: '.aws/credentials', text: `[default]\naws_access_key_id = ${aws.id}\naws_secret_access_key = ${aws.secret}\n`, expect: [{ ruleId: 'secret/aws-access-key-id', value: aws.id }, { ruleId: 'secret/aws-secret-access-key', value: aws.secret }] },
    { name: '.npmrc (npm login)', path: '.npmrc', text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${npm}\n`, expect: [{ ruleId: 'secret/npm-token', value: npm }] },
    { name: '.npmrc with a private registry password', path: '.npmrc', text: `@acme:registry=https://npm.acme.internal/\n//npm.acme.internal/:username=ci\n//npm.acme.internal/:_password=${btoa(npmPassword)}\n//npm.acme.internal/:email=ci@acme.internal\n`, expect: [{ ruleId: 'secret/npmrc-auth', value: btoa(npmPassword) }] },
    { name: '.pypirc (twine)', path: '.pypirc', text: `[distutils]\nindex-servers =\n    pypi\n\n[pypi]\n  username = __token__\n  password = ${pypiToken}\n`, expect: [{ ruleId: 'secret/pypi-token', value: pypiToken }] },
    { name: 'docker config.json (docker login)', path: '.docker/config.json', text: `{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "${dockerAuth}"\n\t\t}\n\t}\n}`, expect: [{ ruleId: 'secret/docker-config-auth', value: dockerAuth }] },
    { name: '.netrc, one entry per line (heroku login)', path: '.netrc', text: `machine api.heroku.com\n  login ops@acme.dev\n  password ${netrcPassword}\nmachine git.heroku.com\n  login ops@acme.dev\n  password ${netrcGit}\n`, expect: [{ ruleId: 'secret/netrc-password', value: netrcPassword }, { ruleId: 'secret/netrc-password', value: netrcGit }] },
    { name: '.git-credentials (git credential-store)', path: '.git-credentials', text: `https://octo-bot:${gitCredential}@github.com\n`, expect: [{ ruleId: 'secret/github-token', value: gitCredential }] },
    { name: '.pgpass', path: '.pgpass', text: `# hostname:port:database:username:password\ndb.acme.internal:5432:orders:orders_app:${pgpass}\n`, expect: [{ ruleId: 'secret/pgpass-password', value: pgpass }] },
    {
      name: 'kubeconfig with a user token',
      path: '.kube/config',
      text: `apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: prod\ncontexts:\n- context:\n    cluster: prod\n    user: deployer\n  name: prod\ncurrent-context: prod\nkind: Config\npreferences: {}\nusers:\n- name: deployer\n  user:\n    token: ${kubeToken}\n- name: robot\n  user:\n    token: ${kubeJwtLike}\n`,
      expect: [{ ruleId: 'secret/generic-api-key', value: kubeToken }, { ruleId: 'secret/generic-api-key', value: kubeJwtLike }],
    },
    { name: 'Kubernetes Secret, data (base64)', path: 'k8s/db-secret.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\ntype: Opaque\ndata:\n  username: ${btoa('orders_app')}\n  password: ${secretData}\n`, expect: [{ ruleId: 'secret/kubernetes-secret-data', value: secretData }] },
    { name: 'Kubernetes Secret, stringData', path: 'k8s/api-secret.yml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  API_TOKEN: "${stringData}"\n`, expect: [{ ruleId: 'secret/generic-api-key', value: stringData }] },
    { name: 'Helm values.yaml', path: 'charts/app/values.yaml', text: `replicaCount: 2\npostgresql:\n  auth:\n    username: app\n    password: "${helm}"\n    database: app\n`, expect: [{ ruleId: 'secret/generic-password', value: helm }] },
    { name: 'terraform.tfvars', path: 'infra/terraform.tfvars', text: `region      = "eu-west-1"\ndb_username = "admin"\ndb_password = "${tfvars}"\n`, expect: [{ ruleId: 'secret/generic-password', value: tfvars }] },
    { name: 'wp-config.php', path: 'wp-config.php', text: `<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp_user' );\ndefine( 'DB_PASSWORD', '${wpPassword}' );\ndefine( 'DB_HOST', 'localhost' );\n`, expect: [{ ruleId: 'secret/generic-password', value: wpPassword }] },
    {
      name: 'wp-config.php salts from the WordPress generator',
      path: 'wp-config.php',
      text: `<?php\n/**#@+\n * Authentication unique keys and salts.\n */\ndefine( 'AUTH_KEY',         '${wpSalt}' );\n`,
      expect: [{ ruleId: 'secret/generic-key-name', value: wpSalt }],
    },
    { name: 'Django settings.py', path: 'mysite/settings.py', text: `from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '${djangoKey}'\n\nDEBUG = True\n`, expect: [{ ruleId: 'secret/generic-api-key', value: djangoKey }] },
    { name: 'Flask config', path: 'app/config.py', text: `class Config:\n    SECRET_KEY = "${flaskKey}"\n    SQLALCHEMY_DATABASE_URI = "sqlite:///app.db"\n`, expect: [{ ruleId: 'secret/generic-api-key', value: flaskKey }] },
    { name: 'Spring application.properties', path: 'src/main/resources/application.properties', text: `spring.datasource.url=jdbc:postgresql://db:5432/orders\nspring.datasource.username=orders\nspring.datasource.password=${springPassword}\n`, expect: [{ ruleId: 'secret/generic-password', value: springPassword }] },
    { name: 'Spring application.yml', path: 'src/main/resources/application.yml', text: `spring:\n  datasource:\n    url: jdbc:mysql://db:3306/orders\n    username: orders\n    password: ${springYaml}\n`, expect: [{ ruleId: 'secret/generic-password', value: springYaml }] },
    { name: 'Maven settings.xml', path: '.m2/settings.xml', text: `<settings>\n  <servers>\n    <server>\n      <id>nexus-releases</id>\n      <username>deployment</username>\n      <password>${mavenPassword}</password>\n    </server>\n  </servers>\n</settings>\n`, expect: [{ ruleId: 'secret/generic-password', value: mavenPassword }] },
    { name: 'NuGet.config', path: 'NuGet.config', text: `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${nugetPassword}" />\n    </acme>\n  </packageSourceCredentials>\n</configuration>\n`, expect: [{ ruleId: 'secret/generic-password', value: nugetPassword }] },
    { name: 'Rails config/database.yml', path: 'config/database.yml', text: `production:\n  adapter: postgresql\n  database: app_production\n  username: app\n  password: ${railsPassword}\n  host: db.internal\n`, expect: [{ ruleId: 'secret/generic-password', value: railsPassword }] },
    { name: 'docker-compose environment:', path: 'docker-compose.yml', text: `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${composePassword}\n`, expect: [{ ruleId: 'secret/generic-password', value: composePassword }] },
    { name: 'GitHub Actions workflow with a literal token', path: '.github/workflows/release.yml', text: `name: release\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${actionsToken}\n    steps:\n      - uses: actions/checkout@v4\n      - run: gh release create v1.0.0\n`, expect: [{ ruleId: 'secret/github-token', value: actionsToken }] },
  ];
}
