import { CS, namedValue, providerRule, tokenRule } from './define';
import { ALNUM, BASE64URL, HEX, join, synth } from '../../samples';

// Infrastructure and deployment: secret stores, IaC back-ends, hosting platforms, databases as a
// service. These tokens usually reach production.

export const infraRules = [
  tokenRule({
    id: 'secret/vault-token',
    title: 'HashiCorp Vault token',
    provider: 'Vault token',
    shape: ['hvs.', [CS.b64url, 90, 120]],
    moreShapes: [['hvb.', [CS.b64url, 90, 200]]],
    keywords: ['hvs.', 'hvb.'],
    envName: 'VAULT_TOKEN',
    minEntropy: 4,
    doc: {
      format: 'Service tokens `hvs.` and batch tokens `hvb.` followed by 90 or more URL-safe characters (Vault 1.10 and later).',
      rotate: 'https://developer.hashicorp.com/vault/docs/commands/token/revoke',
      notes: 'Legacy `s.`-prefixed tokens are too short and generic to tell from other values; the generic rule catches them when assigned to a token-named variable.',
    },
  }),
  providerRule({
    id: 'secret/doppler-token',
    title: 'Doppler token',
    provider: 'Doppler token',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: /(?<![\w-])(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[\w-]{1,40}\.)?[A-Za-z0-9]{40,44})(?![\w-])/,
    envName: 'DOPPLER_TOKEN',
    prefix: 'dp.',
    minEntropy: 4,
    doc: {
      format: '`dp.pt.` (personal), `dp.st.` (service, optionally with the config name), `dp.sa.` (service account), `dp.ct.` (CLI), `dp.scim.` and `dp.audit.` followed by 40-44 letters and digits.',
      rotate: 'https://docs.doppler.com/docs/service-tokens#revoking',
    },
    samples: {
      positive: () => [
        { text: `DOPPLER_TOKEN=${join('dp.', 'st.', 'prd.', synth(ALNUM, 43, 1))}`, path: 'deploy.sh' },
        `doppler = Doppler("${join('dp.', 'pt.', synth(ALNUM, 43, 2))}")`,
      ],
      negative: () => [{ text: 'DOPPLER_TOKEN=dp.st.xxxx', path: 'README.sh', reason: 'a shortened placeholder' }],
    },
  }),
  tokenRule({
    id: 'secret/terraform-cloud-token',
    title: 'Terraform Cloud / HCP Terraform API token',
    provider: 'Terraform Cloud token',
    shape: [[CS.alnum, 14], '.atlasv1.', [CS.b64url, 60, 70]],
    keywords: ['atlasv1'],
    prefix: '',
    envName: 'TF_TOKEN_app_terraform_io',
    minEntropy: 4,
    doc: {
      format: '14 letters and digits, `.atlasv1.`, then 60-70 URL-safe characters; often found in `credentials.tfrc.json` or a `credentials "app.terraform.io"` block.',
      rotate: 'https://app.terraform.io/app/settings/tokens',
    },
  }),
  tokenRule({
    id: 'secret/pulumi-access-token',
    title: 'Pulumi access token',
    provider: 'Pulumi access token',
    shape: ['pul-', [CS.hex, 40]],
    envName: 'PULUMI_ACCESS_TOKEN',
    doc: { format: '`pul-` followed by 40 hex characters.', rotate: 'https://app.pulumi.com/account/tokens' },
  }),
  tokenRule({
    id: 'secret/databricks-token',
    title: 'Databricks personal access token',
    provider: 'Databricks token',
    shape: ['dapi', [CS.hex, 32]],
    moreShapes: [['dapi', [CS.hex, 32], '-', [CS.digits, 1]]],
    envName: 'DATABRICKS_TOKEN',
    doc: {
      format: '`dapi` followed by 32 hex characters, sometimes with a `-<digit>` suffix.',
      rotate: 'https://docs.databricks.com/en/dev-tools/auth/pat.html',
    },
  }),
  tokenRule({
    id: 'secret/supabase-token',
    title: 'Supabase access token or secret key',
    provider: 'Supabase token',
    shape: ['sbp_', [CS.hex, 40]],
    moreShapes: [['sbp_v0_', [CS.hex, 40]], ['sb_secret_', [CS.b64url, 31, 60]]],
    keywords: ['sbp_', 'sb_secret_'],
    envName: 'SUPABASE_ACCESS_TOKEN',
    doc: {
      format: 'Personal access tokens `sbp_` (or `sbp_v0_`) + 40 hex characters, and project secret keys `sb_secret_` + 31 or more characters.',
      rotate: 'https://supabase.com/dashboard/account/tokens',
      notes: 'Publishable keys (`sb_publishable_`) and the anon JWT are meant for clients and are not reported by this rule.',
    },
  }),
  tokenRule({
    id: 'secret/planetscale-token',
    title: 'PlanetScale password or token',
    provider: 'PlanetScale credential',
    shape: ['pscale_pw_', [CS.b64url, 43]],
    moreShapes: [['pscale_tkn_', [CS.b64url, 43]], ['pscale_oauth_', [CS.b64url, 43]]],
    keywords: ['pscale_'],
    envName: 'PLANETSCALE_PASSWORD',
    doc: {
      format: 'Database passwords `pscale_pw_`, service tokens `pscale_tkn_` and OAuth tokens `pscale_oauth_`, each followed by about 43 URL-safe characters.',
      rotate: 'https://planetscale.com/docs/concepts/connection-strings',
    },
  }),
  tokenRule({
    id: 'secret/render-api-key',
    title: 'Render API key',
    provider: 'Render API key',
    shape: ['rnd_', [CS.alnum, 32]],
    envName: 'RENDER_API_KEY',
    doc: { format: '`rnd_` followed by 32 letters and digits.', rotate: 'https://dashboard.render.com/u/settings#api-keys' },
  }),
  tokenRule({
    id: 'secret/flyio-token',
    title: 'Fly.io access token',
    provider: 'Fly.io token',
    shape: ['fo1_', [CS.b64url, 43]],
    moreShapes: [['FlyV1 fm2_', [CS.b64, 100, 2000]]],
    keywords: ['fo1_', 'flyv1 fm'],
    envName: 'FLY_API_TOKEN',
    minEntropy: 4,
    doc: {
      format: 'Personal tokens `fo1_` + 43 characters, and macaroon tokens `FlyV1 fm2_…` (deploy and org tokens).',
      rotate: 'https://fly.io/docs/security/tokens/',
    },
  }),
  tokenRule({
    id: 'secret/netlify-token',
    title: 'Netlify personal access token',
    provider: 'Netlify token',
    shape: ['nfp_', [CS.alnum, 36]],
    envName: 'NETLIFY_AUTH_TOKEN',
    doc: { format: '`nfp_` followed by 36 letters and digits.', rotate: 'https://app.netlify.com/user/applications#personal-access-tokens' },
  }),
  providerRule({
    id: 'secret/vercel-token',
    title: 'Vercel access token',
    provider: 'Vercel token',
    keywords: ['vercel', 'vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: namedValue(String.raw`vercel[\w.-]{0,20}?(?:token|secret|key)`, '[A-Za-z0-9]{24}'),
    // The prefixed formats Vercel issues since 2025: personal (vcp_), integration (vci_), app access
    // (vca_) and refresh (vcr_) tokens, and API keys (vck_).
    alsoMatch: [/(?<![\w-])(?<secret>vc[pciark]_[A-Za-z0-9]{24,80})(?![\w-])/],
    envName: 'VERCEL_TOKEN',
    minEntropy: 3.5,
    validate: (token) => /[A-Z]/.test(token) && /[a-z]/.test(token.slice(4)) && /\d/.test(token),
    doc: {
      format: 'Prefixed tokens `vcp_` (personal), `vci_` (integration), `vca_` (app access), `vcr_` (refresh) and `vck_` (API key) followed by 24 or more letters and digits, anywhere; and older unprefixed 24-character tokens assigned to a Vercel-named variable (`VERCEL_TOKEN=…`).',
      rotate: 'https://vercel.com/account/settings/tokens',
    },
    samples: {
      positive: () => [
        { text: `VERCEL_TOKEN=${synth(ALNUM, 24, 31)}`, path: 'ci/deploy.sh' },
        `const vercel = new Vercel({ bearerToken: "${join('vc', 'p_', synth(ALNUM, 60, 32))}" });`,
      ],
      negative: () => [
        { text: 'VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}', path: '.github/workflows/deploy.yml', reason: 'a secret reference' },
        { text: 'VERCEL_ORG_ID=team_abcdefghijklmnopqrstuvwx', path: 'ci/deploy.sh', reason: 'the org id is not a token' },
      ],
    },
  }),
  providerRule({
    id: 'secret/cloudflare-api-credential',
    title: 'Cloudflare API token, global API key or origin CA key',
    provider: 'Cloudflare credential',
    keywords: ['cloudflare', 'cf_api', 'v1.0-', 'cfat_', 'cfut_', 'cfk_'],
    // Origin CA keys, and the prefixed account (cfat_) and user (cfut_) API tokens and API keys
    // (cfk_) Cloudflare issues since 2025.
    pattern: /(?<![\w-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146}|cf(?:at|ut|k)_[A-Za-z0-9]{32,80})(?![\w-])/,
    alsoMatch: [namedValue(String.raw`(?:cloudflare|cf)[\w.-]{0,20}?(?:api[_.-]?(?:key|token)|token|key)`, '[a-f0-9]{37}|[\\w-]{40}')],
    envName: 'CLOUDFLARE_API_TOKEN',
    minEntropy: 3.5,
    validate: (value) => value.startsWith('v1.0-') || (/^cf(?:at|ut|k)_/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)) || (/\d/.test(value) && /[a-z]/i.test(value)),
    doc: {
      format: 'Origin CA keys `v1.0-<24 hex>-<146 hex>`; prefixed account and user API tokens `cfat_`/`cfut_` and API keys `cfk_` anywhere; unprefixed API tokens (40 characters) and the legacy global API key (37 hex) when assigned to a Cloudflare-named variable.',
      rotate: 'https://dash.cloudflare.com/profile/api-tokens',
      notes: 'The global API key grants everything the account can do: replace it with scoped API tokens.',
    },
    samples: {
      positive: () => [
        { text: `CLOUDFLARE_API_TOKEN=${synth(BASE64URL, 40, 41)}`, path: 'deploy.sh' },
        `const originKey = "${join('v1.', '0-', synth(HEX, 24, 42), '-', synth(HEX, 146, 43))}";`,
        { text: `cf_api_key: ${synth(HEX, 37, 44)}\n`, path: 'ansible/vars.yml' },
        `const token = "${join('cf', 'at_', synth(ALNUM, 40, 46))}";`,
        { text: `api_key: ${join('cf', 'k_', synth(ALNUM, 40, 47))}\n`, path: 'config/edge.yml' },
      ],
      negative: () => [
        { text: `CLOUDFLARE_ZONE_ID=${synth(HEX, 32, 45)}`, path: 'deploy.sh', reason: 'a zone id is an identifier (and 32 characters)' },
        { text: 'CLOUDFLARE_API_TOKEN=your-cloudflare-api-token-goes-here-xx', path: 'deploy.sh', reason: 'a placeholder' },
      ],
    },
  }),
  tokenRule({
    id: 'secret/onepassword-service-account-token',
    title: '1Password service account token',
    provider: '1Password service account token',
    shape: ['ops_eyJ', [CS.b64, 250, 1200]],
    keywords: ['ops_eyj'],
    envName: 'OP_SERVICE_ACCOUNT_TOKEN',
    minEntropy: 4.5,
    doc: {
      format: '`ops_` followed by a long base64 JSON document (it opens with `eyJ`).',
      rotate: 'https://developer.1password.com/docs/service-accounts/manage-service-accounts',
      notes: 'Anyone holding it reads every vault the service account can read.',
    },
  }),
];
