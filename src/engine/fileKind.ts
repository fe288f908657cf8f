// What kind of file is this? Decides comment syntax, which rules apply and what is never scanned.

import { lineBreakFrom, nextLineStart } from './text';
import { rememberLast } from './rememberLast';

export type FileKind = 'code' | 'config' | 'env' | 'markdown' | 'skip';

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  py: 'python', pyw: 'python', go: 'go', java: 'java', kt: 'kotlin', kts: 'kotlin', scala: 'scala',
  cs: 'csharp', rb: 'ruby', php: 'php', rs: 'rust', swift: 'swift', c: 'c', h: 'c', cpp: 'cpp',
  cc: 'cpp', hpp: 'cpp', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'powershell',
  json: 'json', jsonc: 'jsonc', yaml: 'yaml', yml: 'yaml', toml: 'toml', xml: 'xml', config: 'xml',
  properties: 'properties', ini: 'ini', cfg: 'ini', conf: 'ini', tf: 'terraform', tfvars: 'terraform',
  md: 'markdown', markdown: 'markdown', sql: 'sql', gradle: 'groovy', groovy: 'groovy', dart: 'dart',
  lua: 'lua', pl: 'perl', r: 'r', vue: 'vue', svelte: 'svelte', html: 'html', txt: 'plaintext',
  // Less common code: without an entry they would be read as plain text, where an unquoted
  // `pass => $opt{password}` or `let pwd = a:dict.tmpdir` looks like a value.
  pm: 'perl', pod: 'perl', vim: 'vim', tcl: 'tcl', rake: 'ruby', gemspec: 'ruby', ex: 'elixir',
  exs: 'elixir', erl: 'erlang', hs: 'haskell', clj: 'clojure', jl: 'julia', nim: 'nim', coffee: 'coffeescript',
  m: 'objective-c', mm: 'objective-c', fs: 'fsharp', vb: 'vb', psm1: 'powershell', el: 'lisp',
  bat: 'bat', cmd: 'bat', mdx: 'markdown',
};

const LANGUAGE_BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', '.npmrc': 'properties',
  '.yarnrc': 'properties', '.gitconfig': 'ini', '.pypirc': 'ini', '.netrc': 'plaintext',
  '.bashrc': 'shellscript', '.zshrc': 'shellscript', '.profile': 'shellscript', jenkinsfile: 'groovy',
};

const CONFIG_LANGUAGES = new Set([
  'json', 'jsonc', 'yaml', 'toml', 'xml', 'properties', 'ini', 'dockerfile', 'makefile', 'terraform',
  'shellscript', 'powershell', 'plaintext', 'dotenv', 'bat',
]);

/** Lock files, source maps and other generated text where a match is an integrity hash, not a key. */
const SKIPPED_NAMES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb|Cargo\.lock|Gemfile\.lock|poetry\.lock|composer\.lock|go\.sum|Pipfile\.lock|packages\.lock\.json|flake\.lock)$/;
const SKIPPED_EXTENSIONS = /\.(map|min\.js|min\.css|bundle\.js|chunk\.js|png|jpe?g|gif|ico|webp|pdf|zip|gz|tgz|jar|war|class|exe|dll|so|dylib|wasm|woff2?|ttf|eot|mp[34]|mov|svg|lockb)$/i;

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** `.env`, `.env.local`, `prod.env`; not the committed templates that list names without values. */
export function isDotEnv(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

export function isEnvTemplate(path: string): boolean {
  return /\.(example|sample|template|dist|defaults)$/i.test(baseName(path));
}

/**
 * Editors' own names for languages this table knows by another: Neovim's filetypes (`sh`, `make`,
 * `cs`, `dosini`, `jproperties`) and the dotenv extensions' ids.
 */
const LANGUAGE_ALIASES: Record<string, string> = {
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', make: 'makefile', cs: 'csharp',
  dosini: 'ini', jproperties: 'properties', env: 'dotenv', 'javascript.jsx': 'javascriptreact',
  'typescript.tsx': 'typescriptreact',
};

/** The language the file's name says (`.env*`, `.npmrc`, `Dockerfile`, an extension), or undefined when it says nothing. */
function languageByName(path: string): string | undefined {
  const name = baseName(path).toLowerCase();
  if (isDotEnv(name)) return 'dotenv';
  if (Object.hasOwn(LANGUAGE_BY_NAME, name)) return LANGUAGE_BY_NAME[name];
  if (name.startsWith('dockerfile') || name.endsWith('.dockerfile')) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  const extension = name.slice(dot + 1);
  // Own keys only: a file named `x.constructor` has no language, not Object's constructor.
  return dot !== -1 && Object.hasOwn(LANGUAGE_BY_EXTENSION, extension) ? LANGUAGE_BY_EXTENSION[extension] : undefined;
}

/**
 * The file name first, the editor's language id only when the name says nothing: editors disagree
 * on names (code-server calls `.env` "properties", Neovim "sh"), and reading a `.env` as anything
 * else made its secrets findings and its git facts wrong.
 */
export function languageOf(path: string, languageId?: string): string {
  return languageRemembered(path, languageId);
}

const languageRemembered = rememberLast((path: string, languageId?: string): string => {
  const byName = languageByName(path);
  if (byName) return byName;
  if (languageId && languageId !== 'plaintext') return Object.hasOwn(LANGUAGE_ALIASES, languageId) ? LANGUAGE_ALIASES[languageId] : languageId;
  return 'plaintext';
});

export function kindOf(path: string, text?: string, languageId?: string): FileKind {
  if (SKIPPED_NAMES.test(path) || SKIPPED_EXTENSIONS.test(path)) return 'skip';
  if (text !== undefined && looksMinified(text)) return 'skip';
  const language = languageOf(path, languageId);
  if (language === 'dotenv') return 'env';
  if (language === 'markdown') return 'markdown';
  return CONFIG_LANGUAGES.has(language) ? 'config' : 'code';
}

/** Bundled or minified code: a few very long lines. Keys in it belong to whoever built the bundle. */
export function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  // The same string object is a pointer comparison; another text of the same length differs early.
  return linesAreLongRemembered(text);
}

const linesAreLongRemembered = rememberLast((text: string) => linesAreLong(text));

function linesAreLong(text: string): boolean {
  // Lines in the first 64 KiB, counted without splitting (or copying) it, and only until there
  // are enough of them for lines to average 500 characters or less.
  const end = Math.min(text.length, 65536);
  const enough = end / 500;
  let lines = 1;
  // Every line end counts (text.ts): a classic-Mac file of short lines is not minified.
  for (let at = lineBreakFrom(text, 0); at < end && lines < enough; at = lineBreakFrom(text, nextLineStart(text, at))) lines += 1;
  return end / lines > 500;
}

/**
 * A NUL in the first 8 KiB: the test git uses to call a file binary (here on the decoded text,
 * where a NUL byte is a NUL character).
 */
export function looksBinary(text: string): boolean {
  const nul = text.indexOf('\0');
  return nul !== -1 && nul < 8192;
}
