import { providerRule } from './define';
import { BASE64URL, HEX, join, synth } from '../../samples';

// Source hosting other than GitHub (github.ts): GitLab's family of prefixed tokens, and the
// "routable" format GitLab 17 introduced (payload, a dot, a 2-character length, a 7-character CRC).

const GITLAB_PREFIXES = ['glpat', 'gldt', 'glrt', 'glptt', 'glft', 'glsoat', 'glimt', 'glcbt', 'glffct', 'glagent', 'gloas', 'glwt'];

export const vcsRules = [
  providerRule({
    id: 'secret/gitlab-token',
    title: 'GitLab token',
    provider: 'GitLab token',
    keywords: [...GITLAB_PREFIXES.map((prefix) => `${prefix}-`), 'gr1348941'],
    pattern: new RegExp(String.raw`(?<![\w-])(?<secret>(?:${GITLAB_PREFIXES.join('|')})-[\w-]{20,300}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?|GR1348941[\w-]{20})(?![\w-]|\.\w)`),
    envName: 'GITLAB_TOKEN',
    prefix: 'glpat-',
    minEntropy: 3.5,
    // Random tokens mix character classes; "glpat-token-for-the-ci-user" does not.
    validate: (token) => {
      const body = token.startsWith('GR1348941') ? token.slice(9) : token.slice(token.indexOf('-') + 1);
      return /\d/.test(body) && /[A-Za-z]/.test(body);
    },
    doc: {
      format: 'Personal, project and group access tokens `glpat-`; deploy tokens `gldt-`; runner tokens `glrt-` (and registration tokens `GR1348941…`); pipeline trigger `glptt-`; feed `glft-`; SCIM `glsoat-`; incoming mail `glimt-`; CI job `glcbt-`; feature flags `glffct-`; agent `glagent-`; OAuth application secrets `gloas-`; workspace `glwt-`. Each is followed by 20 or more URL-safe characters, optionally in the routable form `<payload>.<2 chars><7 chars>`.',
      rotate: 'https://docs.gitlab.com/ee/security/tokens/',
      notes: 'CI jobs get a short-lived `CI_JOB_TOKEN` automatically: use it, or a masked CI/CD variable, instead of a stored token.',
    },
    samples: {
      positive: () => [
        `const gitlab = new Gitlab({ token: "${join('gl', 'pat-', synth(BASE64URL, 20, 1))}" });`,
        { text: `git clone https://oauth2:${join('gl', 'pat-', synth(BASE64URL, 27, 2), '.01.', synth('abcdefghijklmnopqrstuvwxyz0123456789', 7, 3))}@gitlab.example.com/g/p.git`, path: 'ci/clone.sh' },
        { text: `gitlab-runner register --token ${join('gl', 'rt-', 't1_', synth(BASE64URL, 27, 4))}`, path: 'setup.sh' },
        { text: `DEPLOY_TOKEN=${join('gl', 'dt-', synth(BASE64URL, 20, 5))}`, path: 'deploy.sh' },
        { text: `trigger: ${join('gl', 'ptt-', synth(HEX, 40, 6))}\n`, path: '.gitlab-ci.yml' },
      ],
      negative: () => [
        { text: `const token = "${join('gl', 'pat-', 'xxxxxxxxxxxxxxxxxxxx')}";`, reason: 'filler' },
        { text: `const token = "${join('gl', 'pat-', 'your-personal-access-token')}";`, reason: 'a placeholder' },
        { text: 'Personal access tokens start with glpat- followed by twenty characters.', reason: 'prose naming the prefix' },
      ],
    },
  }),
];
