import { minimatch } from 'minimatch';
import type { Config } from './config';
import { defaultConfig, ruleSetting } from './config';
import { fingerprint } from './baseline';
import { keyStoreFormat } from './credentialStores';
import type { FileInfo, Finding, RuleMeta } from './types';
import { baseName } from './fileKind';

// A binary key store (PKCS#12 `.p12`/`.pfx`, Java `.jks`/`.jceks`) is a credential as a whole
// file: the text scan never sees it (binary files are skipped), so the CLI hands its bytes here.
// Like gitleaks' pkcs12-file rule, but by name and magic bytes, so a renamed text file is not
// reported and a key store is recognised whatever wrote it.

export const keyStoreFile: RuleMeta = {
  id: 'secret/key-store-file',
  category: 'secret',
  title: 'Key store file',
  cwe: 'CWE-538',
  severity: 'warning',
  help: 'A key store holds private keys behind a password that is often a default or sits next to it; keep the file out of git (add it to .gitignore, and untrack it with git rm --cached if it was committed), and replace the keys it holds if it was ever pushed.',
};

const committed = (file: FileInfo) => file.gitState === 'tracked' || file.gitState === 'staged';

/**
 * A key store's first bytes as an editor hands them over when it opens the file as text: decoded
 * as UTF-8, where each byte that is not valid UTF-8 became U+FFFD, or as Latin-1 (byte for byte).
 * Only the ASCII bytes of the magic survive the first, so that is what this checks.
 */
export function keyStoreTextFindings(text: string, file: FileInfo, config: Config = defaultConfig(), baseline?: ReadonlySet<string>): Finding[] {
  const head = text.slice(0, 16);
  let bytes: Uint8Array | undefined;
  if (/^(?:\uFFFD{4}|\xFE\xED\xFE\xED)\0\0\0[\x01\x02]/.test(head)) bytes = Uint8Array.of(0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, head.charCodeAt(head.indexOf('\0') + 3));
  else if (/^(?:\uFFFD{4}|\xCE{4})\0\0\0[\x01\x02]/.test(head)) bytes = Uint8Array.of(0xce, 0xce, 0xce, 0xce, 0, 0, 0, head.charCodeAt(head.indexOf('\0') + 3));
  // PKCS#12: a SEQUENCE ("0") whose version INTEGER 3 (02 01 03) follows a length of up to 5 bytes.
  else if (/^0[^]{1,5}\x02\x01\x03/.test(head)) bytes = Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x03);
  return bytes ? keyStoreFindings(bytes, file, config, baseline) : [];
}

/** The finding for a key store file, from its first bytes (16 are enough); none for anything else. */
export function keyStoreFindings(head: Uint8Array, file: FileInfo, config: Config = defaultConfig(), baseline?: ReadonlySet<string>): Finding[] {
  const format = keyStoreFormat(file.path, head);
  if (!format) return [];
  const setting = ruleSetting(config, keyStoreFile.id);
  if (setting === 'off') return [];
  if (config.allowlist.paths.some((glob) => minimatch(file.path, glob, { dot: true }))) return [];
  // The value a fingerprint hashes: what the file is, not its bytes, so that re-exporting the same
  // store under the same name keeps an accepted finding accepted.
  const print = fingerprint(keyStoreFile.id, `${format}:${file.path}`, file.path);
  if (baseline?.has(print)) return [];
  const name = baseName(file.path);
  const message = committed(file)
    ? `${name} is a ${format} key store ${file.gitState === 'staged' ? 'staged in git' : 'committed to git'}: anyone with the repository can attack its password offline and take the private keys in it. Untrack it (git rm --cached ${name}), add it to .gitignore, and replace the keys and certificates it holds.`
    : `${name} is a ${format} key store: it holds private keys. Keep it out of git: add it to .gitignore before it is committed.`;
  return [{
    ruleId: keyStoreFile.id,
    category: 'secret',
    title: keyStoreFile.title,
    cwe: keyStoreFile.cwe,
    severity: setting ?? (committed(file) ? 'error' : 'warning'),
    message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    excerpt: `(binary ${format} key store)`,
    fingerprint: print,
    data: { format, credentialStore: 'key store', committed: committed(file) },
  }];
}
