import { CS, providerRule, tokenRule } from './define';
import { mixesLettersAndDigits, namedRule } from './named';
import { ALNUM, BASE64, join, synth } from '../../samples';

// AI platforms beyond ai.ts, and product analytics (PostHog): keys billed per use or that read
// user data. Prefixed formats are token rules; unprefixed ones need the provider's name.

const mixedCase = (value: string) => /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
/** base64 of "BedrockAPIKey-", which opens every long-term Bedrock API key after `ABSK`. */
const BEDROCK_LONG = join('ABSK', 'QmVkcm9ja0FQSUtleS');
/** base64 of "bedrock.amazonaws.com", which opens every short-term key after its prefix. */
const BEDROCK_SHORT = join('bedrock-api-key-', 'YmVkcm9jay5hbWF6b25hd3MuY29t');

export const aiPlatformRules = [
  namedRule({
    id: 'secret/cohere-api-key',
    title: 'Cohere API key',
    provider: 'Cohere API key',
    keywords: ['cohere', 'co_api_key'],
    name: String.raw`(?:cohere[\w.-]{0,20}?(?:key|token|secret)|\bco_api_key)`,
    values: [[[CS.alnum, 40]]],
    envName: 'COHERE_API_KEY',
    minEntropy: 4,
    validate: mixedCase,
    doc: { format: '40 letters and digits assigned to a Cohere-named key or to `CO_API_KEY`.', rotate: 'https://dashboard.cohere.com/api-keys' },
  }),
  tokenRule({
    id: 'secret/llamacloud-api-key',
    title: 'LlamaCloud (LlamaIndex) API key',
    provider: 'LlamaCloud API key',
    shape: ['llx-', [CS.alnum, 48]],
    envName: 'LLAMA_CLOUD_API_KEY',
    minEntropy: 4,
    doc: { format: '`llx-` followed by 48 letters and digits.', rotate: 'https://cloud.llamaindex.ai/api-key' },
  }),
  providerRule({
    id: 'secret/together-api-key',
    title: 'Together AI API key',
    provider: 'Together AI API key',
    keywords: ['tgp_v1_', 'together'],
    pattern: /(?<![\w-])(?<secret>tgp_v1_[\w-]{43})(?![\w-])/,
    alsoMatch: [/together[\w.-]{0,20}?(?:key|token)["'\]]?\s*(?::=|=>|=|:)\s*["'`]?(?<secret>[a-f0-9]{64})(?![\w-])/i],
    envName: 'TOGETHER_API_KEY',
    prefix: 'tgp_v1_',
    minEntropy: 3.5,
    validate: mixesLettersAndDigits,
    doc: { format: 'Current keys `tgp_v1_` + 43 URL-safe characters; older keys are 64 hex characters, reported when assigned to a Together-named key (`TOGETHER_API_KEY`).', rotate: 'https://api.together.ai/settings/api-keys' },
    samples: {
      positive: () => [
        `client = Together(api_key="${join('tgp', '_v1_', synth(CS.b64url.chars, 43, 1))}")`,
        { text: `TOGETHER_API_KEY=${synth(CS.hex.chars, 64, 2)}`, path: 'run.sh' },
      ],
      negative: () => [
        { text: `const digest = "${synth(CS.hex.chars, 64, 3)}";`, reason: 'a hex digest without a Together name' },
        { text: 'TOGETHER_API_KEY=tgp_v1_...', path: 'README.sh', reason: 'elided in documentation' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/tavily-api-key',
    title: 'Tavily API key',
    provider: 'Tavily API key',
    shape: ['tvly-', [CS.alnum, 32]],
    moreShapes: [['tvly-dev-', [CS.alnum, 32]], ['tvly-prod-', [CS.alnum, 32]]],
    keywords: ['tvly-'],
    envName: 'TAVILY_API_KEY',
    minEntropy: 3.5,
    doc: { format: '`tvly-` (or `tvly-dev-`, `tvly-prod-`) followed by 32 letters and digits.', rotate: 'https://app.tavily.com/home' },
  }),
  namedRule({
    id: 'secret/deepseek-api-key',
    title: 'DeepSeek API key',
    provider: 'DeepSeek API key',
    keywords: ['deepseek'],
    name: String.raw`deepseek[\w.-]{0,20}?(?:key|token|secret)`,
    values: [['sk-', [CS.hex, 32]]],
    envName: 'DEEPSEEK_API_KEY',
    doc: { format: '`sk-` followed by 32 hex characters, assigned to a DeepSeek-named key (the prefix alone is shared with other providers).', rotate: 'https://platform.deepseek.com/api_keys' },
  }),
  providerRule({
    id: 'secret/aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    provider: 'Amazon Bedrock API key',
    keywords: ['absk', 'bedrock-api-key-'],
    pattern: new RegExp(String.raw`(?<![\w+/-])(?<secret>${BEDROCK_LONG}[A-Za-z0-9+/]{40,300}={0,2}|${BEDROCK_SHORT}[A-Za-z0-9+/]{100,4000}={0,2})(?![\w+/=-])`),
    envName: 'AWS_BEARER_TOKEN_BEDROCK',
    prefix: 'ABSK',
    minEntropy: 4,
    doc: {
      format: 'Long-term keys `ABSK` + base64 of `BedrockAPIKey-…` (an IAM service-specific credential) and short-term keys `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com` URL.',
      rotate: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
    },
    samples: {
      positive: () => [
        { text: `AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_LONG}${synth(BASE64, 110, 1)}=`, path: 'scripts/ai.sh' },
        `const key = "${BEDROCK_SHORT}${synth(BASE64, 600, 2)}";`,
      ],
      negative: () => [{ text: `AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_LONG}...`, path: 'README.sh', reason: 'elided in documentation' }],
    },
  }),
  namedRule({
    id: 'secret/privateai-api-key',
    title: 'Private AI API key',
    provider: 'Private AI API key',
    keywords: ['privateai', 'private_ai', 'private-ai'],
    name: String.raw`private[_-]?ai[\w.-]{0,20}?(?:key|token|secret)`,
    values: [[[CS.lower, 32]]],
    envName: 'PRIVATEAI_API_KEY',
    doc: { format: '32 lower-case letters and digits assigned to a Private AI-named key.', rotate: 'https://portal.private-ai.com/' },
  }),
  tokenRule({
    id: 'secret/posthog-personal-api-key',
    title: 'PostHog personal or project secret API key',
    provider: 'PostHog API key',
    shape: ['phx_', [CS.alnum, 43, 60]],
    moreShapes: [['phs_', [CS.alnum, 43, 60]]],
    keywords: ['phx_', 'phs_'],
    envName: 'POSTHOG_PERSONAL_API_KEY',
    minEntropy: 4,
    validate: mixedCase,
    doc: {
      format: 'Personal API keys `phx_` and project secret API keys `phs_` followed by 43 or more letters and digits: they read every event and person of the project.',
      rotate: 'https://us.posthog.com/settings/user-api-keys',
    },
  }),
  tokenRule({
    id: 'secret/posthog-project-api-key',
    title: 'PostHog project API key',
    provider: 'PostHog project API key',
    shape: ['phc_', [CS.alnum, 43, 60]],
    envName: 'POSTHOG_PROJECT_API_KEY',
    minEntropy: 4,
    validate: mixedCase,
    doc: {
      format: '`phc_` followed by 43 or more letters and digits: the key that sends events to a project.',
      rotate: 'https://us.posthog.com/settings/project#variables',
      notes: 'PostHog designs this key to ship in web pages (it can write events, not read them); in a public site this finding can be suppressed. In server code or a private repository, keep it in configuration so that it can be rotated when it is abused.',
    },
  }),
  providerRule({
    id: 'secret/google-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google OAuth client secret',
    keywords: ['gocspx-'],
    pattern: /(?<![\w-])(?<secret>GOCSPX-[\w-]{28})(?![\w-])/,
    envName: 'GOOGLE_CLIENT_SECRET',
    prefix: 'GOCSPX-',
    minEntropy: 3.5,
    doc: {
      format: '`GOCSPX-` followed by 28 URL-safe characters (also the `client_secret` of a downloaded `client_secret_….json`).',
      rotate: 'https://console.cloud.google.com/apis/credentials',
    },
    samples: {
      positive: () => [
        `const oauth = new OAuth2Client(clientId, "${join('GOC', 'SPX-', synth(CS.b64url.chars, 28, 1))}", redirect);`,
        { text: `{"web":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${join('GOC', 'SPX-', synth(CS.b64url.chars, 28, 2))}"}}`, path: 'client_secret.json' },
      ],
      negative: () => [{ text: `GOOGLE_CLIENT_SECRET=${join('GOC', 'SPX-', 'x'.repeat(28))}`, path: 'env.sh', reason: 'filler' }],
    },
  }),
  providerRule({
    id: 'secret/google-oauth-token',
    title: 'Google OAuth access or refresh token',
    provider: 'Google OAuth token',
    keywords: ['ya29.', '1//0'],
    pattern: /(?<![\w/.-])(?<secret>ya29\.[\w-]{30,2048}|1\/\/0[\w-]{40,400})(?![\w-])/,
    envName: 'GOOGLE_REFRESH_TOKEN',
    prefix: 'ya29.',
    minEntropy: 4,
    validate: (value) => /[A-Z]/.test(value) && /[a-z]/.test(value.slice(5)) && /\d/.test(value.slice(5)),
    doc: {
      format: 'Access tokens `ya29.` + 30 or more characters (valid for an hour) and refresh tokens `1//0` + 40 or more characters (valid until revoked: they mint new access tokens).',
      rotate: 'https://myaccount.google.com/permissions',
    },
    samples: {
      positive: () => [
        { text: `"refresh_token": "${join('1/', '/0', synth(ALNUM, 2, 1), synth(CS.b64url.chars, 100, 2))}"`, path: 'token.json' },
        `headers = {"Authorization": "Bearer ${join('ya', '29.', synth(CS.b64url.chars, 160, 3))}"}`,
      ],
      negative: () => [
        { text: 'x = 1//0 comment', path: 'calc.js', reason: 'a division and a comment' },
        { text: 'token = "ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', path: 'docs.py', reason: 'filler' },
      ],
    },
  }),
];
