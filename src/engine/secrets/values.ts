// Judging a candidate value: is it random enough to be a secret, or is it a placeholder,
// a reference to somewhere else (an environment lookup, a template, a file path)?

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Keys the providers themselves publish in their documentation or ship in emulators; never real.
 * Kept in parts so that this file is not itself a finding for other scanners.
 */
const DOCUMENTED_EXAMPLES = new Set([
  ['AKIA', 'IOSFODNN7EXAMPLE'],
  ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'],
  ['AKIA', 'I44QH8DHBEXAMPLE'],
  ['je7MtGbClwBF/2Zp9Utk/', 'h3yCo8nvbEXAMPLEKEY'],
  // Azurite / Azure Storage Emulator account key for devstoreaccount1.
  ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw=='],
  // The bot token in Discord's API reference (the Authorization header example).
  ['MTk4NjIyNDgzNDcxOTI1MjQ4', '.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs'],
  // The access, refresh and OAuth 1 tokens of the examples in RFC 6749 and RFC 5849.
  ['2YotnFZFEjr1', 'zCsicMWpAA'],
  ['tGzv3JOkF0XG', '5Qx2TlKWIA'],
  ['ad180jjd', '733klru7'],
  // The test secret key printed throughout Stripe's API reference.
  ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'],
  // The challenge token of the examples in RFC 8555 (ACME).
  ['evaGxfADs6pSRb2LAv9IZf17Dt3', 'juxGJ-PCt92wr-oA'],
  // The access and secret key of MinIO's public demo server (play.min.io), printed in its docs.
  ['Q3AM3UQ867', 'SPQQA43P2F'],
  ['zuf+tfteSlswRu7BJ86wekit', 'nifILbZam1KYY3TG'],
].map((parts) => parts.join('')));

const PLACEHOLDER_WORDS = [
  'changeme', 'change_me', 'change-me', 'replaceme', 'replace_me', 'replace-me', 'placeholder',
  'example', 'sample', 'dummy', 'redacted', 'yourkey', 'insert', 'fixme',
  'notasecret', 'not-a-secret', 'not_a_secret', 'secret_here', 'key_here', 'token_here',
  'xxxx', '****', '....', 'lorem', 'ipsum', 'foobar', 'mysecret', 'supersecret',
  'password', 'passwd', 'letmein', 'hunter2', 'testtest', 'invalid', 'goes_here', 'goes-here', 'goeshere',
  // The conventional anonymous-FTP password, the classic hacker stand-in word, the tutorial suffix.
  'anonymous', 'xyzzy', 'abc123',
];

/** "my" and then what the value stands in for: `MYTOKEN1`, `my_api_key`, `mySecretKey`. */
const MY_SECRET_WORD = /^my[-_]?(?:[a-z]+[-_]?)?(?:token|key|secret|pass(?:word)?|pwd)/i;

/**
 * Short words that a long random token contains by chance now and then (one in a few hundred
 * tokens holds "tbd" somewhere). They count only as a word: at either end of the value, next to
 * punctuation, or Capitalised inside camelCase (`myFakeKey`).
 */
const SHORT_PLACEHOLDER = /(?:^|[^A-Za-z0-9])(?:your|todo|tbd|fake|mock)|(?:your|todo|tbd|fake|mock)(?:$|[^A-Za-z0-9])/i;
const SHORT_PLACEHOLDER_CAMEL = /(?:Your|Todo|Fake|Mock)[A-Z]/;

