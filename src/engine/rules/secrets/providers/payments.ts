import { CS, providerRule, tokenRule } from './define';
import { ALNUM, BASE64URL, HEX, join, synth } from '../../samples';

// Payment providers. Live keys move money; test-mode keys are a separate rule so that a team
// can turn them down without losing the live ones.

const stripe = (kind: string, mode: string, seed: number) => join(kind, '_', mode, '_', synth(ALNUM, 99, seed));

export const paymentRules = [
  providerRule({
    id: 'secret/stripe-secret-key',
    title: 'Stripe live secret or restricted key',
    provider: 'Stripe live key',
    keywords: ['_live_'],
    pattern: /(?<![\w-])(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{20,247})(?![\w-])/,
    envName: 'STRIPE_SECRET_KEY',
    prefix: 'sk_live_',
    minEntropy: 3.5,
    doc: {
      format: '`sk_live_` (secret key) or `rk_live_` (restricted key) followed by 20 or more letters and digits (current keys are about a hundred).',
      rotate: 'https://dashboard.stripe.com/apikeys',
      notes: 'Publishable keys (`pk_live_`) are meant for browsers and are not reported. Some other services (Clerk, Paystack) reuse the `sk_live_` prefix; they are reported under this rule too, because they are live secrets all the same.',
    },
    samples: {
      positive: () => [
        `const stripe = require("stripe")("${stripe('sk', 'live', 1)}");`,
        { text: `STRIPE_RESTRICTED_KEY=${stripe('rk', 'live', 2)}`, path: 'ops/billing.sh' },
      ],
      negative: () => [
        { text: `const pk = "${stripe('pk', 'live', 3)}";`, reason: 'a publishable key is public by design' },
        { text: `const sk = "${join('sk', '_live_', 'x'.repeat(24))}";`, reason: 'filler' },
        { text: `const sk = "${join('sk', '_live_', '...')}";`, reason: 'a truncated key in documentation' },
      ],
    },
  }),
  providerRule({
    id: 'secret/stripe-test-key',
    title: 'Stripe test-mode secret or restricted key',
    provider: 'Stripe test key',
    keywords: ['_test_'],
    pattern: /(?<![\w-])(?<secret>(?:sk|rk)_test_[A-Za-z0-9]{20,247})(?![\w-])/,
    envName: 'STRIPE_SECRET_KEY',
    prefix: 'sk_test_',
    minEntropy: 3.5,
    doc: {
      format: '`sk_test_` or `rk_test_` followed by 20 or more letters and digits.',
      rotate: 'https://dashboard.stripe.com/test/apikeys',
      notes: 'Decision: reported, as its own rule. A test key cannot move real money, but it reads and changes the test-mode data of the account (customers, webhooks, products) and leaks are often followed by the live key in the next commit. Teams that keep test keys in fixtures on purpose can set `"secret/stripe-test-key": "off"` in `.secure-hygiene.json`.',
    },
    samples: {
      positive: () => [`Stripe.api_key = "${stripe('sk', 'test', 4)}"`],
      negative: () => [
        { text: `const pk = "${stripe('pk', 'test', 5)}";`, reason: 'publishable test key: public' },
        { text: `const sk = "${join('sk', '_test_', 'your_key_here')}";`, reason: 'a placeholder' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/stripe-webhook-secret',
    title: 'Stripe (or Svix) webhook signing secret',
    provider: 'Webhook signing secret',
    shape: ['whsec_', [CS.b64, 32, 88]],
    envName: 'STRIPE_WEBHOOK_SECRET',
    minEntropy: 3.5,
    doc: {
      format: '`whsec_` followed by 32 or more base64 characters. Used by Stripe, Svix, Clerk and others to sign webhook deliveries.',
      rotate: 'https://docs.stripe.com/webhooks#roll-endpoint-secrets',
      notes: 'With it, anyone can forge webhook calls your endpoint will trust.',
    },
  }),
  providerRule({
    id: 'secret/square-access-token',
    title: 'Square access token or OAuth secret',
    provider: 'Square credential',
    keywords: ['eaaa', 'sq0atp-', 'sq0csp-'],
    pattern: /(?<![\w-])(?<secret>EAAA[\w-]{60}|sq0atp-[\w-]{22}|sq0csp-[\w-]{43})(?![\w-])/,
    envName: 'SQUARE_ACCESS_TOKEN',
    minEntropy: 3.5,
    doc: {
      format: 'Access tokens `EAAA` + 60 characters (older ones `sq0atp-` + 22), and application secrets `sq0csp-` + 43 characters.',
      rotate: 'https://developer.squareup.com/apps',
    },
    samples: {
      positive: () => [
        `client = Client(access_token="${join('EA', 'AA', synth(BASE64URL, 60, 11))}")`,
        { text: `SQUARE_OAUTH_SECRET=${join('sq0', 'csp-', synth(BASE64URL, 43, 12))}`, path: 'deploy.sh' },
        `legacy = "${join('sq0', 'atp-', synth(BASE64URL, 22, 13))}"`,
      ],
      negative: () => [
        { text: `const id = "${join('sq0', 'idp-', synth(BASE64URL, 22, 14))}";`, reason: 'an application id (sq0idp-) is public' },
        { text: `token = "${join('EA', 'AA', 'x'.repeat(60))}"`, reason: 'filler' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/shopify-token',
    title: 'Shopify access token or shared secret',
    provider: 'Shopify token',
    shape: ['shpat_', [CS.hexAny, 32]],
    moreShapes: [['shpss_', [CS.hexAny, 32]], ['shpca_', [CS.hexAny, 32]], ['shppa_', [CS.hexAny, 32]]],
    envName: 'SHOPIFY_ACCESS_TOKEN',
    doc: {
      format: '`shpat_` (admin API access token), `shpca_` (custom app), `shppa_` (private app password) or `shpss_` (shared secret) followed by 32 hex characters.',
      rotate: 'https://help.shopify.com/en/manual/apps/app-types/custom-apps',
    },
  }),
  providerRule({
    id: 'secret/braintree-access-token',
    title: 'PayPal Braintree access token',
    provider: 'Braintree access token',
    keywords: ['access_token$'],
    pattern: /(?<secret>access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})(?![\w$])/,
    envName: 'BRAINTREE_ACCESS_TOKEN',
    prefix: 'access_token$',
    minEntropy: 3,
    doc: {
      format: '`access_token$production$<16 characters>$<32 hex>` (or `$sandbox$`).',
      rotate: 'https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials',
    },
    samples: {
      positive: () => [`gateway = braintree.BraintreeGateway(access_token="${join('access_token', '$production$', synth('abcdefghijklmnopqrstuvwxyz0123456789', 16, 21), '$', synth(HEX, 32, 22))}")`],
      negative: () => [{ text: 'gateway = braintree.BraintreeGateway(access_token="access_token$production$merchant_id$your_token")', reason: 'a template from the guide' }],
    },
  }),
  tokenRule({
    id: 'secret/flutterwave-secret-key',
    title: 'Flutterwave secret key',
    provider: 'Flutterwave secret key',
    shape: ['FLWSECK-', [CS.hex, 32], '-X'],
    moreShapes: [['FLWSECK_TEST-', [CS.hex, 32], '-X']],
    keywords: ['flwseck'],
    envName: 'FLUTTERWAVE_SECRET_KEY',
    doc: {
      format: '`FLWSECK-` (or `FLWSECK_TEST-`) followed by 32 hex characters and `-X`.',
      rotate: 'https://developer.flutterwave.com/docs/integration-guides/authentication',
      notes: 'Public keys (`FLWPUBK-`) are not reported.',
    },
  }),
];
