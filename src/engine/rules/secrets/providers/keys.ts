import { providerRule } from './define';
import { BASE64, BASE64URL, join, synth } from '../../samples';
import { keyBlockEncrypted, OPENSSH_MAGIC } from './keyBlocks';

export { pemBody, pemBodyValid, keyBlockEncrypted } from './keyBlocks';

// Key material: PEM / OpenSSH / PuTTY / PGP private keys, JWTs and age identities. The finding
// spans the whole block, so that a fix can move it out of the file in one piece.

const PEM_KINDS = '(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?';
// A block's body stops at the next block's header: bounded only by 20,000, the bodies of many
// headers without an end overlapped, and each was read 20,000 characters far (issue 13).
const PEM = new RegExp(`(?<secret>-----BEGIN (?<kind>${PEM_KINDS})-----(?:(?!-----BEGIN )[\\s\\S]){40,20000}?-----END \\k<kind>-----)`);
const PUTTY = /(?<secret>PuTTY-User-Key-File-[23]: [\w-]+(?:\r\n?|\n)(?:(?!PuTTY-User-Key-File-)[\s\S]){20,20000}?Private-MAC: [0-9a-f]{40,64})/;

// Sample builders: structurally real blocks around synthetic random bytes.
const lines = (body: string) => body.match(/.{1,64}/g)!.join('\n');
const pem = (kind: string, body: string, headers = '') => join('-----BEGIN ', kind, '-----\n', headers, lines(body), '\n-----END ', kind, '-----');
const der = (seed: number) => join('MIIEo', synth(BASE64, 1200, seed));
function openssh(cipher: string, seed: number): string {
  // As ssh-keygen lays it out: cipher, KDF name, empty KDF options and a key count of one, whose
  // zero bytes make the run of nine `A`s every real body has.
  const binary = OPENSSH_MAGIC + '\0\0\0' + String.fromCharCode(cipher.length) + cipher + '\0\0\0\x04none' + '\0\0\0\0' + '\0\0\0\x01' + synth(BASE64, 300, seed);
  return btoa(binary);
}
function putty(encryption: string, seed: number): string {
  return [
    join('PuTTY-User-Key-', 'File-3: ssh-ed25519'),
    `Encryption: ${encryption}`,
    'Comment: deploy@build',
    'Public-Lines: 2',
    lines(synth(BASE64, 96, seed)),
    'Private-Lines: 1',
    synth(BASE64, 64, seed + 1),
    `Private-MAC: ${synth('0123456789abcdef', 64, seed + 2)}`,
  ].join('\n');
}

const keyDoc = {
  rotate: undefined,
  notes: 'A PUBLIC KEY block, a CERTIFICATE or an `ssh-ed25519 AAAA…` public key line is not reported. A block whose body is elided (`...`) or filler is not reported either.',
};

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const padded = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
    const value: unknown = JSON.parse(atob(padded));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A signed JWT: the header is JSON with a real algorithm, the payload JSON, not the jwt.io sample. */
export function jwtValid(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  const head = decodeJsonPart(header);
  if (!head || typeof head.alg !== 'string' || head.alg.toLowerCase() === 'none') return false;
  const claims = decodeJsonPart(payload);
  if (!claims) return false;
  if (claims.sub === '1234567890' && claims.name === 'John Doe') return false; // jwt.io's sample token
  if (Object.keys(claims).length === 1 && claims.some === 'payload') return false; // PyJWT's README sample
  return signature.length >= 16;
}

const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/={1,2}$/, ''); // base64 pads with at most two `=`; `=+$` is quadratic on a run
const jwt = (header: object, claims: object, seed: number) => join(b64url(JSON.stringify(header)), '.', b64url(JSON.stringify(claims)), '.', synth(BASE64URL, 43, seed));

