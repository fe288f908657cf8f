import { CS, namedValue, providerRule, tokenRule } from './define';
import { ALNUM, BASE64URL, HEX, UPPER_ALNUM, join, synth } from '../../samples';
import { lineHoldsDottedToken } from '../keywordGates';

// Chat, e-mail and SMS providers: bot tokens, webhooks (a webhook URL is itself the credential)
// and API keys.

const digits = (n: number, seed: number) => synth('123456789', 1, seed) + synth('0123456789', n - 1, seed + 1);
const slackBot = (seed: number) => join('xo', 'xb-', digits(11, seed), '-', digits(13, seed + 1), '-', synth(ALNUM, 24, seed + 2));
const slackUser = (seed: number) => join('xo', 'xp-', digits(11, seed), '-', digits(12, seed + 1), '-', digits(13, seed + 2), '-', synth(HEX, 32, seed + 3));
const slackHook = (seed: number) => join('https://hooks.', 'slack.com/services/T', synth(UPPER_ALNUM, 10, seed), '/B', synth(UPPER_ALNUM, 10, seed + 1), '/', synth(ALNUM, 24, seed + 2));
const discordHook = (seed: number) => join('https://discord.com/api/', 'webhooks/', digits(18, seed), '/', synth(BASE64URL, 68, seed + 1));

/** Discord bot tokens open with the bot's numeric user id in base64; check that it decodes to digits. */
export function discordIdPartValid(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'));
  try {
    return /^\d{17,20}$/.test(atob(first.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (first.length % 4)) % 4)));
  } catch {
    return false;
  }
}
// `={1,2}$`: base64 pads with at most two `=`, and `=+$` re-reads a run of `=` from each (quadratic).
const discordBot = (seed: number) => join(btoa(digits(18, seed)).replace(/={1,2}$/, ''), '.', synth(BASE64URL, 6, seed + 1), '.', synth(BASE64URL, 38, seed + 2));
const telegram = (seed: number) => join(digits(10, seed), ':', 'AA', synth(BASE64URL, 33, seed + 1));

