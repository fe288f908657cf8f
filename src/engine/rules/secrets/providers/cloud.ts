import { CS, namedValue, providerRule, tokenRule } from './define';
import { pemBodyValid } from './keys';
import { ALNUM, BASE64, BASE64URL, HEX, join, synth } from '../../samples';

// Cloud platforms other than AWS (aws.ts): Google, Azure, Alibaba, DigitalOcean, Heroku, Firebase.

const uuid = (seed: number) => [8, 4, 4, 4, 12].map((n, i) => synth(HEX, n, seed + i)).join('-');
const pemLines = (body: string) => body.match(/.{1,64}/g)!.join('\\n');
const BEGIN = join('-----BEGIN ', 'PRIVATE KEY-----');
const END = join('-----END ', 'PRIVATE KEY-----');

function serviceAccount(seed: number, order: 'type-first' | 'key-first'): string {
  const key = `"private_key": "${BEGIN}\\n${pemLines(join('MIIEv', synth(BASE64, 900, seed)))}\\n${END}\\n"`;
  const type = '"type": "service_account"';
  const fields = order === 'type-first'
    ? [type, '"project_id": "demo-project"', `"private_key_id": "${synth(HEX, 40, seed + 1)}"`, key]
    : [key, '"client_email": "builder@demo-project.iam.gserviceaccount.com"', type];
  return `{\n  ${fields.join(',\n  ')}\n}\n`;
}