/** Values that stand for another value instead of being one. */
const REFERENCE_PATTERNS: RegExp[] = [
  /^\$\{[^}]*\}$/, // ${VAR}, ${{ secrets.X }}
  /\$\{\{?\s*[\w.-]+\s*\}?\}/, // embedded ${VAR}
  /\$\{[^{}]*\}/, // embedded ${expression}: a template literal builds the value
  /\$\{[A-Za-z_][\w.]*\(/, // the start of a call interpolated into it, cut off at a space: ${make(A, 43)}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\([^)]*\)$/, // $(command) or $(VAR)
  /^\$\{?[A-Za-z_]\w*\}?[/\\]/, // a path under a variable: $dir/private/cakey.pem
  // Interpolated variables only: "$user:$pass", "$v[0]:$v[1]". A `_` separator only after `]` or
  // `}`: after a word character `\w*` takes it, and letting either take it was exponential.
  /^(?:\$\{?[A-Za-z_]\w*(?:\[\w*\]|->\w+)*\}?(?:[:@/.-]|(?<=[\]}])_)?){2,}$/,
  // {{ .Values.x }}, mustache, jinja: `{{` then `}}` on the same line, read from the line's start up
  // to its first `{{` only (`\{\{.*\}\}` re-read the rest of the line from every `{{`: quadratic).
  /(?:^|[\n\r\u2028\u2029])(?:[^\n\r\u2028\u2029{]|\{(?!\{))*\{\{[^\n\r\u2028\u2029]*\}\}/,
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR% (Windows)
  /^#\{[^}]*\}$/, // #{token} (Octopus, Azure pipelines)
  /^@[A-Za-z_][\w.]*@$/, // @VAR@ (Maven filtering)
  /^<[^<>]+>$/, // <your-key>
  /^\[[^\]]+\]$/, // [token]
  /\b(process\.env|os\.environ|os\.getenv|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|env\()/,
  /^(secrets|vars|env|inputs|steps|needs)\.[\w.-]+$/, // GitHub Actions expressions
  /^vault:/i,
  /^(arn|projects|op|keyvault|awssm|gcpsm|sops):/i, // secret-manager references
  /^\{cipher\}/i, // Spring Cloud Config: encrypted with the config server's key, decrypted at run time
  /^ENC\([^()]*\)$/, // Jasypt: an encrypted property
  /^\{[^{}]*\}$/, // one interpolation field: Python f-string or str.format {get_pw()}, C# $"{pw}"
  /%(?:\([\w.]+\))?[sdr](?![A-Za-z0-9])/, // a printf-style field: '__omit_place_holder__%s' % digest
];

export function isDocumentedExample(value: string): boolean {
  // Upper-case suffixes that label a stand-in: `…EXAMPLE`, `…EXAMPLEKEY`, `…TESTKEY`, `…FAKEKEY`.
  return DOCUMENTED_EXAMPLES.has(value) || /(?:EXAMPLE(?:KEY)?|TESTKEY|FAKEKEY)$/.test(value);
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERNS.some((pattern) => pattern.test(value));
}

/** A file path or URL path rather than a secret. */
export function looksLikePath(value: string): boolean {
  if (/^(\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(value)) return true;
  if (/^[\w.-]+\/[\w./-]+$/.test(value) && /\.[a-z]{2,5}$/i.test(value)) return true;
  return /\.(pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|jks|keystore)$/i.test(value);
}

/** Same character repeated, a run of the alphabet or digits, or a mask like ******** */
function isTrivial(value: string): boolean {
  if (/^(.)\1+$/.test(value)) return true;
  if (/^(.{1,4})\1{2,}$/.test(value)) return true;
  const lower = value.toLowerCase();
  return 'abcdefghijklmnopqrstuvwxyz'.includes(lower) || '0123456789012345678901234567890'.includes(lower);
}

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEYBOARD_NEIGHBOURS = new Set(KEYBOARD_ROWS.flatMap((row) => [...row.slice(1)].flatMap((key, i) => [row[i] + key, key + row[i]])));

/**
 * Typed by running a hand along the keyboard (`qwe089234lkjsdf`, `asdfgh123`): at least four, and
 * at least 40%, of the neighbouring character pairs are neighbouring keys of one row. A random
 * value has such a pair once in about twenty, so a real key almost never reaches this.
 */
export function looksKeyboardMashed(value: string): boolean {
  const lower = value.toLowerCase();
  let runs = 0;
  for (let i = 1; i < lower.length; i += 1) if (KEYBOARD_NEIGHBOURS.has(lower[i - 1] + lower[i])) runs += 1;
  return runs >= 4 && runs >= 0.4 * (lower.length - 1);
}

/** Whole values that tutorials and tests use as stand-ins; as a real credential they would be worthless. */
const STAND_IN_VALUES = new Set([
  'abc123', 'abcd1234', '123456', '1234567', '12345678', '123456789', 'qwerty', 'admin', 'root', 'test',
  'pass', 'passwd', 'password', 'secret', 'token', 'user', 'guest', 'demo', 'default', 's3cr3t', 'p4ssw0rd',
  'hello', 'welcome', 'passw0rd',
  // Oracle's demo account scott/tiger, in database documentation everywhere.
  'tiger',
]);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '0': 'o', '$': 's', '5': 's', '7': 't' };

/** A stand-in spelt with symbols, digits or brackets: `P@ssw0rd!`, `p@ss(word)`, `$ecret`. */
function spelledStandIn(lower: string): boolean {
  const letters = lower.replace(/[@43105$7]/g, (char) => LEET[char]).replace(/[^a-z]/g, '');
  return letters.length >= 4 && STAND_IN_VALUES.has(letters);
}

export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (value.trim().length === 0) return true;
  if (STAND_IN_VALUES.has(lower) || STAND_IN_VALUES.has(lower.replace(/[-_]?\d{1,4}$/, '')) || spelledStandIn(lower)) return true;
  if (MY_SECRET_WORD.test(value)) return true;
  if (looksKeyboardMashed(value)) return true;
  if (isTrivial(value)) return true;
  if (/x{4,}|X{4,}|\*{3,}|\.{3,}|_{4,}|#{4,}|0{8,}/.test(value)) return true;
  if (SHORT_PLACEHOLDER.test(value) || SHORT_PLACEHOLDER_CAMEL.test(value)) return true;
  // A word in angle brackets (`<your-key>`, `sk_<TOKEN>`) or a lone bracket at either end; not any
  // `<` or `>`: WordPress's salts draw both from their alphabet.
  if (/<[A-Za-z][\w .-]*>|^[<>]|[<>]$/.test(value)) return true;
  return PLACEHOLDER_WORDS.some((word) => lower.includes(word));
}

/** Anything that makes a value not worth reporting, whatever rule matched it. */
export function isBenignValue(value: string): boolean {
  return isDocumentedExample(value) || isReference(value) || isPlaceholder(value);
}

/**
 * camelCase or PascalCase words (event names, enum members), each a pronounceable word or a short
 * acronym. Random letters break into many one-letter or vowel-less pieces and fail this.
 */
export function looksLikeIdentifier(value: string): boolean {
  const name = value.replace(/^_+/, '');
  if (!/^[A-Za-z]+\d{0,2}$/.test(name)) return false;
  const words = name.replace(/(?<!\d)\d+$/, '').match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]/g) ?? [];
  if (words.length < 2 || name.length / words.length < 3.5) return false;
  return words.every((word) => (word.length >= 2 && /[aeiouy]/i.test(word)) || /^[A-Z]{2,5}$/.test(word));
}

