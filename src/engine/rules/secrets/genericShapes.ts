// The shapes in which a value is given to a secret-named key, as regex sources: what the generic
// rules (generic.ts) match. Each builder takes the rule's name alternation (`names`) and returns one
// pattern with a `name` group and a `secret` group; `q` holds the value's quote when it has one.
// Every piece is linear-time: quantified runs are separated by characters they cannot share, and
// the open-ended runs are bounded.

/** How a value is given: `=`, `:`, `:=`, `=>`, Ruby's `||=`, `??=`, a type annotation then `=`. */
const OPERATOR = String.raw`(?:\|\|=|\?\?=|:=|=>|=(?![=>~])|:(?![:=])|${typeAnnotation()}=(?![=>~]))`;

/**
 * `: str`, `: String`, `: &str`, `: &'static str`, `: Optional[str]`, `: string`, or Go's ` string`
 * between a name and its `=`: typed declarations in Python, Kotlin, Scala, Swift, TypeScript, Rust, Go.
 */
function typeAnnotation(): string {
  return String.raw`(?::\s*&?(?:'static\s+)?[A-Za-z_][\w.]{0,40}(?:<[\w\s,.]{0,40}>|\[[\w\s,.]{0,40}\])?\??\s*|\s+string\s*)`;
}

/**
 * What may close a name before the operator: its quote (`"password":`), a subscript's quote and
 * bracket (`config['SECRET_KEY'] =`, `ENV["TOKEN"] ||=`), or a bracket alone.
 */
const CLOSE = String.raw`(?:["']?\]|["'])?`;

/** `process.env.X || "…"`, `ENV["X"] || "…"`, `os.getenv("X") or "…"`, `env.X ?? "…"`: a literal fallback. */
const FALLBACK = String.raw`["']?[\])]?\s*(?:\|\||\?\?|or\b)`;

export const SEPARATOR = String.raw`${CLOSE}\s*${OPERATOR}\s*`;

/** A value of 8 to 300 characters: quoted, or bare up to where the value ends (never cut short). */
export const VALUE = String.raw`(?<q>["'\`]?)(?<secret>[^\s"'\`,;<>]{8,300})(?![^\s"'\`,;<>])\k<q>(?![\w$.(])`;

/** VALUE, quoted. */
const QUOTED_VALUE = String.raw`(?<q>["'\`])(?<secret>[^\s"'\`,;<>]{8,300})\k<q>(?![\w$.(])`;

/** A quoted value that may hold spaces and most punctuation: WordPress's salts. */
const WIDE_VALUE = String.raw`(?<q>["'])(?<secret>[^"'\n\r\\]{8,300})\k<q>`;

/**
 * Suffixes a secret's name still carries: a number (`password2`) or the environment or role it is
 * for (`db_pwd_prod`, `API_KEY_STAGING`). A closed list: `password_hash`, `password_file` and
 * `token_url` name something else.
 */
const SUFFIX = String.raw`(?:[_.-]?(?:\d{1,3}|prod|production|dev|development|stage|staging|test|qa|uat|live|local|sandbox|old|new|admin|root|master|backup|default|primary|secondary)){0,2}`;

// Not after `?` or `&` (a URL's query parameter has its own form, below), nor as the resource
// type of an ARN (`arn:aws:secretsmanager:…:012345678901:secret:name`). After `env.` the name
// starts there (`process.env.DB_PASSWORD || "…"` names DB_PASSWORD).
// The look-ahead first: the ARN look-behind reads up to 200 characters back, and is only worth
// reading where a name can start (every name starts with a letter, `_`, `$`, `.` or `-`).
const BEFORE = String.raw`(?=[A-Za-z_$.-])(?:(?<=\benv\.)|(?<![\w$.?&-])(?<!arn:[^\s"'\`]{0,200}:))`;

const name = (names: string) => String.raw`(?<name>[A-Za-z_$][\w$.-]*?${names}${SUFFIX}|${names}${SUFFIX})\b`;

export function assignment(names: string): RegExp {
  return new RegExp(`${BEFORE}${name(names)}${SEPARATOR}${VALUE}`, 'i');
}

