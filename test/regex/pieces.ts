// Adversarial inputs derived from a pattern's own text: the characters it looks for, in the order
// it looks for them. Quadratic matching needs many start positions that each read far ahead, and
// that is what repeating a pattern's pieces gives: `req` then many spaces, `&a&a&a...`,
// `Password=Password=...`, runs of `\"`. Each input is a `prefix` read once and a `pump`
// repeated up to the wanted length.

export interface Pump {
  prefix: string;
  pump: string;
}

/** Characters tried, in order, as the sample of a character class or escape. */
const CANDIDATES = ['a', 'A', '0', ' ', '\t', '\n', '_', '-', '.', '/', ':', '=', '"', "'", '<', '>', '(', ')', '[', ']', '{', '}', '\\', '@', '&', '?', '#', ',', ';', '$', '%', '*', '+', '|', '!', '~', '`', 'é', '\u0000'];

function sampleOf(atom: string, flags: string): string | undefined {
  const probe = new RegExp(`^(?:${atom})$`, flags.replace(/[gyd]/g, ''));
  return CANDIDATES.find((candidate) => probe.test(candidate));
}

/** Splits a pattern into samples of its atoms; `|` and group boundaries start a new word. */
export function words(source: string, flags: string): string[][] {
  const out: string[][] = [];
  let word: string[] = [];
  const flush = () => {
    if (word.length > 0) out.push(word);
    word = [];
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    let atom: string | undefined;
    if (c === '\\') {
      // Back-references and named references match what a group matched: no sample of their own.
      if (/[1-9]/.test(source[i + 1] ?? '')) {
        i += 2;
        continue;
      }
      if (source[i + 1] === 'k' && source[i + 2] === '<') {
        i = source.indexOf('>', i) + 1;
        continue;
      }
      const unicode = /^\\[uxpP](?:\{[^}]*\}|[0-9a-fA-F]{2,4})?/.exec(source.slice(i));
      atom = unicode && unicode[0].length > 2 ? unicode[0] : source.slice(i, i + 2);
      i += atom.length;
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      atom = source.slice(i, j + 1);
      i = j + 1;
    } else if (c === '(') {
      flush();
      const head = /^\((?:\?(?:<[A-Za-z_]\w*>|[:=!]|<[=!]))?/.exec(source.slice(i));
      i += head ? head[0].length : 1;
      continue;
    } else if (c === ')' || c === '|') {
      flush();
      i++;
      continue;
    } else if (c === '^' || c === '$') {
      i++;
      continue;
    } else if (c === '*' || c === '+' || c === '?') {
      i++;
      if (source[i] === '?') i++;
      continue;
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      i = source.indexOf('}', i) + 1;
      if (source[i] === '?') i++;
      continue;
    } else {
      atom = c === '.' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    }
    let sample: string | undefined;
    try {
      sample = atom === undefined ? undefined : sampleOf(atom, flags);
    } catch {
      sample = undefined;
    }
    if (sample !== undefined) word.push(sample);
  }
  flush();
  return out;
}

/** Prefix-and-pump pairs built from the pattern's words, most telling first, without repeats. */
export function pumpsFor(source: string, flags: string, limit = 24): Pump[] {
  const ws = words(source, flags);
  const seen = new Set<string>();
  const out: Pump[] = [];
  const add = (prefix: string, pump: string) => {
    const key = `${prefix}\u0000${pump}`;
    if (pump === '' || seen.has(key)) return;
    seen.add(key);
    out.push({ prefix, pump });
  };
  const whole = ws.map((word) => word.join('')).join('');
  add('', whole);
  for (const word of ws) {
    const text = word.join('');
    add('', text);
    // The word read once, then each of its characters many times: `req` + spaces.
    for (let k = 0; k < word.length; k++) add(word.slice(0, k).join(''), word[k]);
    add(text, text.slice(-1));
  }
  // Neighbouring words together: `Password=` + value, `jdbc:` + `jdbc:`.
  for (let k = 0; k + 1 < ws.length; k++) add('', ws[k].join('') + ws[k + 1].join(''));
  for (const char of new Set(whole)) add('', char);
  return out.slice(0, limit);
}

/** The pump repeated until the input is `size` characters long. */
export function build(input: Pump & { suffix?: string }, size: number): string {
  const rest = Math.max(0, size - input.prefix.length - (input.suffix?.length ?? 0));
  return input.prefix + input.pump.repeat(Math.ceil(rest / input.pump.length)).slice(0, rest) + (input.suffix ?? '');
}

/**
 * The inputs that hung the engine in issue 13, tried on every pattern besides its own: a rewrite
 * that regresses, or a new pattern with the same flaw, meets them again.
 */
export const KNOWN_ATTACKS: (Pump & { suffix?: string })[] = [
  { prefix: 'req', pump: ' ' },
  { prefix: 'req', pump: '\n' },
  { prefix: '', pump: 'A', suffix: 'PASSWORD=' },
  { prefix: '', pump: '&a' },
  { prefix: '', pump: 'Server=' },
  { prefix: '', pump: 'Password=' },
  { prefix: '', pump: 'jdbc:' },
  { prefix: '', pump: '\\"' },
  { prefix: '[', pump: '"\\"' },
  { prefix: '', pump: '<' },
  { prefix: '', pump: '@' },
  { prefix: '', pump: '{{' },
  { prefix: '', pump: 'disable' },
  { prefix: '', pump: ' ', suffix: '\u0000' },
  { prefix: '', pump: '\t', suffix: '\u0000' },
];

/** Each input again with a character almost no pattern accepts at the end, so that matches fail late. */
export function withSpoiler(inputs: (Pump & { suffix?: string })[]): (Pump & { suffix?: string })[] {
  return inputs.flatMap((input) => (input.suffix ? [input] : [input, { ...input, suffix: '\u0000' }]));
}