export const keyRules = [
  providerRule({
    id: 'secret/private-key',
    title: 'Private key',
    provider: 'Private key',
    keywords: ['private key', 'putty-user-key-file'],
    pattern: PEM,
    alsoMatch: [PUTTY],
    envName: 'PRIVATE_KEY',
    prefix: '-----BEGIN ',
    skipPlaceholderCheck: true,
    validate: (block) => keyBlockEncrypted(block) === false,
    doc: {
      format: 'An unencrypted private key block: PEM (`BEGIN RSA/EC/DSA PRIVATE KEY`, PKCS#8 `BEGIN PRIVATE KEY`), OpenSSH (`BEGIN OPENSSH PRIVATE KEY` whose cipher is `none`), PGP (`BEGIN PGP PRIVATE KEY BLOCK`) or a PuTTY `.ppk` with `Encryption: none`. Also found inside strings with `\\n` escapes. The finding covers the whole block.',
      ...keyDoc,
      notes: `${keyDoc.notes} The body must look like a key: base64 of enough length and randomness, DER-shaped for PEM, with the \`openssh-key-v1\` magic for OpenSSH; runs of \`A\` (zero bytes) are normal in real keys, runs of other characters and \`xxxxxx\` are filler. One block is one finding, however it is embedded (\`\\n\` escapes, one string literal per line, YAML, JSON). When the file is itself a key file (\`id_rsa\`, \`deploy_key\`, \`github_rsa\`, \`*.pem\`, \`*.key\`, \`*.ppk\`), the message and the quick fix are about the file: keep it out of git (\`.gitignore\`), untrack it if git tracks it. Replace the key (generate a new pair, install the new public half, remove the old one everywhere it is authorised: servers' authorized_keys, deploy keys, certificate authorities).`,
    },
    samples: {
      positive: () => [
        { text: `${pem(join('RSA ', 'PRIVATE KEY'), der(1))}\n`, path: 'deploy/id_rsa.pem' },
        `const key = "${pem(join('PRIVATE', ' KEY'), der(2)).replace(/\n/g, '\\n')}";`,
        { text: `${pem(join('OPENSSH ', 'PRIVATE KEY'), openssh('none', 3))}\n`, path: 'id_ed25519' },
        { text: `${putty('none', 4)}\n`, path: 'deploy.ppk' },
        { text: `${pem(join('EC ', 'PRIVATE KEY'), join('MHcCAQEE', synth(BASE64, 150, 5)))}\n`, path: 'ec.key' },
        // The shortest real body: an Ed25519 PKCS#8 key is 64 characters, `+` among them.
        { text: `${pem(join('PRIVATE', ' KEY'), join('MC4CAQAwBQYDK2VwBCIEI', synth(BASE64, 38, 41), '+', synth(BASE64, 4, 42)))}\n`, path: 'ed25519.pem' },
        // OpenPGP armour: a blank line after the headers and a CRC-24 line before the end.
        { text: `${pem(join('PGP PRIVATE', ' KEY BLOCK'), join('lQ', synth(BASE64, 900, 43)), 'Comment: exported\n\n').replace(/\n(-----END)/, `\n=${synth(BASE64, 4, 44)}\n$1`)}\n`, path: 'secret.asc' },
        // String concatenation, one line of the key per literal (Java, JS, Go, C#).
        `String key = "${pem(join('RSA ', 'PRIVATE KEY'), der(45)).split('\n').join('\\n" +\n    "')}";`,
      ],
      negative: () => [
        { text: `${pem(join('PUBLIC', ' KEY'), der(6))}\n`, path: 'pub.pem', reason: 'a public key is meant to be shared' },
        { text: `${pem('CERTIFICATE', der(7))}\n`, path: 'cert.pem', reason: 'a certificate is public' },
        { text: `${join('-----BEGIN ', 'RSA PRIVATE KEY-----')}\n...\n${join('-----END ', 'RSA PRIVATE KEY-----')}\n`, path: 'README.txt', reason: 'an elided body in documentation' },
        { text: `${pem(join('RSA ', 'PRIVATE KEY'), 'MIIE' + 'X'.repeat(400))}\n`, path: 'fixture.pem', reason: 'filler body: no randomness' },
        { text: `${pem(join('RSA ', 'PRIVATE KEY'), join('MIIEowIBAAKCAQEA', synth(BASE64, 300, 46), 'x'.repeat(40)))}\n`, path: 'fixture.pem', reason: 'a real-looking start, then masked with x: documentation' },
        { text: `${pem(join('OPENSSH ', 'PRIVATE KEY'), openssh('aes256-ctr', 8))}\n`, path: 'id_ed25519', reason: 'passphrase-protected: reported by secret/private-key-encrypted instead' },
        { text: `ssh-ed25519 ${synth(BASE64, 68, 9)} deploy@build\n`, path: 'id_ed25519.pub', reason: 'an OpenSSH public key line' },
      ],
    },
  }),
  providerRule({
    id: 'secret/private-key-encrypted',
    title: 'Passphrase-protected private key',
    provider: 'Encrypted private key',
    keywords: ['private key', 'putty-user-key-file'],
    pattern: PEM,
    alsoMatch: [PUTTY],
    envName: 'PRIVATE_KEY',
    prefix: '-----BEGIN ',
    skipPlaceholderCheck: true,
    validate: (block) => keyBlockEncrypted(block) === true,
    doc: {
      format: 'A private key block protected by a passphrase: PKCS#8 `BEGIN ENCRYPTED PRIVATE KEY`, a legacy PEM with `Proc-Type: 4,ENCRYPTED`, an OpenSSH key whose cipher is not `none`, or a PuTTY key with an `Encryption:` other than `none`.',
      notes: 'Decision: reported as its own rule, at the same committed/uncommitted severity as every secret, but separate so that a team can turn it down. An encrypted key is lower risk than a bare one, yet it can be attacked offline forever once published, and passphrases are often weak or sit next to the key. Treat a committed one as compromised and replace it.',
    },
    samples: {
      positive: () => [
        { text: `${pem(join('ENCRYPTED ', 'PRIVATE KEY'), der(11))}\n`, path: 'key.p8' },
        { text: `${pem(join('RSA ', 'PRIVATE KEY'), synth(BASE64, 1200, 12), 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C3D4E5F60718293A4B5C6D7E8F9\n\n')}\n`, path: 'legacy.pem' },
        { text: `${pem(join('OPENSSH ', 'PRIVATE KEY'), openssh('aes256-ctr', 13))}\n`, path: 'id_ed25519' },
        { text: `${putty('aes256-cbc', 14)}\n`, path: 'deploy.ppk' },
      ],
      negative: () => [
        { text: `${pem(join('RSA ', 'PRIVATE KEY'), der(15))}\n`, path: 'id_rsa', reason: 'not encrypted: reported by secret/private-key instead' },
        { text: `${join('-----BEGIN ', 'ENCRYPTED PRIVATE KEY-----')}\n<your key>\n${join('-----END ', 'ENCRYPTED PRIVATE KEY-----')}\n`, path: 'README.txt', reason: 'a placeholder body' },
      ],
    },
  }),
  providerRule({
    id: 'secret/jwt',
    title: 'JSON Web Token',
    provider: 'JSON Web Token',
    keywords: ['eyj'],
    pattern: /(?<![\w-])(?<secret>eyJ[\w-]{10,2000}\.eyJ[\w-]{4,8000}\.[\w-]{16,1000})(?![\w-])/,
    envName: 'JWT',
    prefix: 'eyJ',
    minEntropy: 4,
    validate: jwtValid,
    doc: {
      format: 'Three base64url parts separated by dots, the first two decoding to JSON objects. A JWT is a bearer credential: whoever holds it is whoever it names, until it expires.',
      notes: 'A token whose header says `"alg": "none"` (unsigned), a part that is not JSON, and the well-known jwt.io sample (`sub` 1234567890, `name` John Doe) are not reported. Revoke by rotating the signing key or the session it belongs to; long-lived tokens (service tokens, API keys that are JWTs) matter most.',
    },
    samples: {
      positive: () => [
        `const auth = "Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc-billing', role: 'admin', iat: 1700000000 }, 21)}";`,
        { text: `token: ${jwt({ alg: 'RS256', kid: 'k1' }, { iss: 'https://auth.internal', aud: 'api', exp: 2000000000 }, 22)}\n`, path: 'config.yml' },
      ],
      negative: () => [
        { text: `const t = "${jwt({ alg: 'none', typ: 'JWT' }, { sub: 'test' }, 23)}";`, reason: 'an unsigned token (alg none) grants nothing' },
        { text: `const t = "${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 24)}";`, reason: "jwt.io's published sample token" },
        { text: `const t = "${join('eyJ', synth(BASE64URL, 30, 25), '.eyJ', synth(BASE64URL, 30, 26), '.', synth(BASE64URL, 30, 27))}";`, reason: 'the parts do not decode to JSON: not a JWT' },
      ],
    },
  }),
  providerRule({
    id: 'secret/age-secret-key',
    title: 'age secret key',
    provider: 'age secret key',
    keywords: ['age-secret-key-1'],
    pattern: /(?<![\w-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![\w-])/,
    envName: 'AGE_SECRET_KEY',
    prefix: 'AGE-SECRET-KEY-1',
    minEntropy: 3.5,
    doc: {
      format: '`AGE-SECRET-KEY-1` followed by 58 bech32 characters: an identity for the age encryption tool (and SOPS). It decrypts every file encrypted to its recipient.',
      notes: 'The recipient (`age1…`) is the public half and is not reported. Generate a new identity and re-encrypt the files to it.',
    },
    samples: {
      positive: () => [{ text: `# created: 2024-01-01\n${join('AGE-SECRET-', 'KEY-1', synth('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58, 31))}\n`, path: 'keys.txt' }],
      negative: () => [
        { text: `recipient: age1${synth('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58, 32)}`, path: '.sops.yaml', reason: 'the public recipient' },
        { text: 'AGE_KEY=AGE-SECRET-KEY-1...', path: 'README.sh', reason: 'elided in documentation' },
      ],
    },
  }),
];
