import { providerRule } from './define';
import { githubChecksumValid, githubTokenWithChecksum } from '../checksums';
import { ALNUM, join, synth } from '../../samples';

const classic = (prefix: string, seed: number) => githubTokenWithChecksum(prefix, synth(ALNUM, 30, seed));

/** The long ghs_ form: random enough to be issued (both cases, digits), not an identifier. */
const longInstallationToken = (token: string) => {
  const body = token.slice(4);
  return /[A-Z]/.test(body) && /[a-z]/.test(body) && /\d/.test(body) && new Set(body).size >= 20;
};

export const githubRules = [
  providerRule({
    id: 'secret/github-token',
    title: 'GitHub token',
    provider: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    // Installation tokens (ghs_) also come in a longer form that carries no CRC32 at a fixed place.
    pattern: /(?<![\w-])(?<secret>gh[pousr]_[A-Za-z0-9]{36}|ghs_[A-Za-z0-9_]{37,520})(?![\w-])/,
    envName: 'GITHUB_TOKEN',
    prefix: 'ghp_',
    validate: (token) => (token.length === 40 ? githubChecksumValid(token) : longInstallationToken(token)),
    doc: {
      format: '`ghp_` (personal access token, classic), `gho_` (OAuth), `ghu_` (GitHub App user-to-server), `ghs_` (GitHub App installation / Actions) or `ghr_` (refresh) followed by 36 characters; the last six are a base62 CRC32 checksum of the thirty before them, and the checksum must match. Installation tokens in the longer `ghs_` form (37 to 520 characters) are reported when they look random (both cases, digits, varied characters).',
      rotate: 'https://github.com/settings/tokens',
      notes: 'Thanks to the checksum a random string of the right shape is not reported. In Actions, use the automatic `GITHUB_TOKEN` or a repository secret.',
    },
    samples: {
      positive: () => [
        `const token = "${classic(join('gh', 'p_'), 1)}";`,
        { text: `GITHUB_TOKEN=${classic(join('gh', 's_'), 2)}`, path: 'deploy.sh' },
        { text: `token: ${classic(join('gh', 'o_'), 3)}`, path: 'ci.yml' },
        `auth = '${classic(join('gh', 'u_'), 4)}'`,
        `refresh = "${classic(join('gh', 'r_'), 5)}"`,
        { text: `GH_TOKEN=${join('gh', 's_', synth(ALNUM, 90, 6))}`, path: 'ci/app-token.sh' },
      ],
      negative: () => [
        { text: `const token = "${join('gh', 'p_')}${synth(ALNUM, 36, 9)}";`, reason: 'right shape, but the CRC32 checksum does not match: not a GitHub-issued token' },
        { text: `const token = "${join('gh', 'p_')}${'x'.repeat(36)}";`, reason: 'placeholder' },
        { text: 'const name = "ghs_installation_token_for_the_release_workflow";', reason: 'an identifier, not a long installation token' },
      ],
    },
  }),
  providerRule({
    id: 'secret/github-fine-grained-token',
    title: 'GitHub fine-grained personal access token',
    provider: 'GitHub fine-grained token',
    keywords: ['github_pat_'],
    pattern: /\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/,
    envName: 'GITHUB_TOKEN',
    prefix: 'github_pat_',
    minEntropy: 4,
    doc: {
      format: '`github_pat_` followed by 22 characters, an underscore and 59 more.',
      rotate: 'https://github.com/settings/personal-access-tokens',
      notes: 'Fine-grained tokens are scoped to chosen repositories, but a committed one still acts as you on them until revoked.',
    },
    samples: {
      positive: () => [`const pat = "${join('github', '_pat_', synth(ALNUM, 22, 21), '_', synth(ALNUM, 59, 22))}";`],
      negative: () => [
        { text: `const pat = "${join('github', '_pat_', 'X'.repeat(22), '_', 'X'.repeat(59))}";`, reason: 'placeholder of the right shape' },
        { text: 'Create a token whose name starts with github_pat_ in the settings.', reason: 'prose mentioning the prefix' },
      ],
    },
  }),
];
