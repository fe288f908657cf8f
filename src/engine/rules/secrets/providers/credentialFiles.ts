import { providerRule } from './define';
import { ALNUM, HEX, join, synth } from '../../samples';
import { isBenignValue, looksRandomEnough } from '../../../secrets/values';

// Credentials in the file formats programs write for themselves: the `data` of a Kubernetes
// Secret (base64, so no name or prefix says what the value is), a `.pgpass` line, a multi-line
// `.netrc` entry. The `.pgpass` rule is bound to the file's name: its line shape alone
// (`a:1:b:c:d`) is too common elsewhere; src/engine/detectors/credentialFiles.ts runs it.

/** The decoded value of a Secret's `data` entry, when it is printable text worth reporting. */
export function secretDataValue(base64: string): string | undefined {
  if (base64.length % 4 !== 0) return undefined;
  let decoded: string;
  try {
    decoded = atob(base64);
  } catch {
    return undefined;
  }
  // Binary (a SealedSecret's ciphertext, a keystore) or several lines (a whole file) is not one credential.
  if (!/^[\x21-\x7e]+$/.test(decoded)) return undefined;
  return looksRandomEnough(decoded) && !isBenignValue(decoded) ? decoded : undefined;
}

/** Entries of a YAML mapping indented under `data:`: `  name: <base64>`, quoted or not. */
const SECRET_DATA_ENTRY = /^[ \t]+[\w.-]{1,253}:[ \t]+(?<q>["']?)(?<secret>[A-Za-z0-9+/]{8,4000}={0,2})\k<q>[ \t]*\r?$/m;

/** A `.pgpass` line: `hostname:port:database:username:password`, each field `*` or a value. */
const PGPASS_LINE = /^[ \t]*[^\s:#][^\s:]*:(?:\d{1,5}|\*):[^\s:]+:[^\s:]+:(?<secret>\S{4,300})[ \t]*\r?$/m;

/** `machine <host>` with `login` and `password` on lines of their own, as `heroku login` writes it. */
export const NETRC_ENTRY = /^[ \t]*(?:machine[ \t]+\S+|default)\s+login[ \t]+\S+\s+password[ \t]+(?<q>"?)(?<secret>[^\s#"]{4,300})\k<q>/m;

const pw = (seed: number) => join(synth(ALNUM, 12, seed), '-', synth(ALNUM, 6, seed + 1));

export const kubernetesSecretRule = providerRule({
  id: 'secret/kubernetes-secret-data',
  title: 'Credential in a Kubernetes Secret manifest',
  provider: 'Kubernetes Secret value',
  keywords: ['kind: secret', 'kind: "secret"'],
  pattern: SECRET_DATA_ENTRY,
  // The keyword (`kind: Secret`) is on another line than the values: the pattern runs on the
  // whole text of a file that holds it.
  spansLines: true,
  envName: 'KUBERNETES_SECRET',
  skipPlaceholderCheck: true,
  validate: (value) => secretDataValue(value) !== undefined,
  doc: {
    format: 'A value under `data:` in a YAML manifest of `kind: Secret`: base64 that decodes to a printable, random-looking credential (a password, a token). `kubectl apply` and Helm charts commit these, and base64 is an encoding, not encryption.',
    rotate: 'https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets',
    notes: 'Values that decode to binary (certificates, a SealedSecret\'s `encryptedData`), to words or to placeholders are not reported; `stringData` values are read by the generic rules. Keep Secrets out of git: generate them in CI from a secret store, or commit them encrypted (Sealed Secrets, SOPS, External Secrets).',
  },
  samples: {
    positive: () => [
      { text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: ${btoa('orders')}\n  password: ${btoa(pw(1))}\n`, path: 'k8s/secret.yaml' },
      { text: `kind: Secret\napiVersion: v1\ndata:\n  api-token: "${btoa(synth(HEX, 40, 2))}"\n`, path: 'deploy/token.yml' },
    ],
    negative: () => [
      { text: `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: ${btoa(String.fromCharCode(...Array.from(synth(ALNUM, 48, 3), (c) => (c.charCodeAt(0) * 7) % 256)))}\n`, path: 'k8s/sealed.yaml', reason: 'a SealedSecret holds ciphertext, safe to commit' },
      { text: `kind: Secret\ndata:\n  password: ${btoa('changeme')}\n`, path: 'k8s/secret.yaml', reason: 'a placeholder, base64-encoded' },
      { text: `kind: ConfigMap\ndata:\n  token: ${btoa(pw(4))}\n`, path: 'k8s/config.yaml', reason: 'not a Secret manifest' },
    ],
  },
});

export const pgpassRule = providerRule({
  id: 'secret/pgpass-password',
  title: 'Password in a .pgpass file',
  provider: '.pgpass password',
  keywords: [':'],
  pattern: PGPASS_LINE,
  envName: 'PGPASSWORD',
  minEntropy: 2.5,
  doc: {
    format: 'The last field of a `hostname:port:database:username:password` line in a `.pgpass` (or `pgpass.conf`) file, which `psql` and libpq read. Only files of that name are read.',
    notes: 'A `.pgpass` belongs in your home directory with mode 600, never in a repository. Fields that are `*` or placeholders are not reported.',
  },
  samples: {
    positive: () => [
      { text: `# host:port:db:user:password\ndb.internal:5432:orders:app:${pw(11)}\n`, path: '.pgpass' },
      { text: `*:*:*:replicator:${pw(12)}\n`, path: 'config/pgpass.conf' },
    ],
    negative: () => [
      { text: 'localhost:5432:mydb:myuser:mypassword\n', path: '.pgpass', reason: 'the documented stand-in' },
      { text: `db.internal:5432:orders:app:${pw(13)}\n`, path: 'notes/hosts.txt', reason: 'not a .pgpass file: the shape alone is too common' },
    ],
  },
});

/** Rules that every file runs through, like the other providers. */
export const credentialFileRules = [kubernetesSecretRule];
