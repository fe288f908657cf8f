import { providerRule } from './define';
import { BASE64URL, join, synth } from '../../samples';

// JSON Web Keys (RFC 7517/7518). A JWK's public members (`n`, `e`, `x`, `y`) are meant to be
// published; its private members are the key: `d` (the private exponent of RSA, the private
// scalar of EC and OKP keys) and `k` (the whole symmetric key of an `oct` key). A JWKS endpoint
// serves only public members, so a `"d"` in a committed file means a private key was committed.

export const jwkRules = [
  providerRule({
    id: 'secret/jwk-private-key',
    title: 'JSON Web Key private member',
    provider: 'JWK private key',
    keywords: ['"d"', '"k"'],
    pattern: /"d"\s*:\s*"(?<secret>[\w-]{40,1400})"/,
    // A `"k"` counts only in an `oct` key: the member name is too short to mean anything alone.
    alsoMatch: [/"kty"\s*:\s*"oct"[^{}]{0,200}?"k"\s*:\s*"(?<secret>[\w-]{22,700})"/, /"k"\s*:\s*"(?<secret>[\w-]{22,700})"[^{}]{0,200}?"kty"\s*:\s*"oct"/],
    envName: 'JWK_PRIVATE_KEY',
    minEntropy: 4,
    doc: {
      format: 'The private member of a JSON Web Key: `"d"` (RSA, EC and OKP private keys; 40 or more base64url characters) and `"k"` of an `"kty": "oct"` symmetric key.',
      rotate: 'https://datatracker.ietf.org/doc/html/rfc7517#section-4',
      notes: 'Public JWKs and JWKS documents (`n`, `e`, `x`, `y` only) are not reported. Generate a new key pair, publish its public half, and stop accepting tokens signed with the old one.',
    },
    samples: {
      positive: () => [
        { text: `{"kty":"EC","crv":"P-256","x":"${synth(BASE64URL, 43, 1)}","y":"${synth(BASE64URL, 43, 2)}","d":"${synth(BASE64URL, 43, 3)}"}`, path: 'keys/signing.jwk.json' },
        { text: `{\n  "kty": "RSA",\n  "n": "${synth(BASE64URL, 342, 4)}",\n  "e": "AQAB",\n  "d": "${synth(BASE64URL, 342, 5)}"\n}\n`, path: 'config/jwks-private.json' },
        `const key = { "kty": "oct", "k": "${synth(BASE64URL, 43, 6)}" };`,
      ],
      negative: () => [
        { text: `{"kty":"RSA","n":"${synth(BASE64URL, 342, 7)}","e":"AQAB","kid":"${join('key', '-1')}"}`, path: 'jwks.json', reason: 'a public key has no private member' },
        { text: '{"d": "2024-01-01T00:00:00Z and more text that is long enough"}', path: 'data.json', reason: 'a date or prose in a field named d is not base64url' },
      ],
    },
  }),
];
