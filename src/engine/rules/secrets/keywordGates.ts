// Keyword gates (see SecretRule.keywordGate): cheap conditions checked just past each keyword
// occurrence, for rules whose keywords are common words in code.
//
// The generic rules' keywords (`key`, `token`, `secret`, `pass`, ...) are everywhere in code, and
// their patterns are the costliest the scanner runs. Their gate is checked at each keyword
// occurrence, just past it, and lets a line through only if one of the five shapes in generic.ts
// could start there: an assignment (`name = "value"`, `name: value`), a URL's query parameter
// (`?name=value`), an XML element (`<name>value</`), a .NET setting (`key="name" value="…"`) or a
// Dockerfile `ENV name value`.
// It must never turn away a line the patterns would match: it only looks for what every match
// needs, so a line it keeps may still hold nothing (the patterns decide).

const code = (char: string) => char.charCodeAt(0);
const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = code('"');
const SINGLE_QUOTE = code("'");
const BACKTICK = code('`');
const CLOSE_BRACKET = code(']');
const COLON = code(':');
const EQUALS = code('=');
const GREATER = code('>');
/** `\n`, `\r`, U+2028, U+2029: compared, not looked up in a Set (it is asked of every character of a line). */
const isLineTerminator = (unit: number) => unit === NEWLINE || unit === CARRIAGE_RETURN || unit === 0x2028 || unit === 0x2029;
/** The shortest value the generic patterns accept. */
const MIN_VALUE = 8;

/** `[\w$.-]`: the characters a name can go on with after its keyword. */
const NAME_CHARS = new Uint8Array(128);
for (const char of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.-') NAME_CHARS[code(char)] = 1;
/** `[\s"'`,;<>]`, ASCII part: what ends a value. */
const VALUE_ENDS = new Uint8Array(128);
for (const char of ' \t\n\r\v\f"\'`,;<>') VALUE_ENDS[code(char)] = 1;

/** `[\s&#"'`<>()[\]{}\\]`, ASCII part: what ends a query parameter's value. */
const QUERY_VALUE_ENDS = new Uint8Array(128);
for (const char of ' \t\n\r\v\f&#"\'`<>()[]{}\\') QUERY_VALUE_ENDS[code(char)] = 1;
const QUESTION_MARK = code('?');
const AMPERSAND = code('&');
const PIPE = code('|');
const COMMA = code(',');
const CLOSE_PAREN = code(')');

/** `\s`, as the patterns mean it (NaN past the end is not a space). */
function isSpace(unit: number): boolean {
  if (unit < 128) return unit === SPACE || (unit >= TAB && unit <= CARRIAGE_RETURN);
  return unit === unit && /\s/.test(String.fromCharCode(unit));
}

/** The first offset from `at` on that is not a name character. */
function skipName(text: string, at: number): number {
  for (; at < text.length; at += 1) {
    const unit = text.charCodeAt(at);
    if (unit >= 128 || NAME_CHARS[unit] === 0) break;
  }
  return at;
}

function skipSpaces(text: string, at: number, inLine: boolean): number {
  for (; at < text.length; at += 1) {
    const unit = text.charCodeAt(at);
    if (!isSpace(unit) || (inLine && unit === NEWLINE)) break;
  }
  return at;
}

/** At least MIN_VALUE value characters from `at` on, none of them in `ends`. */
function valueFollows(text: string, at: number, ends = VALUE_ENDS): boolean {
  const end = at + MIN_VALUE;
  if (end > text.length) return false;
  for (let i = at; i < end; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 128 ? ends[unit] === 1 : isSpace(unit)) return false;
  }
  return true;
}

/** `[?&]name=value`, the name being the run of name characters around the keyword. */
function queryParameterAt(text: string, keywordEnd: number, nameEnd: number): boolean {
  if (text.charCodeAt(nameEnd) !== EQUALS) return false;
  let start = keywordEnd - 1;
  while (start >= 0 && text.charCodeAt(start) < 128 && NAME_CHARS[text.charCodeAt(start)] === 1) start -= 1;
  const before = text.charCodeAt(start);
  return (before === QUESTION_MARK || before === AMPERSAND) && valueFollows(text, nameEnd + 1, QUERY_VALUE_ENDS);
}

const isBlank = (unit: number) => unit === SPACE || unit === TAB;
const isNameChar = (unit: number) => unit < 128 && NAME_CHARS[unit] === 1;
const isWordChar = (unit: number) => unit < 128 && NAME_CHARS[unit] === 1 && unit !== code('$') && unit !== code('.') && unit !== code('-');

