import { CS, providerRule, tokenRule, type Piece } from './define';
import { assignmentGate, namedRule } from './named';
import { HEX, join, synth } from '../../samples';

// CI/CD, code hosting extras, feature flags and cluster tooling: tokens that can change what gets
// built and deployed. Prefixed formats are token rules; the rest need the provider's name.

const UUID: Piece[] = [[CS.hex, 8], '-', [CS.hex, 4], '-', [CS.hex, 4], '-', [CS.hex, 4], '-', [CS.hex, 12]];
const BASE32: typeof CS.upper = { chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', cls: 'A-Z2-7' };

const NATS_WORDS = ['nkey', 'seed', 'nats'];
const natsAssignment = assignmentGate(NATS_WORDS);

/**
 * A NATS word that starts a name or a camelCase part (`nkey_seed`, `NATS_SEED`, `userNkey`), not
 * one inside another word: `nkey` is in every `tokenKey`, and this rule's block pattern spans lines,
 * so a keyword that passes makes it read the whole text (0.5 ms of each keystroke in a large bundle).
 */
function natsWordStart(text: string, keywordEnd: number): boolean {
  return NATS_WORDS.some((word) => {
    const start = keywordEnd - word.length;
    if (start < 0 || text.slice(start, keywordEnd).toLowerCase() !== word) return false;
    const first = text[start];
    return first !== first.toLowerCase() || !/[A-Za-z]/.test(text[start - 1] ?? '');
  });
}

export const devtoolRules = [
  namedRule({
    id: 'secret/codecov-token',
    title: 'Codecov upload or access token',
    provider: 'Codecov token',
    keywords: ['codecov'],
    name: String.raw`codecov[\w.-]{0,20}?(?:token|key|secret)`,
    values: [UUID, [[CS.hex, 32]]],
    envName: 'CODECOV_TOKEN',
    doc: { format: 'A UUID (upload tokens) or 32 hex characters (API access tokens) assigned to a Codecov-named token.', rotate: 'https://app.codecov.io/account' },
  }),
  namedRule({
    id: 'secret/drone-ci-token',
    title: 'Drone CI access token',
    provider: 'Drone CI token',
    keywords: ['drone'],
    wordStart: true,
    name: String.raw`drone(?:[_.-]?ci)?[\w.-]{0,20}?token`,
    values: [[[CS.alnum, 32]]],
    envName: 'DRONE_TOKEN',
    doc: { format: '32 letters and digits assigned to a Drone-named token (`DRONE_TOKEN`).', rotate: 'https://docs.drone.io/cli/setup/' },
  }),
  namedRule({
    id: 'secret/travis-ci-token',
    title: 'Travis CI API token',
    provider: 'Travis CI token',
    keywords: ['travis'],
    name: String.raw`travis[\w.-]{0,20}?(?:token|key|secret)`,
    values: [[[CS.alnum, 22]]],
    envName: 'TRAVIS_API_TOKEN',
    doc: { format: '22 letters and digits assigned to a Travis-named token.', rotate: 'https://app.travis-ci.com/account/preferences' },
  }),
  tokenRule({
    id: 'secret/harness-token',
    title: 'Harness personal or service account token',
    provider: 'Harness token',
    shape: ['pat.', [CS.b64url, 22], '.', [CS.alnum, 24], '.', [CS.alnum, 20]],
    moreShapes: [['sat.', [CS.b64url, 22], '.', [CS.alnum, 24], '.', [CS.alnum, 20]]],
    keywords: ['pat.', 'sat.'],
    envName: 'HARNESS_API_KEY',
    minEntropy: 4,
    doc: { format: '`pat.` (personal) or `sat.` (service account), the 22-character account id, a dot, 24 characters, a dot and 20 more.', rotate: 'https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/' },
  }),
  tokenRule({
    id: 'secret/infracost-api-key',
    title: 'Infracost API key',
    provider: 'Infracost API key',
    shape: ['ico-', [CS.alnum, 32]],
    envName: 'INFRACOST_API_KEY',
    doc: { format: '`ico-` followed by 32 letters and digits.', rotate: 'https://dashboard.infracost.io/' },
  }),
  namedRule({
    id: 'secret/launchdarkly-key',
    title: 'LaunchDarkly API access token or SDK key',
    provider: 'LaunchDarkly key',
    keywords: ['launchdarkly', 'launch_darkly', 'ld_sdk', 'ld_api'],
    name: String.raw`(?:launch[_-]?darkly|\bld)[\w.-]{0,20}?(?:key|token|secret)`,
    values: [['api-', ...UUID], ['sdk-', ...UUID], [[CS.b64url, 40]]],
    envName: 'LAUNCHDARKLY_SDK_KEY',
    doc: {
      format: 'API access tokens `api-<UUID>`, server-side SDK keys `sdk-<UUID>`, and 40-character tokens, assigned to a LaunchDarkly-named key or token.',
      rotate: 'https://app.launchdarkly.com/settings/authorization',
      notes: 'Mobile keys (`mob-`) and client-side ids ship in apps and are not reported.',
    },
  }),
  tokenRule({
    id: 'secret/bitbucket-token',
    title: 'Bitbucket app password or HTTP access token',
    provider: 'Bitbucket token',
    shape: ['ATBB', [CS.alnum, 32]],
    moreShapes: [['BBDC-', [CS.b64, 44]]],
    keywords: ['atbb', 'bbdc-'],
    envName: 'BITBUCKET_TOKEN',
    minEntropy: 3.5,
    doc: {
      format: 'Bitbucket Cloud app passwords `ATBB` + 32 letters and digits, and Bitbucket Data Center HTTP access tokens `BBDC-` + 44 base64 characters.',
      rotate: 'https://bitbucket.org/account/settings/app-passwords/',
      notes: 'Bitbucket Cloud API and repository access tokens (`ATATT3…`, `ATCTT3…`) are Atlassian tokens: `secret/atlassian-api-token`.',
    },
  }),
  namedRule({
    id: 'secret/bitbucket-client-secret',
    title: 'Bitbucket OAuth consumer secret',
    provider: 'Bitbucket client secret',
    keywords: ['bitbucket'],
    name: String.raw`bitbucket[\w.-]{0,20}?secret`,
    values: [[[CS.alnum, 32]], [[CS.b64url, 64]]],
    envName: 'BITBUCKET_CLIENT_SECRET',
    doc: { format: 'OAuth consumer secrets (32 or 64 characters) assigned to a Bitbucket-named secret.', rotate: 'https://bitbucket.org/account/settings/', notes: 'The consumer key (client id) is not reported.' },
  }),
  providerRule({
    id: 'secret/sidekiq-credential',
    title: 'Sidekiq Pro/Enterprise gem credential',
    provider: 'Sidekiq credential',
    keywords: ['contribsys'],
    pattern: /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?\s*[:=]\s*["']?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})(?![\w-])/i,
    alsoMatch: [/https?:\/\/(?<secret>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?![\w-])/i],
    envName: 'BUNDLE_GEMS__CONTRIBSYS__COM',
    minEntropy: 2.5,
    doc: {
      format: 'The `<8 hex>:<8 hex>` credential of the Sidekiq Pro/Enterprise gem server, in `BUNDLE_GEMS__CONTRIBSYS__COM` / `BUNDLE_ENTERPRISE__CONTRIBSYS__COM` or in a `https://…@gems.contribsys.com` source URL.',
      rotate: 'https://github.com/sidekiq/sidekiq/wiki/Pro-Installation',
    },
    samples: {
      positive: () => [
        { text: `export BUNDLE_GEMS__CONTRIBSYS__COM=${synth(HEX, 8, 1)}:${synth(HEX, 8, 2)}`, path: 'ci/setup.sh' },
        { text: `source "https://${synth(HEX, 8, 3)}:${synth(HEX, 8, 4)}@gems.contribsys.com/"`, path: 'Gemfile' },
      ],
      negative: () => [{ text: 'export BUNDLE_GEMS__CONTRIBSYS__COM=${SIDEKIQ_CREDENTIALS}', path: 'ci/setup.sh', reason: 'an environment reference' }],
    },
  }),
  tokenRule({
    id: 'secret/scalingo-api-token',
    title: 'Scalingo API token',
    provider: 'Scalingo API token',
    shape: ['tk-us-', [CS.b64url, 48]],
    envName: 'SCALINGO_API_TOKEN',
    minEntropy: 3.5,
    doc: { format: '`tk-us-` followed by 48 URL-safe characters.', rotate: 'https://dashboard.scalingo.com/account/tokens' },
  }),
  tokenRule({
    id: 'secret/settlemint-token',
    title: 'SettleMint access token',
    provider: 'SettleMint token',
    shape: ['sm_pat_', [CS.alnum, 16]],
    moreShapes: [['sm_aat_', [CS.alnum, 16]], ['sm_sat_', [CS.alnum, 16]]],
    keywords: ['sm_pat_', 'sm_aat_', 'sm_sat_'],
    envName: 'SETTLEMINT_ACCESS_TOKEN',
    doc: { format: 'Personal `sm_pat_`, application `sm_aat_` and service `sm_sat_` access tokens followed by 16 letters and digits.', rotate: 'https://console.settlemint.com/' },
  }),
  tokenRule({
    id: 'secret/openshift-user-token',
    title: 'OpenShift user token',
    provider: 'OpenShift token',
    shape: ['sha256~', [CS.b64url, 43]],
    envName: 'OPENSHIFT_TOKEN',
    minEntropy: 3.5,
    doc: { format: '`sha256~` followed by 43 URL-safe characters (what `oc whoami -t` prints).', rotate: 'https://docs.openshift.com/container-platform/latest/authentication/managing-oauth-access-tokens.html' },
  }),
  tokenRule({
    id: 'secret/docker-swarm-token',
    title: 'Docker Swarm join token or unlock key',
    provider: 'Docker Swarm secret',
    shape: ['SWMTKN-1-', [CS.lower, 50], '-', [CS.lower, 25]],
    moreShapes: [['SWMKEY-1-', [CS.b64, 43]]],
    keywords: ['swmtkn-1-', 'swmkey-1-'],
    envName: 'SWARM_JOIN_TOKEN',
    minEntropy: 3.5,
    doc: {
      format: 'Join tokens `SWMTKN-1-<50 characters>-<25 characters>` (whoever holds one can join the swarm as a worker or manager) and autolock unlock keys `SWMKEY-1-<43 characters>`.',
      rotate: 'https://docs.docker.com/reference/cli/docker/swarm/join-token/',
      notes: 'Rotate a join token with `docker swarm join-token --rotate worker` (or `manager`), an unlock key with `docker swarm unlock-key --rotate`.',
    },
  }),
  providerRule({
    id: 'secret/nats-nkey-seed',
    title: 'NATS nkey seed',
    provider: 'NATS nkey seed',
    keywords: ['nkey', 'seed', 'nats'],
    pattern: /(?:nkey|seed)[\w.-]{0,20}["']?\s*[:=]\s*["']?(?<secret>S[UAONCX][A-Z2-7]{56})(?![\w-])/i,
    alsoMatch: [/NKEY SEED-{5,6}(?:\r\n?|\n)(?<secret>S[UAONCX][A-Z2-7]{56})(?![\w-])/],
    // An assignment after the name, or the `.creds` file's block header.
    keywordGate: (text, end) => natsWordStart(text, end) && (natsAssignment(text, end) || text.startsWith(' SEED-', end)),
    envName: 'NATS_NKEY_SEED',
    prefix: 'S',
    minEntropy: 3.5,
    validate: (seed) => /^S[UAONCX][A-Z2-7]+$/.test(seed),
    doc: {
      format: 'The private seed of an nkey: `S` plus the key type (`U` user, `A` account, `O` operator, `N` server, `C` cluster, `X` curve) and 56 base32 characters, in a `.creds` file block or assigned to a seed/nkey setting.',
      rotate: 'https://docs.nats.io/using-nats/nats-tools/nsc',
      notes: 'Public nkeys (`U…`, `A…`, `O…`) are identities and are not reported.',
    },
    samples: {
      positive: () => [
        { text: `-----BEGIN USER NKEY SEED-----\n${join('SU', synth(BASE32.chars, 56, 1))}\n------END USER NKEY SEED------\n`, path: 'nats/app.creds' },
        { text: `authorization { nkey_seed: "${join('SA', synth(BASE32.chars, 56, 2))}" }`, path: 'nats.conf' },
        { text: `const userNkey = "${join('SU', synth(BASE32.chars, 56, 4))}";`, path: 'src/nats.ts' },
      ],
      negative: () => [
        { text: `nkey: "${join('UA', synth(BASE32.chars, 54, 3))}"`, path: 'nats.conf', reason: 'a public user nkey' },
        { text: 'random_seed = 42', path: 'train.py', reason: 'a random number seed' },
      ],
    },
  }),
  providerRule({
    id: 'secret/gitlab-session-cookie',
    title: 'GitLab session cookie',
    provider: 'GitLab session cookie',
    keywords: ['_gitlab_session'],
    pattern: /_gitlab_session=(?<secret>[0-9a-z]{32})(?![\w-])/,
    envName: 'GITLAB_SESSION',
    minEntropy: 3,
    doc: { format: '`_gitlab_session=` followed by 32 lower-case letters and digits: a signed-in browser session.', rotate: 'https://docs.gitlab.com/user/profile/active_sessions/' },
    samples: {
      positive: () => [{ text: `curl -H "Cookie: _gitlab_session=${synth(HEX + 'ghijklmnop', 32, 1)}" https://gitlab.example.com/api/v4/user`, path: 'debug.sh' }],
      negative: () => [{ text: 'Cookie: _gitlab_session=<session>', path: 'docs.sh', reason: 'a placeholder' }],
    },
  }),
  namedRule({
    id: 'secret/jfrog-identity-token',
    title: 'JFrog identity or access token',
    provider: 'JFrog token',
    keywords: ['jfrog', 'artifactory'],
    name: String.raw`(?:jfrog|artifactory)[\w.-]{0,20}?(?:token|key|secret|password)`,
    values: [[[CS.alnum, 64]], [[CS.alnum, 73]]],
    envName: 'JFROG_ACCESS_TOKEN',
    minEntropy: 4,
    doc: { format: 'Identity tokens (64 letters and digits) and API keys (73) assigned to a JFrog- or Artifactory-named token, key or password.', rotate: 'https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens' },
  }),
  namedRule({
    id: 'secret/sonarqube-legacy-token',
    title: 'SonarQube legacy token',
    provider: 'SonarQube token',
    keywords: ['sonar'],
    name: String.raw`sonar[_.-]?(?:login|token|auth[_.-]?token)`,
    values: [[[CS.hex, 40]]],
    envName: 'SONAR_TOKEN',
    doc: { format: '40 hex characters assigned to `sonar.login`, `SONAR_TOKEN` or `sonar.token` (tokens made before the `squ_` prefix).', rotate: 'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/' },
  }),
  namedRule({
    id: 'secret/sentry-legacy-token',
    title: 'Sentry legacy auth token',
    provider: 'Sentry auth token',
    keywords: ['sentry'],
    name: String.raw`sentry[\w.-]{0,20}?(?:token|key|secret)`,
    values: [[[CS.hex, 64]]],
    envName: 'SENTRY_AUTH_TOKEN',
    doc: {
      format: '64 hex characters assigned to a Sentry-named token (auth tokens made before the `sntrys_`/`sntryu_` prefixes).',
      rotate: 'https://sentry.io/settings/account/api/auth-tokens/',
      notes: 'A DSN is public by design and is not reported.',
    },
  }),
  namedRule({
    id: 'secret/beamer-api-key',
    title: 'Beamer API key',
    provider: 'Beamer API key',
    keywords: ['beamer'],
    name: String.raw`beamer[\w.-]{0,20}?(?:key|token|secret)`,
    values: [['b_', [CS.b64url, 44]]],
    envName: 'BEAMER_API_KEY',
    doc: { format: '`b_` followed by 44 URL-safe characters, assigned to a Beamer-named key.', rotate: 'https://app.getbeamer.com/settings' },
  }),
  namedRule({
    id: 'secret/defined-networking-api-token',
    title: 'Defined Networking API token',
    provider: 'Defined Networking token',
    keywords: ['dnkey'],
    name: 'dnkey',
    values: [['dnkey-', [CS.b64url, 26], '-', [CS.b64url, 52]]],
    envName: 'DNKEY',
    minEntropy: 3.5,
    doc: { format: '`dnkey-` + 26 characters + `-` + 52 characters (Managed Nebula API keys).', rotate: 'https://admin.defined.net/settings/api-keys' },
  }),
  tokenRule({
    id: 'secret/authress-access-key',
    title: 'Authress service client access key',
    provider: 'Authress access key',
    shape: ['sc_', [CS.lower, 5, 30], '.', [CS.lower, 4, 6], '.acc_', [CS.lower, 10, 32], '.', [CS.b64, 30, 120]],
    moreShapes: ['authress_', 'scauth_', 'ext_'].map((prefix): Piece[] => [prefix, [CS.lower, 5, 30], '.', [CS.lower, 4, 6], '.acc_', [CS.lower, 10, 32], '.', [CS.b64, 30, 120]]),
    keywords: ['.acc_'],
    envName: 'AUTHRESS_ACCESS_KEY',
    minEntropy: 3.5,
    doc: { format: '`sc_` (or `ext_`, `scauth_`, `authress_`), the client id, a dot, the key id, `.acc_`, the account id, a dot and the base64 private key.', rotate: 'https://authress.io/app/#/settings?focus=clients' },
  }),
];
