import fc from 'fast-check';

// Generators for the data-safety properties: .env and .gitignore files as people write them
// (CRLF, no final newline, BOM, comments, `export`, quoted values, unicode) and secret values
// full of the characters that break naive quoting.

export const eolArb = fc.constantFrom('\n', '\r\n');

const keyArb = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
const plainValueArb = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_./:@=+ é日🙂'.split('')), maxLength: 12 }).map((s) => s.trim());
const quotedValueArb = fc.string({ unit: fc.constantFrom(...'ab 1#$\\é'.split('')), maxLength: 10 });

/** One line of a well-formed .env file. */
export const envLineArb = fc.oneof(
  fc.tuple(keyArb, plainValueArb).map(([k, v]) => `${k}=${v}`),
  fc.tuple(keyArb, plainValueArb).map(([k, v]) => `export ${k}=${v}`),
  // A backslash before the closing quote makes dotenv's single-quote pattern run on: not well-formed.
  fc.tuple(keyArb, quotedValueArb).map(([k, v]) => `${k}='${v.replace(/\\$/, '')}'`),
  fc.tuple(keyArb, quotedValueArb).map(([k, v]) => `${k}="${v.replace(/\\/g, '')}"`),
  fc.tuple(keyArb, plainValueArb).map(([k, v]) => `${k} = ${v} # note`),
  fc.string({ maxLength: 20 }).map((s) => `# ${s.replace(/[\r\n]/g, ' ')}`),
  fc.constant(''),
  fc.constant('   '),
);

/** A whole file: optional BOM, lines joined by one line ending, with or without a final newline. */
export const envFileArb = fc.record({
  bom: fc.boolean(),
  lines: fc.array(envLineArb, { maxLength: 12 }),
  eol: eolArb,
  finalNewline: fc.boolean(),
}).map(({ bom, lines, eol, finalNewline }) => (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline && lines.length > 0 ? eol : ''));

/** Arbitrary text lines, including unbalanced quotes, for "never corrupt what is there" checks. */
export const junkFileArb = fc.array(fc.string({ maxLength: 20 }), { maxLength: 8 }).chain((lines) =>
  eolArb.map((eol) => lines.map((l) => l.replace(/[\r\n]/g, '')).join(eol)));

const secretChars = [...'aZ09+/=_-.', "'", '"', '`', '#', ' ', '$', '\\', '\n', '{', '}', 'é', '🙂', '\t'];
/** Secret values: mostly token-like, often with quotes, `#`, spaces, `$`, backslashes, newlines. */
export const secretArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCDEFabcdef0123456789_-'.split('')), minLength: 8, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...secretChars), minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
);

export const gitignoreLineArb = fc.oneof(
  fc.constantFrom('node_modules/', 'dist', '*.log', '# comment', '', '!keep.env', '.env.example', '.env*', '/.env', '.env', '!.env', 'build/**', 'coverage', '.DS_Store'),
  fc.string({ unit: fc.constantFrom(...'abc.*/!#\\ '.split('')), maxLength: 10 }),
);

export const gitignoreFileArb = fc.record({
  bom: fc.boolean(),
  lines: fc.array(gitignoreLineArb, { maxLength: 10 }),
  eol: eolArb,
  finalNewline: fc.boolean(),
}).map(({ bom, lines, eol, finalNewline }) => (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline && lines.length > 0 ? eol : ''));