export const messagingRules = [
  providerRule({
    id: 'secret/slack-token',
    title: 'Slack token',
    provider: 'Slack token',
    keywords: ['xox', 'xapp-'],
    pattern: /(?<![\w-])(?<secret>xox[bp]-\d{8,14}-\d{8,14}(?:-\d{8,14})?-[A-Za-z0-9]{24,34}|xox[aers]-\d-[A-Za-z0-9-]{40,250}|xoxe\.xox[bp]-1-[A-Za-z0-9-]{100,250}|xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{64})(?![\w-])/,
    envName: 'SLACK_TOKEN',
    prefix: 'xox',
    minEntropy: 3,
    doc: {
      format: 'Bot tokens `xoxb-<team id>-<bot id>-<24 characters>`, user tokens `xoxp-` with three numeric parts and 32 hex characters, and the rarer `xoxa-`, `xoxr-` (refresh), `xoxe.` (rotating) and `xapp-` (app-level) tokens.',
      rotate: 'https://api.slack.com/authentication/rotation',
      notes: 'The structure (numeric workspace and user ids between dashes) is required, so prose that mentions `xoxb-` is silent.',
    },
    samples: {
      positive: () => [
        `const slack = new WebClient("${slackBot(1)}");`,
        { text: `SLACK_USER_TOKEN=${slackUser(2)}`, path: 'deploy/slack.sh' },
        { text: `slack:\n  app_token: ${join('xa', 'pp-1-A', synth(UPPER_ALNUM, 10, 3), '-', digits(13, 4), '-', synth(HEX, 64, 5))}\n`, path: 'values.yaml' },
      ],
      negative: () => [
        { text: `const slack = "${join('xo', 'xb-')}your-bot-token";`, reason: 'a documentation placeholder' },
        { text: `const slack = "${join('xo', 'xb-', '000000000000-000000000000-', 'x'.repeat(24))}";`, reason: 'zeros and filler: a redacted token' },
        { text: 'Bot tokens start with xoxb- and user tokens with xoxp-.', reason: 'prose naming the prefixes' },
      ],
    },
  }),
  providerRule({
    id: 'secret/slack-webhook-url',
    title: 'Slack incoming webhook URL',
    provider: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    // Incoming webhooks (/services/T…/B…/secret) and Workflow Builder webhooks (/workflows/ and
    // /triggers/: team, an optional app id, a numeric id, then the secret).
    pattern: /(?<secret>https:\/\/hooks\.slack\.com\/(?:(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{20,32}|(?:workflows|triggers)\/T[A-Z0-9]{8,12}\/(?:A[A-Z0-9]{8,12}\/)?\d{8,20}\/[A-Za-z0-9]{20,40}))(?![\w-])/,
    envName: 'SLACK_WEBHOOK_URL',
    prefix: 'https://hooks.slack.com/',
    minEntropy: 3,
    doc: {
      format: 'An `https://hooks.slack.com/services/T…/B…/…` URL, or a Workflow Builder `…/workflows/T…/A…/<id>/…` or `…/triggers/T…/<id>/…` URL. Whoever has the URL can post into the channel as your app: the URL is the credential.',
      rotate: 'https://api.slack.com/messaging/webhooks',
      notes: 'A URL whose last part is a placeholder (`XXXXXXXX`) or missing is not reported.',
    },
    samples: {
      positive: () => [
        `requests.post("${slackHook(11)}", json=payload)`,
        { text: `notify:\n  webhook: ${slackHook(12)}\n`, path: '.github/workflows/notify.yml' },
        `fetch("${join('https://hooks.', 'slack.com/workflows/T', synth(UPPER_ALNUM, 10, 13), '/A', synth(UPPER_ALNUM, 10, 14), '/', digits(18, 15), '/', synth(ALNUM, 32, 16))}", { method: "POST" });`,
        `fetch("${join('https://hooks.', 'slack.com/triggers/T', synth(UPPER_ALNUM, 10, 17), '/', digits(13, 18), '/', synth(HEX, 32, 19))}");`,
      ],
      negative: () => [
        { text: `url = "${join('https://hooks.', 'slack.com/services/T00000000/B00000000/', 'X'.repeat(24))}"`, reason: "Slack's own documentation placeholder" },
        { text: 'See https://hooks.slack.com/services/ for the webhook format.', reason: 'the base URL without the secret path' },
      ],
    },
  }),
  providerRule({
    id: 'secret/discord-bot-token',
    title: 'Discord bot token',
    provider: 'Discord bot token',
    keywords: ['discord', 'token', 'login', 'bot'],
    keywordGate: lineHoldsDottedToken,
    pattern: /(?<![\w-])(?<secret>[MNO][A-Za-z0-9]{23,27}\.[\w-]{6}\.[\w-]{27,40})(?![\w-])/,
    envName: 'DISCORD_TOKEN',
    minEntropy: 3.5,
    validate: discordIdPartValid,
    doc: {
      format: "Three dot-separated base64 parts: the bot's numeric user id (base64), a timestamp, and an HMAC. The first part must decode to a 17-20 digit id.",
      rotate: 'https://discord.com/developers/applications',
      notes: 'Only checked on lines that mention discord, token, login or bot. A value whose first part does not decode to a numeric id is not a bot token.',
    },
    samples: {
      positive: () => [
        `client.login("${discordBot(21)}");`,
        { text: `DISCORD_TOKEN=${discordBot(22)}`, path: 'bot/config.sh' },
      ],
      negative: () => [
        { text: `client.login("${join('MTk4NjIyNDgzNDcxOTI1MjQ4', '.Cl2FMQ.', 'ZnCjm1XVW7vRze4b7Cq4se7kKWs')}");`, reason: "the example token from Discord's own documentation (its first part decodes to digits but its HMAC is the published one)" },
        { text: `const token = "${join('NotAToken', synth(ALNUM, 16, 23), '.', synth(BASE64URL, 6, 24), '.', synth(BASE64URL, 30, 25))}";`, reason: 'the first part does not decode to a numeric user id' },
      ],
    },
  }),
  providerRule({
    id: 'secret/discord-webhook-url',
    title: 'Discord webhook URL',
    provider: 'Discord webhook URL',
    keywords: ['discord'],
    pattern: /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d{17,20}\/[\w-]{60,80})(?![\w-])/,
    envName: 'DISCORD_WEBHOOK_URL',
    prefix: 'https://discord.com/api/webhooks/',
    minEntropy: 3,
    doc: {
      format: 'An `https://discord.com/api/webhooks/<id>/<token>` URL (also `discordapp.com`, `ptb.` and `canary.`). The token part lets anyone post to the channel.',
      rotate: 'https://support.discord.com/hc/en-us/articles/228383668',
    },
    samples: {
      positive: () => [`fetch("${discordHook(31)}", { method: "POST" });`, { text: `DISCORD_WEBHOOK=${discordHook(32)}`, path: 'ci/notify.sh' }],
      negative: () => [
        { text: 'const hook = "https://discord.com/api/webhooks/{id}/{token}";', reason: 'the documented URL template' },
        { text: `const hook = "${join('https://discord.com/api/', 'webhooks/', digits(18, 33), '/', 'x'.repeat(68))}";`, reason: 'a redacted token part' },
      ],
    },
  }),
  providerRule({
    id: 'secret/telegram-bot-token',
    title: 'Telegram bot token',
    provider: 'Telegram bot token',
    keywords: [':aa'],
    pattern: /(?:(?<=bot)|(?<![\w-]))(?<secret>\d{8,10}:AA[\w-]{33})(?![\w-])/,
    envName: 'TELEGRAM_BOT_TOKEN',
    minEntropy: 3.5,
    doc: {
      format: 'The bot id (8-10 digits), a colon, then 35 characters starting with `AA`, as BotFather issues them. Also found inside `https://api.telegram.org/bot<token>/` URLs.',
      rotate: 'https://core.telegram.org/bots/features#botfather',
      notes: 'Revoke with BotFather (`/revoke`).',
    },
    samples: {
      positive: () => [`bot = Bot(token="${telegram(41)}")`, { text: `curl https://api.telegram.org/bot${telegram(42)}/getMe`, path: 'scripts/ping.sh' }],
      negative: () => [
        { text: `TOKEN = "${join('123456789:', 'AA', 'x'.repeat(33))}"`, reason: 'a filler token' },
        { text: 'TOKEN = "12345:AAbc"', reason: 'too short for a bot token' },
      ],
    },
  }),
  providerRule({
    id: 'secret/twilio-api-key',
    title: 'Twilio API key SID',
    provider: 'Twilio API key',
    keywords: ['twilio'],
    pattern: /(?<![\w-])(?<secret>SK[0-9a-fA-F]{32})(?![\w-])/,
    envName: 'TWILIO_API_KEY',
    prefix: 'SK',
    minEntropy: 3,
    doc: {
      format: '`SK` followed by 32 hex characters, on a line that mentions Twilio. The SID names an API key whose secret usually sits next to it.',
      rotate: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
      notes: 'Without the word "twilio" on the line, `SK` + 32 hex is too common (hashes) to report.',
    },
    samples: {
      positive: () => [`twilio_client = Client("${join('S', 'K', synth(HEX, 32, 51))}", secret)`],
      negative: () => [
        { text: `const digest = "${join('S', 'K', synth(HEX, 32, 52))}";`, reason: 'no mention of Twilio: SK + 32 hex is as likely a hash' },
        { text: `TWILIO_API_KEY=${join('S', 'K', 'x'.repeat(32))}`, path: 'deploy.sh', reason: 'a filler value' },
      ],
    },
  }),
  providerRule({
    id: 'secret/twilio-auth-token',
    title: 'Twilio auth token',
    provider: 'Twilio auth token',
    keywords: ['twilio', 'api.twilio.com'],
    pattern: namedValue(String.raw`twilio[\w.-]{0,20}?(?:auth[_.-]?token|secret|token)`, '[0-9a-f]{32}'),
    alsoMatch: [/\bAC[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@api\.twilio\.com/],
    envName: 'TWILIO_AUTH_TOKEN',
    minEntropy: 3,
    doc: {
      format: 'A 32-hex-character auth token assigned to a Twilio-named variable, or the password part of `https://AC…:<token>@api.twilio.com` URLs.',
      rotate: 'https://help.twilio.com/articles/223136027',
      notes: 'The account SID (`AC…`) is an identifier and is not reported on its own.',
    },
    samples: {
      positive: () => [
        { text: `TWILIO_AUTH_TOKEN=${synth(HEX, 32, 61)}`, path: 'deploy.sh' },
        `const url = "https://${join('A', 'C', synth(HEX, 32, 62))}:${synth(HEX, 32, 63)}@api.twilio.com/2010-04-01";`,
      ],
      negative: () => [
        { text: `TWILIO_ACCOUNT_SID=${join('A', 'C', synth(HEX, 32, 64))}`, path: 'deploy.sh', reason: 'the account SID is an identifier, not the token' },
        { text: 'TWILIO_AUTH_TOKEN=your_auth_token', path: 'deploy.sh', reason: 'placeholder from the quick-start guide' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/sendgrid-api-key',
    title: 'SendGrid API key',
    provider: 'SendGrid API key',
    shape: ['SG.', [CS.b64url, 22], '.', [CS.b64url, 43]],
    keywords: ['sg.'],
    envName: 'SENDGRID_API_KEY',
    doc: {
      format: '`SG.` then a 22-character key id and a 43-character secret, separated by dots.',
      rotate: 'https://app.sendgrid.com/settings/api_keys',
    },
    negative: () => [{ text: 'const key = "SG.xxxxxxxx.yyyyyyyy";', reason: 'a placeholder that only mimics the dots' }],
  }),
  providerRule({
    id: 'secret/mailgun-api-key',
    title: 'Mailgun API key',
    provider: 'Mailgun API key',
    keywords: ['mailgun'],
    pattern: /(?<![\w-])(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![\w-])/,
    envName: 'MAILGUN_API_KEY',
    prefix: 'key-',
    minEntropy: 3,
    doc: {
      format: 'The private API key: `key-` followed by 32 hex characters (older accounts) or 32 hex, 8 hex and 8 hex parts joined by dashes (newer), on a line that mentions Mailgun.',
      rotate: 'https://app.mailgun.com/settings/api_security',
      notes: 'The public validation key (`pubkey-…`) is meant to be shared and is not reported.',
    },
    samples: {
      positive: () => [
        { text: `MAILGUN_API_KEY=${join('ke', 'y-', synth(HEX, 32, 71))}`, path: 'deploy.sh' },
        `mailgun.client({ username: "api", key: "${synth(HEX, 32, 72)}-${synth(HEX, 8, 73)}-${synth(HEX, 8, 74)}" });`,
      ],
      negative: () => [
        { text: `MAILGUN_PUBLIC_KEY=${join('pub', 'key-', synth(HEX, 32, 75))}`, path: 'deploy.sh', reason: 'the public validation key is meant to be public' },
        { text: `const cacheKey = "${join('ke', 'y-', synth(HEX, 32, 76))}";`, reason: 'no mention of Mailgun: key- + hex is a common cache key' },
      ],
    },
  }),
  providerRule({
    id: 'secret/mailchimp-api-key',
    title: 'Mailchimp API key',
    provider: 'Mailchimp API key',
    keywords: ['-us'],
    pattern: /(?<![\w-])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![\w-])/,
    envName: 'MAILCHIMP_API_KEY',
    minEntropy: 3,
    doc: {
      format: '32 hex characters followed by the data-centre suffix `-us<N>`.',
      rotate: 'https://mailchimp.com/help/about-api-keys/',
    },
    samples: {
      positive: () => [`mailchimp.setConfig({ apiKey: "${synth(HEX, 32, 81)}-us14" });`],
      negative: () => [
        { text: `const key = "${'0'.repeat(32)}-us6";`, reason: 'zeros: a redacted key' },
        { text: `const region = "${synth(HEX, 12, 82)}-us1";`, reason: 'too short: not a key' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/brevo-api-key',
    title: 'Brevo (Sendinblue) API key',
    provider: 'Brevo API key',
    shape: ['xkeysib-', [CS.hex, 64], '-', [CS.alnum, 16]],
    moreShapes: [['xsmtpsib-', [CS.hex, 64], '-', [CS.alnum, 16]]],
    envName: 'BREVO_API_KEY',
    doc: {
      format: '`xkeysib-` (API) or `xsmtpsib-` (SMTP) followed by 64 hex characters, a dash and 16 letters or digits.',
      rotate: 'https://app.brevo.com/settings/keys/api',
    },
  }),
  providerRule({
    id: 'secret/microsoft-teams-webhook-url',
    title: 'Microsoft Teams incoming webhook URL',
    provider: 'Microsoft Teams webhook URL',
    keywords: ['webhook.office.com'],
    pattern: /(?<secret>https:\/\/[\w-]+\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/[\w-]{20,60})?)(?![\w-])/,
    envName: 'TEAMS_WEBHOOK_URL',
    prefix: 'https://',
    minEntropy: 3,
    doc: {
      format: 'An `https://<tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<32 hex>/<id>` URL: posting to it needs nothing else.',
      rotate: 'https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    },
    samples: {
      positive: () => {
        const uuid = (seed: number) => [8, 4, 4, 4, 12].map((n, i) => synth(HEX, n, seed + i)).join('-');
        return [`TEAMS_URL = "https://contoso.${join('webhook.', 'office.com/webhookb2/')}${uuid(91)}@${uuid(96)}/IncomingWebhook/${synth(HEX, 32, 99)}/${uuid(101)}"`];
      },
      negative: () => [{ text: 'TEAMS_URL = "https://contoso.webhook.office.com/webhookb2/..."', reason: 'a truncated URL as in documentation' }],
    },
  }),
];