/**
 * `^[ \t]*ENV[ \t]+name` (any case, as the pattern's `i` flag says), where the name is the word
 * holding the keyword: read backwards from the keyword, so a line that is not one costs little.
 */
function afterDockerEnv(text: string, keywordEnd: number): boolean {
  let at = keywordEnd - 1;
  // Over every name character: the names a rule reads may hold `.` or `-` (`my.key`, `db-pass`).
  while (at >= 0 && isNameChar(text.charCodeAt(at))) at -= 1;
  if (!isBlank(text.charCodeAt(at))) return false;
  while (at >= 0 && isBlank(text.charCodeAt(at))) at -= 1;
  if (at < 2 || text.slice(at - 2, at + 1).toLowerCase() !== 'env') return false;
  at -= 3;
  while (at >= 0 && isBlank(text.charCodeAt(at))) at -= 1;
  return at < 0 || isLineTerminator(text.charCodeAt(at));
}

/**
 * Whether a generic secret could be assigned to a name holding the keyword that ends at
 * `keywordEnd`. `quotedOnly` (source code) requires the value to be quoted, as the rules do.
 */
export function mayHoldGenericValue(text: string, keywordEnd: number, quotedOnly: boolean): boolean {
  let at = skipName(text, keywordEnd);
  if (queryParameterAt(text, keywordEnd, at)) return true;
  const after = text.charCodeAt(at);
  // <name>value</: the value is never quoted, so never counts in code.
  if (after === GREATER) return !quotedOnly;
  if (isBlank(after) && (afterDockerEnv(text, keywordEnd) || afterDefine(text, keywordEnd) || goStringType(text, at))) return true;
  // name=value with no space: inside a string or a log line (pairInString), quoted or not.
  if (after === EQUALS && valueFollows(text, at + 1)) return true;
  if (after === DOUBLE_QUOTE || after === SINGLE_QUOTE || after === CLOSE_BRACKET || after === CLOSE_PAREN) {
    at += 1;
    // key="…Password" value="…"
    const value = skipSpaces(text, at, false);
    if (after === DOUBLE_QUOTE && value > at && (text.charCodeAt(value) | 0x20) === code('v')) return true;
    // getenv("…PASSWORD", "…"), define('AUTH_KEY', '…'): the value is the next argument.
    if (text.charCodeAt(value) === COMMA) return true;
    // config['SECRET_KEY'] =, os.getenv("X") or: a subscript's or a call's closing bracket.
    const next = text.charCodeAt(at);
    if (after !== CLOSE_BRACKET && after !== CLOSE_PAREN && (next === CLOSE_BRACKET || next === CLOSE_PAREN)) at += 1;
  }
  at = skipSpaces(text, at, true);
  const operator = text.charCodeAt(at);
  // Fallbacks (`|| "…"`, `?? "…"`, `or "…"`) and `||=`, `??=`: rare enough to let through.
  if (operator === PIPE || operator === QUESTION_MARK || ((operator | 0x20) === code('o') && (text.charCodeAt(at + 1) | 0x20) === code('r'))) return true;
  if (operator !== COLON && operator !== EQUALS) return false;
  at += 1;
  const second = text.charCodeAt(at);
  if ((operator === COLON && second === EQUALS) || (operator === EQUALS && second === GREATER)) at += 1;
  at = skipSpaces(text, at, true);
  const quote = text.charCodeAt(at);
  if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE || quote === BACKTICK) at += 1;
  else if (operator === COLON && typeThenEquals(text, at)) return true;
  else if (quotedOnly) return false;
  return valueFollows(text, at);
}

/** `: str = …`, `: &'static str = …`: a type annotation, then `=` later on the line. */
function typeThenEquals(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  if (!(unit === code('&') || (unit < 128 && isWordChar(unit)))) return false;
  for (let i = at; i < text.length && i < at + 120; i += 1) {
    const char = text.charCodeAt(i);
    if (isLineTerminator(char)) return false;
    if (char === EQUALS) return true;
  }
  return false;
}

/** Go's `var token string = "…"`: the name, blanks, then the type `string`. */
function goStringType(text: string, at: number): boolean {
  const start = skipSpaces(text, at, true);
  return text.startsWith('string', start);
}

