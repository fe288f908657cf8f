// Files that are credentials in themselves: a private key (`id_rsa`, `*.pem`, `*.key`), a key
// store (`*.p12`, `*.jks`), a tool's credential file (`.pgpass`, `.netrc`, `.git-credentials`,
// `~/.aws/credentials`, a kubeconfig). A secret found in one is not moved to `.env`: the whole
// file must stay out of git. Known by name only, so that the message and the fix agree with what
// a user sees in the file tree.

export type CredentialStoreKind = 'private key file' | 'key store' | 'credentials file';

export interface CredentialStore {
  kind: CredentialStoreKind;
  /** The file's base name, as the message and the `.gitignore` line use it. */
  name: string;
}

/**
 * `ssh-keygen`'s default names (`id_ed25519`) and the names people give it with `-f`: a name ending
 * in the key type or in `_key` with no extension (`deploy_key`, `github_rsa`, the OpenSSH server's
 * `ssh_host_ed25519_key`); `.pem`, `.key`, PuTTY's `.ppk`, PKCS#8 `.p8`. Not `id_rsa.pub`.
 */
const PRIVATE_KEY_NAME = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|[^.]+_(?:key|rsa|dsa|ecdsa|ed25519)(?:_sk)?|.+\.(?:pem|key|ppk|p8))$/i;
const KEY_STORE_NAME = /^.+\.(?:p12|pfx|jks|jceks|keystore|bks)$/i;
const CREDENTIALS_NAME = /^(?:\.pgpass|pgpass\.conf|\.netrc|_netrc|\.git-credentials|kubeconfig(?:\.ya?ml)?)$/i;

export function credentialStoreOf(path: string): CredentialStore | undefined {
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1];
  const parent = parts[parts.length - 2] ?? '';
  if (KEY_STORE_NAME.test(name)) return { kind: 'key store', name };
  if (PRIVATE_KEY_NAME.test(name)) return { kind: 'private key file', name };
  if (CREDENTIALS_NAME.test(name)) return { kind: 'credentials file', name };
  // `~/.aws/credentials` and `~/.kube/config`: the folder says what the generic name holds.
  if ((parent === '.aws' && name === 'credentials') || (parent === '.kube' && name === 'config')) return { kind: 'credentials file', name };
  return undefined;
}

/** The `.pgpass` files libpq reads, by name: the only files the `.pgpass` line rule reads. */
export function isPgpassFile(path: string): boolean {
  return /(?:^|[\\/])(?:\.pgpass|pgpass\.conf)$/i.test(path);
}

/**
 * The format of a binary key store, from its first bytes, or undefined. JKS and JCEKS open with
 * their magic numbers (0xFEEDFEED, 0xCECECECE) and a version; a PKCS#12 file is a DER SEQUENCE
 * whose first element is the version INTEGER 3 (02 01 03), which only a key-store name makes
 * telling (any DER file opens with a SEQUENCE).
 */
export function keyStoreFormat(path: string, head: Uint8Array): 'PKCS#12' | 'JKS' | 'JCEKS' | undefined {
  const word = (at: number) => ((head[at] << 24) | (head[at + 1] << 16) | (head[at + 2] << 8) | head[at + 3]) >>> 0;
  if (head.length >= 8 && (word(4) === 1 || word(4) === 2)) {
    if (word(0) === 0xfeedfeed) return 'JKS';
    if (word(0) === 0xcececece) return 'JCEKS';
  }
  if (!KEY_STORE_NAME.test(path.split(/[\\/]/).pop() ?? '') || head[0] !== 0x30) return undefined;
  // The SEQUENCE's length takes 1 byte (< 0x80) or 0x8N then N bytes; the version follows.
  const lengthBytes = head[1] < 0x80 ? 0 : head[1] & 0x7f;
  const at = 2 + lengthBytes;
  return head[at] === 0x02 && head[at + 1] === 0x01 && head[at + 2] === 0x03 ? 'PKCS#12' : undefined;
}

/**
 * The message for a secret found in a credential store: the file itself must stay out of git
 * (moving one value to `.env` would leave the file, and the rest of it, where it is). Undefined for
 * any other file, whose secrets get the usual "move it to .env" message.
 */
export function credentialStoreMessage(path: string, provider: string, masked: string, tracked: boolean): string | undefined {
  const store = credentialStoreOf(path);
  if (!store) return undefined;
  const what = `${provider} (${masked}) is in ${store.name}, a ${store.kind}`;
  return tracked
    ? `${what} that git tracks: anyone with the repository can use it. Untrack the file (git rm --cached ${store.name}), add it to .gitignore, and rotate what it holds: it stays in the history.`
    : `${what}: keep the whole file out of git. Add it to .gitignore before it is committed.`;
}