export const cloudRules = [
  tokenRule({
    id: 'secret/google-api-key',
    title: 'Google API key',
    provider: 'Google API key',
    shape: ['AIza', [CS.b64url, 35]],
    envName: 'GOOGLE_API_KEY',
    doc: {
      format: '`AIza` followed by 35 URL-safe characters. Used by Maps, YouTube, Gemini, Firebase and every other Google API that takes a key.',
      rotate: 'https://console.cloud.google.com/apis/credentials',
      notes: 'Keys shipped in a web or mobile app (a Firebase web config) are visible to users anyway; they are still reported, because an unrestricted key can be used for any enabled API on your bill. Restrict it to your app and APIs, then suppress the line with a reason.',
    },
  }),
  providerRule({
    id: 'secret/gcp-service-account-key',
    title: 'Google Cloud service-account key (JSON)',
    provider: 'Google service-account key',
    keywords: ['service_account'],
    pattern: /"type"\s*:\s*"service_account"[\s\S]{0,3000}?"private_key"\s*:\s*"(?<secret>-----BEGIN PRIVATE KEY-----[^"]{64,8000}?-----END PRIVATE KEY-----(?:\\n)?)"/,
    alsoMatch: [/"private_key"\s*:\s*"(?<secret>-----BEGIN PRIVATE KEY-----[^"]{64,8000}?-----END PRIVATE KEY-----(?:\\n)?)"[\s\S]{0,3000}?"type"\s*:\s*"service_account"/],
    envName: 'GOOGLE_APPLICATION_CREDENTIALS',
    prefix: '-----BEGIN PRIVATE KEY-----',
    skipPlaceholderCheck: true,
    validate: pemBodyValid,
    doc: {
      format: 'A service-account key file: a JSON document with `"type": "service_account"` and a `"private_key"` holding a PEM block. The finding covers the private key string.',
      rotate: 'https://cloud.google.com/iam/docs/keys-create-delete#deleting',
      notes: 'Delete the key in IAM (creating a new one does not revoke the old). Prefer workload identity federation to key files. A JSON document with an elided key (`...`) is not reported.',
    },
    samples: {
      positive: () => [
        { text: serviceAccount(1, 'type-first'), path: 'deploy/gcp-key.json' },
        { text: serviceAccount(2, 'key-first'), path: 'sa.json' },
      ],
      negative: () => [
        { text: `{\n  "type": "service_account",\n  "private_key": "${BEGIN}\\n...\\n${END}\\n"\n}\n`, path: 'docs/sample-key.json', reason: 'the key is elided, as in documentation' },
        { text: `{\n  "type": "authorized_user",\n  "client_id": "${synth(ALNUM, 20, 3)}.apps.googleusercontent.com"\n}\n`, path: 'adc.json', reason: 'no private key in the document' },
      ],
    },
  }),
  providerRule({
    id: 'secret/azure-storage-account-key',
    title: 'Azure storage account key',
    provider: 'Azure storage account key',
    keywords: ['accountkey'],
    pattern: /AccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)/i,
    envName: 'AZURE_STORAGE_CONNECTION_STRING',
    minEntropy: 4,
    doc: {
      format: 'The `AccountKey=<88 base64 characters>` part of a storage connection string (`DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…`). The finding covers the key only.',
      rotate: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
      notes: "The Azurite emulator's published development key and `UseDevelopmentStorage=true` are not reported.",
    },
    samples: {
      positive: () => [
        `const conn = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${synth(BASE64, 86, 11)}==;EndpointSuffix=core.windows.net";`,
        { text: `"StorageConnection": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${synth(BASE64, 86, 12)}=="`, path: 'appsettings.json' },
      ],
      negative: () => [
        { text: `const conn = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${join('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw==')};";`, reason: "the Azurite emulator's well-known development key" },
        { text: 'const conn = "UseDevelopmentStorage=true";', reason: 'the local emulator shortcut' },
        { text: 'const conn = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<key>";', reason: 'a placeholder' },
      ],
    },
  }),
  providerRule({
    id: 'secret/azure-shared-access-key',
    title: 'Azure Service Bus / Event Hubs / IoT shared access key',
    provider: 'Azure shared access key',
    keywords: ['sharedaccesskey'],
    pattern: /SharedAccessKey\s*=\s*(?<secret>[A-Za-z0-9+/]{42,43}=)/i,
    envName: 'AZURE_SERVICEBUS_CONNECTION_STRING',
    minEntropy: 4,
    doc: {
      format: 'The `SharedAccessKey=<44 base64 characters>` part of a Service Bus, Event Hubs, Relay or IoT Hub connection string.',
      rotate: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas#regenerate-keys',
    },
    samples: {
      positive: () => [`conn = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${synth(BASE64, 43, 21)}="`],
      negative: () => [{ text: 'conn = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<your-key>"', reason: 'a placeholder' }],
    },
  }),
  providerRule({
    id: 'secret/azure-sas-token',
    title: 'Azure shared access signature (SAS) token',
    provider: 'Azure SAS token',
    keywords: ['sig='],
    pattern: /[?&]sv=\d{4}-\d\d-\d\d&[^\s"'<>]{0,400}?\bsig=(?<secret>[A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})/,
    envName: 'AZURE_SAS_TOKEN',
    minEntropy: 4,
    doc: {
      format: 'The `sig=` signature of a URL or query string that also carries `sv=<date>` (the SAS version): it grants whatever the token allows until it expires.',
      rotate: 'https://learn.microsoft.com/azure/storage/common/storage-sas-overview#best-practices-when-using-sas',
      notes: 'Revoke by rotating the account key that signed it, or by deleting the stored access policy it references.',
    },
    samples: {
      positive: () => [`url = "https://acme.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${synth(ALNUM, 43, 31)}%3D"`],
      negative: () => [{ text: 'url = "https://acme.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=<signature>"', reason: 'a placeholder' }],
    },
  }),
  providerRule({
    id: 'secret/azure-ad-client-secret',
    title: 'Microsoft Entra ID (Azure AD) client secret',
    provider: 'Entra ID client secret',
    keywords: ['q~'],
    pattern: /(?<![\w~.-])(?<secret>[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![\w~.-])/,
    envName: 'AZURE_CLIENT_SECRET',
    minEntropy: 3.5,
    doc: {
      format: 'Application client secrets as the portal issues them: three characters, a digit, `Q~`, then 31-34 characters.',
      rotate: 'https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials',
    },
    samples: {
      positive: () => [`AZURE_CLIENT_SECRET = "${join(synth(ALNUM, 3, 41), '8Q~', synth(ALNUM, 34, 42))}"`],
      negative: () => [{ text: 'secret = "abc8Q~short"', reason: 'too short for a client secret' }],
    },
  }),
  tokenRule({
    id: 'secret/alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud AccessKey ID',
    shape: ['LTAI', [CS.alnum, 20]],
    envName: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    minEntropy: 3.5,
    doc: {
      format: '`LTAI` followed by 20 letters and digits. The id is half of the pair; the secret is usually nearby and caught by the generic rule.',
      rotate: 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair',
    },
  }),
  tokenRule({
    id: 'secret/digitalocean-token',
    title: 'DigitalOcean token',
    provider: 'DigitalOcean token',
    shape: ['dop_v1_', [CS.hex, 64]],
    moreShapes: [['doo_v1_', [CS.hex, 64]], ['dor_v1_', [CS.hex, 64]]],
    keywords: ['_v1_'],
    envName: 'DIGITALOCEAN_TOKEN',
    doc: {
      format: '`dop_v1_` (personal access token), `doo_v1_` (OAuth token) or `dor_v1_` (refresh token) followed by 64 hex characters.',
      rotate: 'https://cloud.digitalocean.com/account/api/tokens',
    },
  }),
  providerRule({
    id: 'secret/heroku-api-key',
    title: 'Heroku API key',
    provider: 'Heroku API key',
    keywords: ['hrku-', 'heroku'],
    pattern: /(?<![\w-])(?<secret>HRKU-(?:AA[\w-]{58}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))(?![\w-])/,
    alsoMatch: [namedValue(String.raw`heroku[\w.-]{0,20}?(?:api[_.-]?key|token|secret|key)`, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')],
    envName: 'HEROKU_API_KEY',
    prefix: 'HRKU-',
    minEntropy: 3,
    doc: {
      format: 'Current keys `HRKU-AA` + 58 characters, and older keys re-issued with the prefix (`HRKU-<UUID>`) anywhere; legacy keys are UUIDs, reported only when assigned to a Heroku-named variable (`HEROKU_API_KEY=…`).',
      rotate: 'https://dashboard.heroku.com/account',
      notes: 'A UUID on its own is an identifier (request ids, primary keys) and is not reported.',
    },
    samples: {
      positive: () => [
        `heroku = Heroku("${join('HR', 'KU-AA', synth(BASE64URL, 58, 51))}")`,
        { text: `HEROKU_API_KEY=${uuid(52)}`, path: 'ci/deploy.sh' },
        `const token = "${join('HR', 'KU-', uuid(53))}";`,
      ],
      negative: () => [
        { text: `const requestId = "${uuid(57)}";`, reason: 'a UUID without a Heroku name is an identifier' },
        { text: 'HEROKU_API_KEY=${{ secrets.HEROKU_API_KEY }}', path: '.github/workflows/deploy.yml', reason: 'a secret reference' },
      ],
    },
  }),
  providerRule({
    id: 'secret/firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging legacy server key',
    provider: 'FCM server key',
    keywords: ['apa91b'],
    pattern: /(?<![\w-])(?<secret>AAAA[\w-]{7}:APA91b[\w-]{134})(?![\w-])/,
    envName: 'FCM_SERVER_KEY',
    prefix: 'AAAA',
    minEntropy: 3.5,
    doc: {
      format: '`AAAA` + 7 characters, a colon, then `APA91b` + 134 characters. It lets anyone send push notifications to your users.',
      rotate: 'https://console.firebase.google.com/project/_/settings/cloudmessaging',
    },
    samples: {
      positive: () => [`const FCM_KEY = "${join('AA', 'AA', synth(BASE64URL, 7, 61), ':APA', '91b', synth(BASE64URL, 134, 62))}";`],
      negative: () => [{ text: 'const FCM_KEY = "AAAA...:APA91b...";', reason: 'elided in documentation' }],
    },
  }),
];
