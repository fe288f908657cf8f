import { CS, providerRule, tokenRule } from './define';
import { ALNUM, BASE64URL, join, synth } from '../../samples';

// AI platforms. Their keys are billed per use, so a leaked one is spent within hours.

const MARKER = join('T3Blbk', 'FJ'); // base64 of "OpenAI", embedded in every OpenAI key

export const aiRules = [
  providerRule({
    id: 'secret/openai-api-key',
    title: 'OpenAI API key',
    provider: 'OpenAI API key',
    keywords: ['t3blbkfj', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: /(?<![\w-])(?<secret>sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250})(?![\w-])/,
    envName: 'OPENAI_API_KEY',
    prefix: 'sk-proj-',
    minEntropy: 3.5,
    validate: (key) => /[A-Z]/.test(key) && /[a-z]/.test(key) && /\d/.test(key),
    doc: {
      format: 'Project keys `sk-proj-…`, service-account keys `sk-svcacct-…`, admin keys `sk-admin-…`, and legacy `sk-` keys, whose middle holds the marker `T3BlbkFJ` (base64 of "OpenAI").',
      rotate: 'https://platform.openai.com/api-keys',
      notes: 'A bare `sk-` followed by random characters is not reported unless it carries the marker: other providers use `sk-` too.',
    },
    samples: {
      positive: () => [
        `client = OpenAI(api_key="${join('sk-', 'proj-', synth(BASE64URL, 74, 1), MARKER, synth(BASE64URL, 74, 2))}")`,
        { text: `OPENAI_API_KEY=${join('sk', '-', synth(ALNUM, 20, 3), MARKER, synth(ALNUM, 20, 4))}`, path: 'scripts/ai.sh' },
        `const key = "${join('sk-', 'svcacct-', synth(BASE64URL, 64, 5))}";`,
      ],
      negative: () => [
        { text: `const key = "${join('sk-', 'proj-', 'your-openai-key-goes-here-xxxxxxxxxxxx')}";`, reason: 'a placeholder' },
        { text: `const key = "${join('sk-', synth(ALNUM, 48, 6))}";`, reason: 'a bare sk- value without the OpenAI marker could be any provider' },
        { text: `const key = "${join('sk-', 'proj-', '...')}";`, reason: 'truncated in documentation' },
      ],
    },
  }),
  providerRule({
    id: 'secret/anthropic-api-key',
    title: 'Anthropic API or admin key',
    provider: 'Anthropic API key',
    keywords: ['sk-ant-'],
    pattern: /(?<![\w-])(?<secret>sk-ant-(?:api|admin|oat)\d\d-[\w-]{80,120}AA)(?![\w-])/,
    envName: 'ANTHROPIC_API_KEY',
    prefix: 'sk-ant-',
    minEntropy: 3.5,
    doc: {
      format: '`sk-ant-api03-` (API key) or `sk-ant-admin01-` (Admin API key) followed by about 95 URL-safe base64 characters ending in `AA`.',
      rotate: 'https://console.anthropic.com/settings/keys',
      notes: 'Admin keys manage the whole organisation (members, keys, workspaces); rotate them first.',
    },
    samples: {
      positive: () => [
        `client = anthropic.Anthropic(api_key="${join('sk-', 'ant-', 'api03-', synth(BASE64URL, 93, 11), 'AA')}")`,
        { text: `ANTHROPIC_ADMIN_KEY=${join('sk-', 'ant-', 'admin01-', synth(BASE64URL, 93, 12), 'AA')}`, path: 'ops/keys.sh' },
      ],
      negative: () => [
        { text: `ANTHROPIC_API_KEY=${join('sk-', 'ant-', 'api03-', '...')}`, path: 'README.sh', reason: 'truncated in documentation' },
        { text: `ANTHROPIC_API_KEY=${join('sk-', 'ant-', 'api03-', 'x'.repeat(93), 'AA')}`, path: 'env.sh', reason: 'filler' },
      ],
    },
  }),
  providerRule({
    id: 'secret/huggingface-token',
    title: 'Hugging Face access token',
    provider: 'Hugging Face token',
    keywords: ['hf_', 'api_org_'],
    pattern: /(?<![\w-])(?<secret>(?:hf|api_org)_[A-Za-z]{34})(?![\w-])/,
    envName: 'HF_TOKEN',
    prefix: 'hf_',
    minEntropy: 4,
    // Real tokens mix cases at random; a long identifier such as hf_transformerspipelinehelpers does not.
    // Two capitals: `[^A-Z…]*` rather than `.*`, so that each start reads only to the next capital (linear).
    validate: (token) => /[A-Z][^A-Z\n\r\u2028\u2029]*[A-Z]/.test(token.slice(3)) && /[a-z]/.test(token.slice(3)),
    doc: {
      format: 'User access tokens `hf_` + 34 letters; organisation API tokens `api_org_` + 34 letters.',
      rotate: 'https://huggingface.co/settings/tokens',
      notes: 'The 34 letters must mix upper and lower case, which keeps long identifiers that start with `hf_` silent.',
    },
    samples: {
      positive: () => [`login(token="${join('h', 'f_', synth(CS.letters.chars, 34, 21))}")`],
      negative: () => [
        { text: 'from helpers import hf_downloadmodelweightsfromhubcached', path: 'app.py', reason: 'a long lower-case identifier, not a token' },
        { text: `login(token="${join('h', 'f_', 'x'.repeat(34))}")`, path: 'app.py', reason: 'filler' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/groq-api-key',
    title: 'Groq API key',
    provider: 'Groq API key',
    shape: ['gsk_', [CS.alnum, 52]],
    envName: 'GROQ_API_KEY',
    doc: { format: '`gsk_` followed by 52 letters and digits.', rotate: 'https://console.groq.com/keys' },
  }),
  tokenRule({
    id: 'secret/replicate-api-token',
    title: 'Replicate API token',
    provider: 'Replicate API token',
    shape: ['r8_', [CS.alnum, 37]],
    envName: 'REPLICATE_API_TOKEN',
    doc: { format: '`r8_` followed by 37 letters and digits.', rotate: 'https://replicate.com/account/api-tokens' },
  }),
  tokenRule({
    id: 'secret/perplexity-api-key',
    title: 'Perplexity API key',
    provider: 'Perplexity API key',
    shape: ['pplx-', [CS.alnum, 48]],
    envName: 'PERPLEXITY_API_KEY',
    doc: { format: '`pplx-` followed by 48 letters and digits.', rotate: 'https://www.perplexity.ai/settings/api' },
  }),
  tokenRule({
    id: 'secret/xai-api-key',
    title: 'xAI API key',
    provider: 'xAI API key',
    shape: ['xai-', [CS.alnum, 80]],
    envName: 'XAI_API_KEY',
    minEntropy: 4,
    doc: { format: '`xai-` followed by 80 letters and digits.', rotate: 'https://console.x.ai/' },
  }),
  tokenRule({
    id: 'secret/langsmith-api-key',
    title: 'LangSmith API key',
    provider: 'LangSmith API key',
    shape: ['lsv2_pt_', [CS.hex, 32], '_', [CS.hex, 10]],
    moreShapes: [['lsv2_sk_', [CS.hex, 32], '_', [CS.hex, 10]]],
    keywords: ['lsv2_'],
    envName: 'LANGSMITH_API_KEY',
    doc: {
      format: '`lsv2_pt_` (personal) or `lsv2_sk_` (service) followed by 32 hex characters, an underscore and 10 more.',
      rotate: 'https://smith.langchain.com/settings',
    },
  }),
];
