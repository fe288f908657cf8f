import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

// Regular expressions that users write (`customPatterns[].pattern`, `allowlist.patterns`) run on
// RE2's linear-time engine (re2js, a pure-JS port), never on V8's backtracking one: a pattern such
// as `(a+)+$` in a config file must not be able to hang the CLI or the language server. RE2 refuses
// what it cannot run in linear time (look-around, backreferences); the refusal says where in the
// pattern, never what the pattern says, because config errors are printed and logged.

/** What the secret detector needs of a compiled pattern: RegExp's global `exec`, with indices. */
export class LinearRegExp {
  /** Where the next `exec` starts, as on a global RegExp; reset to 0 when nothing more matches. */
  lastIndex = 0;
  readonly global = true;
  readonly flags = 'dg';
  readonly source: string;
  private readonly names: [string, number][];
  private matcher: ReturnType<RE2JS['matcher']> | undefined;
  private matcherText: string | undefined;

  constructor(private readonly re: RE2JS) {
    this.source = re.pattern();
    this.names = Object.entries(re.namedGroups());
  }

  /** The next match at or after `lastIndex`, shaped as RegExp's (with `indices` and `groups`). */
  exec(text: string): RegExpExecArray | null {
    if (this.lastIndex > text.length) {
      this.lastIndex = 0;
      return null;
    }
    // One matcher per text: the detector calls exec again and again on the same segment.
    // Most texts hold no match: RE2's DFA says so without tracking groups, several times faster.
    if (this.lastIndex === 0 && !this.re.test(text)) return null;
    if (this.matcherText !== text || !this.matcher) {
      this.matcher = this.re.matcher(text);
      this.matcherText = text;
    }
    const matcher = this.matcher;
    if (!matcher.find(this.lastIndex)) {
      // The end of one run over the text: let go of it (it may be a whole large document).
      this.lastIndex = 0;
      this.matcher = this.matcherText = undefined;
      return null;
    }
    const values: (string | undefined)[] = [];
    const indices: ([number, number] | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group += 1) {
      const start = matcher.start(group);
      values.push(start < 0 ? undefined : matcher.group(group) ?? undefined);
      indices.push(start < 0 ? undefined : [start, matcher.end(group)]);
    }
    const result = values as unknown as RegExpExecArray & { indices: RegExpIndicesArray };
    result.index = indices[0]![0];
    result.input = text;
    result.indices = indices as unknown as RegExpIndicesArray;
    if (this.names.length > 0) {
      result.groups = Object.fromEntries(this.names.map(([name, group]) => [name, values[group]])) as Record<string, string>;
      result.indices.groups = Object.fromEntries(this.names.map(([name, group]) => [name, indices[group]])) as Record<string, [number, number]>;
    }
    this.lastIndex = indices[0]![1];
    return result;
  }

  /** Whether the pattern matches anywhere in `text` (RE2's DFA: no captures, fastest). */
  test(text: string): boolean {
    return this.re.test(text);
  }
}

export type UserPattern =
  | { ok: true; regex: LinearRegExp }
  /** `reason` is RE2's description only; `column` is 1-based in the pattern, when RE2 says where. */
  | { ok: false; reason: string; column?: number };

const compiledBySource = new Map<string, UserPattern>();

/** Compiles a user's pattern for RE2 (cached by its text: configs are re-read often, patterns rarely change). */
export function compileUserPattern(source: string): UserPattern {
  let result = compiledBySource.get(source);
  if (!result) {
    result = compile(source);
    if (compiledBySource.size > 1000) compiledBySource.clear();
    compiledBySource.set(source, result);
  }
  return result;
}

function compile(source: string): UserPattern {
  try {
    return { ok: true, regex: new LinearRegExp(RE2JS.compile(source)) };
  } catch (error) {
    if (error instanceof RE2JSSyntaxException) {
      // `input` is the offending tail of the pattern: used to find the column, never shown.
      const at = error.input ? source.indexOf(error.input) : -1;
      return { ok: false, reason: describe(error.error), column: at >= 0 ? at + 1 : undefined };
    }
    if (error instanceof RE2JSException) return { ok: false, reason: 'is too large or complex for the linear-time engine' };
    throw error;
  }
}

/** RE2's own words, with the hint that matters to someone coming from JavaScript's regexes. */
function describe(description: string): string {
  if (/perl syntax|named capture/i.test(description)) {
    return `uses syntax the linear-time engine does not run (${description}: look-ahead, look-behind and backreferences are not supported)`;
  }
  if (/escape/i.test(description)) return `uses an escape the linear-time engine does not support (${description}; backreferences such as \\1 are not supported)`;
  return `is not a valid regular expression (${description})`;
}

/** A compiled pattern or undefined; for callers that already reported the errors (the config did). */
export function userRegex(source: string): LinearRegExp | undefined {
  const compiled = compileUserPattern(source);
  return compiled.ok ? compiled.regex : undefined;
}