/**
 * Regular-expression syntax that a key would hold only by chance: `.*`, `.+`, `\d`, `\.`, `[a-z`,
 * a quantified class `]+`, `(?:`, `{12}`.
 */
export function looksLikeRegex(value: string): boolean {
  return /\.[*+]|\\[dwsb.]|\[(?:a-z|A-Z|0-9)|\][*+?]|\(\?[:=!]|\{\d+(?:,\d*)?\}/.test(value);
}

/**
 * Base64 whose bytes are a line of text with spaces in it: somebody encoded a sentence ("this is
 * not a real value"). A key decodes to bytes without that shape; `user:password` has no space.
 */
export function decodesToText(value: string): boolean {
  let end = value.length; // padding cut by a scan: `=+$` re-reads a run of `=` from each of them (issue 13)
  while (end > 0 && value[end - 1] === '=') end--;
  const body = value.slice(0, end);
  if (body.length < 12 || body.length % 4 === 1 || !/^[A-Za-z0-9+/]+$/.test(body)) return false;
  let decoded: string;
  try {
    decoded = atob(body + '='.repeat((4 - (body.length % 4)) % 4));
  } catch {
    return false;
  }
  return /^[\x20-\x7e]+$/.test(decoded) && / [A-Za-z]/.test(decoded) && (decoded.match(/ /g)?.length ?? 0) >= 2;
}

/**
 * An upper-case name made of words joined by `-` or `_` (`__ES6-PROMISIFY--CUSTOM-ARGUMENTS__`).
 * Each piece must read as a word (a quarter of its letters vowels) or an acronym of up to four
 * letters, with at most two digits at its end. Random upper-case keys (base32 seeds, licence
 * keys) put digits inside their groups or string consonants together, and fail this.
 */
export function looksLikeConstantName(value: string): boolean {
  // `(?<![-_])`: a trailing run is read once from its first character, not from each of them.
  const pieces = value.replace(/^[-_]+|(?<![-_])[-_]+$/g, '').split(/[-_]+/);
  if (pieces.length < 2) return false;
  return pieces.every((piece) => {
    const letters = /^([A-Z]+)\d{0,2}$/.exec(piece)?.[1];
    if (!letters) return false;
    return letters.length <= 4 || (letters.match(/[AEIOUY]/g)?.length ?? 0) >= letters.length / 4;
  });
}

/**
 * The value spells out the name it is assigned to (`termToken: "term-token-gPFE…"`,
 * `clientSecret = "my-client-secret-1"`): an example labelled for the reader. A key issued by a
 * service never contains the variable name somebody chose for it.
 */
export function repeatsName(name: string, value: string): boolean {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const squashedName = squash(name);
  return squashedName.length >= 5 && squash(value).includes(squashedName);
}

/**
 * A long value drawn from printable ASCII that happens to hold a space or two: WordPress's salts
 * (`define('AUTH_KEY', '…')`, 64 characters from an alphabet with a space in it). A sentence has a
 * space every few characters and far less entropy.
 */
function randomWithSpaces(value: string): boolean {
  const spaces = value.match(/\s/g)?.length ?? 0;
  return value.length >= 40 && spaces <= value.length / 16 && !/\s\s|\n/.test(value) && shannonEntropy(value) >= 4.8;
}

/**
 * For generic, secret-named assignments only: does the value look like a machine-made secret?
 * Needs length, some entropy, and not a plain word or sentence.
 */
export function looksRandomEnough(value: string, minEntropy = 3.0): boolean {
  if (value.length < 8 || value.length > 500) return false;
  if (/\s/.test(value) && !randomWithSpaces(value)) return false; // sentences, descriptions
  if (looksLikePath(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false; // a URL; passwords inside URLs have their own rules
  if (/^urn:[a-z0-9-]+:/i.test(value)) return false; // a URN names a thing (a WebDAV lock token), it grants nothing
  if (/^[A-Za-z_][\w.-]*[=:]$/.test(value)) return false; // the next key of a list: "password= scmVersion="
  if (/^[a-z]+$/.test(value) || /^[A-Z][a-z]+$/.test(value)) return false; // plain words
  if (/^[A-Z_]+$/.test(value) || looksLikeConstantName(value)) return false; // CONSTANT_NAMES
  if (/^(true|false|null|none|nil|undefined)$/i.test(value)) return false;
  if (/^[a-z]+([._-](?:[a-z]+|\d{1,4}))+[!.?]?$/i.test(value)) return false; // dotted identifiers, kebab words: client-valid-token-1, This-is-my-test-99!
  if (/^[A-Za-z_$]+(?:\.[A-Za-z_$]+)+[)\]}]*$/.test(value)) return false; // a property path: req_data.oauth_token})
  if (looksLikeRegex(value)) return false; // a pattern: arn:aws:.*:secret:[\w-]+
  if (decodesToText(value)) return false; // base64 of a sentence: "this is not a real value"
  if (/^\d+$/.test(value)) return false;
  if (looksLikeIdentifier(value)) return false; // "acquireTokenByRefreshToken", "PlatformAuthDOMGetToken"
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(/.test(value)) return false; // a call: matchToToken(match)
  if (/^[A-Za-z_][\w.]*\[[\w.,[\] |]*\]$/.test(value)) return false; // a type: typing.Optional[KEY_TYPES]
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  if (classes < 2) return false;
  return shannonEntropy(value) >= minEntropy;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stricter than looksRandomEnough, for names that say little (`STRIPE_KEY` but also `CACHE_KEY`):
 * 16 or more characters mixing upper case, lower case and (mostly) digits, or 32 or more hex digits, with
 * high entropy, and not a UUID (which names a record far more often than it grants access).
 */
export function looksMachineMade(value: string): boolean {
  if (value.length < 16 || UUID.test(value)) return false;
  if (/^(?:[0-9a-f]{32,}|[0-9A-F]{32,})$/.test(value)) return /\d/.test(value) && /[a-f]/i.test(value);
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || looksLikeIdentifier(value)) return false;
  // One random key in a few hundred has no digit; it must then be longer and more varied.
  return /\d/.test(value) ? shannonEntropy(value) >= 4.0 : value.length >= 24 && shannonEntropy(value) >= 4.3;
}
