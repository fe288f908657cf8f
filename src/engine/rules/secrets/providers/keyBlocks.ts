import { shannonEntropy } from '../../../secrets/values';

// Reading a private-key block as the tools write it and as people embed it: the base64 body with
// headers, escapes and string-concatenation noise removed, whether it looks like a real key, and
// whether a passphrase protects it (PEM, PKCS#8, OpenSSH, PuTTY and OpenPGP).

const HEADER_FIELD = /^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset|MessageID):.*$/gm;
// Between two string literals of a concatenated or implicitly joined key: `\n" +\n  "`, `",\n "`
// (a JSON array of lines), `' .\n '` (PHP), `" \` (a shell or Python continuation). One character
// class between two quotes: linear.
const LITERAL_SEPARATOR = /["'`][\s+,.&\\]*["'`]/g;
// The OpenPGP armour's CRC-24 line (`=AbCd`), which is not part of the key's base64.
const ARMOR_CHECKSUM = /^=[A-Za-z0-9+/]{4}$/m;

/** The base64 body of a PEM-like block, with headers, escapes and string-concatenation noise removed. */
export function pemBody(block: string): string {
  const inner = block
    .replace(/^-----BEGIN [^-]+-----/, '')
    .replace(/-----END [^-]+-----(?:\\n)?$/, '')
    .replace(/\\r|\\n/g, '\n')
    .replace(LITERAL_SEPARATOR, '\n')
    .replace(HEADER_FIELD, '')
    .replace(ARMOR_CHECKSUM, '');
  // What is left around the body: indentation, line ends, and the quotes that open the first
  // literal or close the last one. A `+` is a base64 character and stays.
  return inner.replace(/["'`\s]/g, '');
}

/**
 * Filler, not key material: a run of eight of one character, except `A`, which is base64 for zero
 * bits: real OpenSSH, DER and OpenPGP bodies hold runs of `A` (big-endian lengths such as
 * `\0\0\0\x01`), so only a run of 32 `A`s is filler. And `xxxxxx`/`XXXXXX`, the usual masking.
 */
const FILLER = /([B-Za-z0-9+/])\1{7,}|A{32}|x{6}|X{6}/;

/** Enough random base64 to be a key, not `...`, `<your key here>` or `MIIE...XXXX`. */
export function pemBodyValid(block: string): boolean {
  // Padding cut by a scan: `=+$` re-read a run of `=` from each of them (quadratic).
  const padded = pemBody(block);
  let end = padded.length;
  while (end > 0 && padded[end - 1] === '=') end--;
  const body = padded.slice(0, end);
  // 64: an Ed25519 or X25519 PKCS#8 key, the shortest private key there is, is 64 characters.
  if (body.length < 64 || !/^[A-Za-z0-9+/]+$/.test(body)) return false;
  if (FILLER.test(body)) return false;
  return shannonEntropy(body) > 4.5;
}

function decode(body: string, chars = body.length): Uint8Array | undefined {
  try {
    const slice = body.slice(0, chars - (chars % 4));
    return Uint8Array.from(atob(slice), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** The cipher an `openssh-key-v1` body names (`none` when no passphrase), undefined when it is not one. */
function opensshCipher(body: string): string | undefined {
  const bytes = decode(body, 64);
  if (!bytes || String.fromCharCode(...bytes.slice(0, OPENSSH_MAGIC.length)) !== OPENSSH_MAGIC) return undefined;
  const at = OPENSSH_MAGIC.length;
  const length = (bytes[at + 2] << 8) | bytes[at + 3];
  return String.fromCharCode(...bytes.slice(at + 4, at + 4 + length));
}

/** Key-material sizes of OpenPGP public-key algorithms (RFC 9580 section 5.5.5): MPI counts, or fixed octets. */
const PGP_MPIS: Record<number, number> = { 1: 2, 2: 2, 3: 2, 16: 3, 17: 4 };
const PGP_OID_ALGORITHMS = new Set([18, 19, 22]);
const PGP_FIXED: Record<number, number> = { 25: 32, 26: 56, 27: 32, 28: 57 };

/** One OpenPGP packet's tag and where its body starts and ends (RFC 9580 section 4.2), or undefined. */
function pgpPacket(bytes: Uint8Array, at: number): { tag: number; start: number; end: number } | undefined {
  const first = bytes[at];
  if (first === undefined || (first & 0x80) === 0) return undefined;
  if (first & 0x40) {
    const octet = bytes[at + 1];
    if (octet < 192) return { tag: first & 0x3f, start: at + 2, end: at + 2 + octet };
    if (octet < 224) return { tag: first & 0x3f, start: at + 3, end: at + 3 + ((octet - 192) << 8) + bytes[at + 2] + 192 };
    if (octet === 255) return { tag: first & 0x3f, start: at + 6, end: at + 6 + ((bytes[at + 2] << 24) | (bytes[at + 3] << 16) | (bytes[at + 4] << 8) | bytes[at + 5]) };
    return undefined; // partial lengths: not used for keys
  }
  const size = [1, 2, 4, 0][first & 3];
  if (size === 0) return undefined;
  let length = 0;
  for (let i = 1; i <= size; i += 1) length = length * 256 + bytes[at + i];
  return { tag: (first >> 2) & 0x0f, start: at + 1 + size, end: at + 1 + size + length };
}

/** Where a v4/v5/v6 secret-key packet body's S2K usage octet is, past the public material. */
function s2kUsageAt(bytes: Uint8Array, start: number): number | undefined {
  const version = bytes[start];
  let at = start + 1 + 4; // version, creation time
  const algorithm = bytes[at];
  at += 1;
  if (version === 5 || version === 6) {
    // The public material is preceded by its length in four octets.
    return at + 4 + ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);
  }
  if (version !== 4) return undefined;
  const mpi = () => {
    at += 2 + Math.ceil(((bytes[at] << 8) | bytes[at + 1]) / 8);
  };
  if (PGP_MPIS[algorithm]) for (let i = 0; i < PGP_MPIS[algorithm]; i += 1) mpi();
  else if (PGP_OID_ALGORITHMS.has(algorithm)) {
    at += 1 + bytes[at]; // the curve OID
    mpi();
    if (algorithm === 18) at += 1 + bytes[at]; // ECDH's KDF parameters
  } else if (PGP_FIXED[algorithm]) at += PGP_FIXED[algorithm];
  else return undefined;
  return at;
}

/**
 * What the secret-key packets of an OpenPGP body hold: `plain` when one holds an unprotected key,
 * `encrypted` when every real one is passphrase-protected, `none` when all are stubs (GnuPG's
 * `gnu-dummy` primary of `--export-secret-subkeys`, or a key kept on a smartcard), undefined when
 * the packets cannot be read.
 */
export function pgpSecretKeyState(body: string): 'plain' | 'encrypted' | 'none' | undefined {
  const bytes = decode(body);
  if (!bytes || bytes.length < 8) return undefined;
  let sawKey = false;
  let sawEncrypted = false;
  for (let packet = pgpPacket(bytes, 0); packet && packet.start < bytes.length; packet = pgpPacket(bytes, packet.end)) {
    if (packet.tag !== 5 && packet.tag !== 7) continue;
    sawKey = true;
    const usageAt = s2kUsageAt(bytes, packet.start);
    if (usageAt === undefined || usageAt >= bytes.length) return undefined;
    const usage = bytes[usageAt];
    if (usage === 0) return 'plain';
    // GNU extension S2K (type 101, "GNU", mode 1 dummy / 2 smartcard): no secret material here.
    const gnu = (usage === 254 || usage === 255) && bytes[usageAt + 2] === 101 && String.fromCharCode(...bytes.slice(usageAt + 4, usageAt + 7)) === 'GNU';
    if (!gnu) sawEncrypted = true;
  }
  if (!sawKey) return undefined;
  return sawEncrypted ? 'encrypted' : 'none';
}

/** Is this key block protected by a passphrase? `undefined` when it is not a key at all. */
export function keyBlockEncrypted(block: string): boolean | undefined {
  if (block.startsWith('PuTTY-User-Key-File-')) {
    const encryption = /Encryption: ([\w-]+)/.exec(block)?.[1];
    if (!encryption || !/Private-Lines: \d+/.test(block)) return undefined;
    return encryption !== 'none';
  }
  if (!pemBodyValid(block)) return undefined;
  const kind = /^-----BEGIN ([A-Z ]+)-----/.exec(block)?.[1] ?? '';
  if (kind.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(block)) return true;
  const body = pemBody(block);
  if (kind === 'OPENSSH PRIVATE KEY') {
    const cipher = opensshCipher(body);
    return cipher === undefined ? undefined : cipher !== 'none';
  }
  if (kind.startsWith('PGP')) {
    const state = pgpSecretKeyState(body);
    // Stubs only: the export holds no secret. Unreadable packets: still a private key block.
    if (state === 'none') return undefined;
    return state === 'encrypted';
  }
  // DER: an ASN.1 SEQUENCE, so the base64 opens with "M".
  return body.startsWith('M') ? false : undefined;
}

export { OPENSSH_MAGIC };