/** `#define NAME value`, read backwards from the keyword as afterDockerEnv does. */
function afterDefine(text: string, keywordEnd: number): boolean {
  let at = keywordEnd - 1;
  // Over every name character: the names a rule reads may hold `.` or `-` (`my.key`, `db-pass`).
  while (at >= 0 && isNameChar(text.charCodeAt(at))) at -= 1;
  if (!isBlank(text.charCodeAt(at))) return false;
  while (at >= 0 && isBlank(text.charCodeAt(at))) at -= 1;
  return at >= 5 && text.slice(at - 5, at + 1).toLowerCase() === 'define';
}

/** `keyword\s*=`: the keyword is a key given a value with `=` (connection strings' `Password=`). */
export function equalsFollows(text: string, keywordEnd: number): boolean {
  return text.charCodeAt(skipSpaces(text, keywordEnd, false)) === EQUALS;
}

const OPEN_PAREN = code('(');

/** Whether the keyword ending at `keywordEnd` is `word` (lower case), compared case-insensitively. */
function keywordIs(text: string, keywordEnd: number, word: string): boolean {
  return keywordEnd >= word.length && text.slice(keywordEnd - word.length, keywordEnd).toLowerCase() === word;
}

/**
 * secret/sql-password: `IDENTIFIED` always counts (its pattern reads from there); `PASSWORD` only
 * where a quoted value can follow it: `PASSWORD '…'`, `PASSWORD = '…'`, `PASSWORD = PASSWORD('…')`.
 * `password` is in most code files; a SQL clause setting one is rare.
 */
export function sqlPasswordMayFollow(text: string, keywordEnd: number): boolean {
  if (keywordIs(text, keywordEnd, 'identified')) return true;
  let at = skipSpaces(text, keywordEnd, false);
  if (text.charCodeAt(at) === EQUALS) at = skipSpaces(text, at + 1, false);
  if (text.slice(at, at + 8).toLowerCase() === 'password') {
    at = skipSpaces(text, at + 8, false);
    if (text.charCodeAt(at) !== OPEN_PAREN) return false;
    at = skipSpaces(text, at + 1, false);
  }
  return text.charCodeAt(at) === SINGLE_QUOTE;
}

const isAlnum = (unit: number) => (unit >= 48 && unit <= 57) || ((unit | 0x20) >= 97 && (unit | 0x20) <= 122);
const isWordOrDash = (unit: number) => isAlnum(unit) || unit === 95 || unit === 45;

/** The line last looked at by lineHoldsDottedToken, so that several keywords on one line cost one look. */
let dottedLine = { text: '', start: -1, end: -1, holds: false };

/**
 * secret/discord-bot-token: its keywords (`token`, `login`, `bot`) are common words, its value a
 * rare shape: 24 or more letters and digits, a dot, 6 of `[\w-]`, a dot. Lets a keyword through
 * only if its line holds that shape somewhere (a line is read once, however many keywords it has).
 */
export function lineHoldsDottedToken(text: string, keywordEnd: number): boolean {
  const at = keywordEnd - 1;
  if (dottedLine.text === text && at >= dottedLine.start && at < dottedLine.end) return dottedLine.holds;
  let start = at;
  while (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) start -= 1;
  let end = at;
  while (end < text.length && !isLineTerminator(text.charCodeAt(end))) end += 1;
  dottedLine = { text, start, end: Math.max(end, start + 1), holds: holdsDottedToken(text, start, end) };
  return dottedLine.holds;
}

const DOT = code('.');

/**
 * Whether `text[start, end)` holds 24 letters or digits, a dot, 6 of `[\w-]` and a dot. Found from
 * the dots (a native search in the line), each checked backwards: most lines have few dots, and
 * most dots have a short word before them, so few characters are read one by one.
 */
function holdsDottedToken(text: string, start: number, end: number): boolean {
  const line = text.slice(start, end);
  for (let dot = line.indexOf('.', 24); dot !== -1 && dot + 7 < line.length; dot = line.indexOf('.', dot + 1)) {
    if (line.charCodeAt(dot + 7) !== DOT) continue;
    let alnum = 0;
    while (alnum < 24 && isAlnum(line.charCodeAt(dot - 1 - alnum))) alnum += 1;
    if (alnum < 24) continue;
    let middle = 1;
    while (middle < 7 && isWordOrDash(line.charCodeAt(dot + middle))) middle += 1;
    if (middle === 7) return true;
  }
  return false;
}