/**
 * A literal fallback after a lookup. Its own pattern: in `x = process.env.X || "…"` the
 * assignment's match (`x = process.env.X`, refused as unquoted) has already consumed the name.
 * Only a quoted fallback counts: in prose, "your password or username?" is not one.
 */
export function fallback(names: string): RegExp {
  return new RegExp(`${BEFORE}${name(names)}${FALLBACK}\\s*${QUOTED_VALUE}`, 'i');
}

/**
 * The value as the default of a lookup or the body of a constant: `os.getenv("X", "…")`,
 * `os.environ.get`, `ENV.fetch("X", "…")`, `env('X', '…')`, `getProperty`, `getOrDefault`,
 * `config('x', '…')`, and PHP's `define('DB_PASSWORD', '…')` (wp-config.php).
 */
export function lookupDefault(names: string): RegExp {
  return new RegExp(String.raw`(?<![\w$])(?:getenv|get|fetch|env|define|getProperty|GetEnvironmentVariable|getOrDefault|setdefault|config|Getenv|LookupEnv)\(\s*["']${name(names)}["']\s*,\s*${WIDE_VALUE}`, 'i');
}

/** C's and C++'s `#define API_KEY "…"`. */
export function cDefine(names: string): RegExp {
  return new RegExp(String.raw`#[ \t]*define[ \t]+${name(names)}[ \t]+${VALUE}`, 'i');
}

/**
 * `name=value` inside a string or a log line (`"login user=svc password=…"`), where the value is
 * not quoted of its own: the `query` group tells the detector it sits inside a string. The pair
 * must follow a quote on the same line, within 160 characters, and a space, comma or bracket.
 */
export function pairInString(names: string): RegExp {
  return new RegExp(String.raw`["'\`][^"'\`\n\r]{0,160}?[\s,;(\[{|](?<name>[\w.-]{0,30}?${names}${SUFFIX})=(?<query>)(?<q>)(?<secret>[^\s"'\`&,;)\]}|<>]{8,300})(?=[\s"'\`&,;)\]}|]|$)`, 'i');
}

/**
 * `?api_key=…` or `&token=…` in a URL. The value ends where URL or markdown syntax resumes, and
 * the parameter of an image URL is skipped: a badge's token (codecov's graph token) is embedded
 * in public pages by design (looked for at most 300 characters back: unbounded, that look-behind
 * made a line of `&a&a&a…` quadratic). The `query` group tells the detector this sits inside a
 * string even without quotes of its own.
 */
export function queryParameter(names: string): RegExp {
  return new RegExp(`(?<!\\.(?:svg|png|gif|jpe?g|webp)(?:\\?[^\\s?#]{0,300})?)(?<query>[?&])(?<name>[\\w.-]*?${names})=(?<q>)(?<secret>[^\\s&#"'\`<>()\\[\\]{}\\\\]{8,300})`, 'i');
}

export function dockerEnv(names: string): RegExp {
  return new RegExp(`^[ \\t]*ENV[ \\t]+(?<name>[A-Za-z_][\\w]*?${names})[ \\t]+${VALUE}`, 'im');
}

export function xmlElement(names: string): RegExp {
  return new RegExp(`<(?<name>[\\w.-]*?${names})>(?<q>)(?<secret>[^<\\s]{8,300})</`, 'i');
}

/**
 * `<name>`, the value alone on the next line, `</name>` on the line after (pretty-printed XML:
 * Maven's settings.xml, .NET configs). Crosses lines, so its rule runs on the whole text: the name
 * must end with the keyword, so that `keyword>` (the rule's keywords) is in the text.
 */
export function xmlElementLines(names: string): RegExp {
  return new RegExp(String.raw`<(?<name>[\w.:-]{0,40}?${names})>[ \t]*(?:\r\n|\n|\r)[ \t]*(?<q>)(?<secret>[^<\s]{8,300})[ \t]*(?:\r\n|\n|\r)[ \t]*</\k<name>>`, 'i');
}

export function appSetting(names: string): RegExp {
  return new RegExp(`key\\s*=\\s*"(?<name>[\\w.:-]*?${names})"\\s+value\\s*=\\s*(?<q>")(?<secret>[^"\\s]{8,300})"`, 'i');
}
