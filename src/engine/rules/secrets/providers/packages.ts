import { CS, providerRule, tokenRule } from './define';
import { connectionPasswordReal } from './connections';
import { isPlaceholder } from '../../../secrets/values';
import { crc32, githubChecksumValid, githubTokenWithChecksum } from '../checksums';
import { ALNUM, BASE64URL, HEX, join, synth } from '../../samples';

// Package registries: a leaked publish token lets anyone ship a release of your package.

/** Private Packagist's checksum: CRC32 of the prefix and the 60 random hex, as 8 lower-case hex. */
const packagistChecksum = (prefixAndRandom: string) => crc32(prefixAndRandom).toString(16).padStart(8, '0');

/** A Private Packagist token carries its checksum in its last 8 characters. */
function packagistChecksumValid(token: string): boolean {
  return token.length === 82 && packagistChecksum(token.slice(0, 74)) === token.slice(74);
}

/** Builds a token with a valid checksum, for samples: `kind` is ort, out, uut or cut. */
function packagistToken(kind: string, random60: string): string {
  const head = join('packag', 'ist_', kind, '_', random60);
  return head + packagistChecksum(head);
}

export const packageRules = [
  providerRule({
    id: 'secret/npm-token',
    title: 'npm access token',
    provider: 'npm access token',
    keywords: ['npm_'],
    pattern: /(?<![\w-])(?<secret>npm_[A-Za-z0-9]{36})(?![\w-])/,
    envName: 'NPM_TOKEN',
    prefix: 'npm_',
    validate: githubChecksumValid,
    doc: {
      format: '`npm_` followed by 36 letters and digits, the last six of which are a base62 CRC32 checksum of the first thirty (the same scheme as GitHub tokens). The checksum must match.',
      rotate: 'https://docs.npmjs.com/revoking-access-tokens',
      notes: 'Legacy UUID tokens in `.npmrc` are caught by secret/npmrc-auth.',
    },
    samples: {
      positive: () => [
        { text: `//registry.npmjs.org/:_authToken=${githubTokenWithChecksum(join('np', 'm_'), synth(ALNUM, 30, 1))}\n`, path: '.npmrc' },
        `const token = "${githubTokenWithChecksum(join('np', 'm_'), synth(ALNUM, 30, 2))}";`,
      ],
      negative: () => [
        { text: `const token = "${join('np', 'm_', synth(ALNUM, 36, 3))}";`, reason: 'the checksum does not match: not an npm-issued token' },
        { text: 'const script = "npm_config_registry_url_override_flag";', reason: 'an npm_config_ variable name' },
      ],
    },
  }),
  providerRule({
    id: 'secret/private-packagist-token',
    title: 'Private Packagist authentication token',
    provider: 'Private Packagist token',
    keywords: ['packagist_'],
    pattern: /(?<![\w-])(?<secret>packagist_(?:ort|out|uut|cut)_[0-9a-f]{68})(?![\w-])/,
    envName: 'PRIVATE_PACKAGIST_TOKEN',
    prefix: 'packagist_',
    validate: packagistChecksumValid,
    doc: {
      format: '`packagist_ort_` (organization, read-only), `packagist_out_` (organization, update), `packagist_uut_` (user) or `packagist_cut_` (Conductor) followed by 60 random hex characters and an 8-hex checksum: the CRC32 of the prefix and the random part. The checksum must match.',
      rotate: 'https://packagist.com/docs/composer-authentication (organization tokens on the organization\'s settings page, your user token on your profile page)',
      notes: 'Older tokens and Private Packagist for Vendors customer tokens are 60 bare hex characters with no prefix: they are found only by the generic rules, when their name says they are secrets.',
    },
    samples: {
      positive: () => [
        { text: `composer config --global --auth http-basic.repo.packagist.com deployer ${packagistToken('uut', synth(HEX, 60, 41))}\n`, path: 'scripts/setup.sh' },
        { text: `{\n  "http-basic": {\n    "repo.packagist.com": { "username": "token", "password": "${packagistToken('ort', synth(HEX, 60, 42))}" }\n  }\n}\n`, path: 'auth.json' },
        { text: `env:\n  PRIVATE_PACKAGIST_TOKEN: ${packagistToken('out', synth(HEX, 60, 43))}\n`, path: '.github/workflows/deploy.yml' },
        `const token = "${packagistToken('cut', synth(HEX, 60, 44))}";`,
      ],
      negative: () => [
        { text: `const token = "${join('packagist_uut_', synth(HEX, 68, 45))}";`, reason: 'right shape, but the CRC32 checksum does not match: not a Private Packagist token' },
        { text: `const token = "${join('packagist_uut_', '0'.repeat(60), packagistChecksum(join('packagist_uut_', '0'.repeat(60))))}";`, reason: 'a zero filler (with its checksum), as in documentation' },
        { text: `const token = "${packagistToken('xyz', synth(HEX, 60, 46))}";`, reason: 'a prefix Private Packagist does not issue' },
        { text: 'composer config --global --auth http-basic.repo.packagist.com padraig packagist_uut_...\n', path: 'README.md', reason: 'elided in documentation' },
      ],
    },
  }),
  providerRule({
    id: 'secret/npmrc-auth',
    title: 'Registry credential in .npmrc',
    provider: 'npm registry credential',
    keywords: ['_auth', '_password'],
    pattern: /^[ \t]*(?:\/\/[^\s=]*:)?_(?:authToken|auth|password)[ \t]*=[ \t]*["']?(?<secret>[^\s"'#;]{8,400})/m,
    envName: 'NPM_TOKEN',
    minEntropy: 3,
    doc: {
      format: '`_authToken=`, `_auth=` (base64 of user:password) or `_password=` lines in `.npmrc`/`.yarnrc`, scoped to a registry (`//registry.example.com/:_authToken=…`) or not.',
      rotate: 'https://docs.npmjs.com/revoking-access-tokens',
      notes: 'Write `_authToken=${NPM_TOKEN}` instead: npm expands environment variables in .npmrc, and such a line is not reported.',
    },
    samples: {
      positive: () => [
        { text: `//npm.pkg.example.com/:_authToken=${[8, 4, 4, 4, 12].map((n, i) => synth(HEX, n, 10 + i)).join('-')}\n`, path: '.npmrc' },
        { text: `_auth=${btoa(`ci-bot:${synth(ALNUM, 20, 16)}`)}\n`, path: '.npmrc' },
      ],
      negative: () => [
        { text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', path: '.npmrc', reason: 'an environment reference, the recommended form' },
        { text: 'always-auth=true\n', path: '.npmrc', reason: 'a setting, not a credential' },
        { text: '//somewhere-else.com/myorg/:_authToken=MYTOKEN1\n', path: 'npmrc.md', reason: 'a stand-in ("my token") in documentation' },
      ],
    },
  }),
  providerRule({
    id: 'secret/pypi-token',
    title: 'PyPI API token',
    provider: 'PyPI API token',
    keywords: ['pypi-age'],
    pattern: /(?<![\w-])(?<secret>pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[\w-]{50,1000})(?![\w-])/,
    envName: 'PYPI_TOKEN',
    prefix: 'pypi-',
    minEntropy: 4,
    doc: {
      format: '`pypi-` followed by a macaroon whose base64 opens with the issuer (`AgEIcHlwaS5vcmc` for pypi.org, `AgENdGVzdC5weXBpLm9yZw` for test.pypi.org).',
      rotate: 'https://pypi.org/manage/account/token/',
    },
    samples: {
      positive: () => [{ text: `[pypi]\nusername = __token__\npassword = ${join('pypi-', 'AgEIcHlwaS5vcmc', synth(BASE64URL, 160, 21))}\n`, path: '.pypirc' }],
      negative: () => [
        { text: '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc...\n', path: '.pypirc', reason: 'elided in documentation' },
        { text: `TOKEN = "${join('pypi-', 'AgEIcHlwaS5vcmc', 'x'.repeat(60))}"`, reason: 'filler' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/docker-hub-token',
    title: 'Docker Hub access token',
    provider: 'Docker Hub token',
    shape: ['dckr_pat_', [CS.b64url, 27]],
    moreShapes: [['dckr_oat_', [CS.b64url, 32]]],
    keywords: ['dckr_'],
    envName: 'DOCKERHUB_TOKEN',
    doc: {
      format: '`dckr_pat_` (personal) or `dckr_oat_` (organisation) followed by 27-32 URL-safe characters.',
      rotate: 'https://app.docker.com/settings/personal-access-tokens',
    },
  }),
  providerRule({
    id: 'secret/docker-config-auth',
    title: 'Registry credential in a Docker config',
    provider: 'Docker registry credential',
    keywords: ['"auth"'],
    pattern: /"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,400}={0,2})"/,
    envName: 'DOCKER_AUTH',
    minEntropy: 3,
    validate: (value) => {
      try {
        const decoded = atob(value);
        const colon = decoded.indexOf(':');
        if (colon <= 0 || colon >= decoded.length - 3 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
        const password = decoded.slice(colon + 1);
        return connectionPasswordReal(password) && !isPlaceholder(password);
      } catch {
        return false;
      }
    },
    doc: {
      format: 'The `"auth"` field of `~/.docker/config.json` (or `.dockercfg`, a Kubernetes `dockerconfigjson`): base64 of `user:password`. The value must decode to that shape.',
      notes: 'Use a credential helper (`credsStore`) instead of stored auths; an `"auth": ""` entry is not reported.',
    },
    samples: {
      positive: () => [{ text: `{\n  "auths": {\n    "registry.example.com": { "auth": "${btoa(`deployer:${synth(ALNUM, 24, 31)}`)}" }\n  }\n}\n`, path: '.docker/config.json' }],
      negative: () => [
        { text: '{ "auths": { "ghcr.io": { "auth": "" } } }', path: '.docker/config.json', reason: 'an empty auth' },
        { text: `{ "auth": "${synth(ALNUM, 40, 32)}" }`, path: 'settings.json', reason: 'does not decode to user:password' },
        { text: `{ "auths": { "https://index.docker.io/v1/": { "auth": "${btoa('joejoe:hello')}" } } }`, path: 'config_test.go', reason: 'the password it decodes to is a stand-in (hello)' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/rubygems-api-key',
    title: 'RubyGems API key',
    provider: 'RubyGems API key',
    shape: ['rubygems_', [CS.hex, 48]],
    envName: 'GEM_HOST_API_KEY',
    doc: { format: '`rubygems_` followed by 48 hex characters.', rotate: 'https://rubygems.org/profile/api_keys' },
  }),
  tokenRule({
    id: 'secret/nuget-api-key',
    title: 'NuGet API key',
    provider: 'NuGet API key',
    shape: ['oy2', [CS.lower, 43]],
    envName: 'NUGET_API_KEY',
    minEntropy: 3.8,
    doc: { format: '`oy2` followed by 43 lower-case letters and digits.', rotate: 'https://www.nuget.org/account/apikeys' },
  }),
  tokenRule({
    id: 'secret/crates-io-token',
    title: 'crates.io API token',
    provider: 'crates.io token',
    shape: ['cio', [CS.alnum, 32]],
    envName: 'CARGO_REGISTRY_TOKEN',
    minEntropy: 4,
    validate: (token) => /[A-Z]/.test(token) && /[a-z]/.test(token.slice(3)) && /\d/.test(token),
    doc: {
      format: '`cio` followed by 32 letters and digits, mixing cases and digits.',
      rotate: 'https://crates.io/settings/tokens',
      notes: 'Words that happen to start with "cio" are too short or too regular to match.',
    },
  }),
  tokenRule({
    id: 'secret/clojars-token',
    title: 'Clojars deploy token',
    provider: 'Clojars deploy token',
    shape: ['CLOJARS_', [CS.lower, 60]],
    envName: 'CLOJARS_PASSWORD',
    doc: { format: '`CLOJARS_` followed by 60 lower-case letters and digits.', rotate: 'https://clojars.org/tokens' },
  }),
  tokenRule({
    id: 'secret/artifactory-api-key',
    title: 'JFrog Artifactory API key',
    provider: 'Artifactory API key',
    shape: ['AKCp', [CS.alnum, 69]],
    // Reference tokens: base64 of "ref…", so they open with cmVmd; 64 characters in all.
    moreShapes: [['cmVmd', [CS.alnum, 59]]],
    keywords: ['akcp', 'cmvmd'],
    envName: 'ARTIFACTORY_API_KEY',
    minEntropy: 4,
    doc: {
      format: 'API keys `AKCp` followed by 69 letters and digits, and reference tokens `cmVmd` followed by 59 (64 characters in all).',
      rotate: 'https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key',
    },
  }),
];
