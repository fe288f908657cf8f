import { dottedText, namedChildren, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import { changedStretch } from '../../../text';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';

// JavaScript and TypeScript: Express, Koa, Fastify, Next.js, multer, yauzl/adm-zip/unzipper/tar.

// `url`/`originalUrl`/`path`: the raw request target, which Node and Express do not normalize ("/../../etc/passwd").
const REQUEST = /^(req|request|ctx\.request|ctx|context\.req)\.(params|query|body|headers|cookies|signedCookies|files?|url|originalUrl|path)\b/;
const ARCHIVE_NAME = /\.(fileName|entryName)$/;
const ENTRY_PATH = /^(entry|header|zipEntry|tarEntry)\.(path|name)$/;
/** `entry.name` is just as often a directory entry (fs.Dirent): only an archive library makes it an archive entry. */
const ARCHIVE_LIBRARY = /['"](?:yauzl|yauzl-promise|adm-zip|unzipper|unzip-stream|tar|tar-stream|tar-fs|jszip|decompress|node-stream-zip|extract-zip|archiver|zip-lib)['"]|\bnew\s+AdmZip\b|\bJSZip\b|\.on\(\s*['"]entry['"]|\.getEntries\(\)/;
const archiveFiles = new WeakMap<object, boolean>();

function usesArchiveLibrary(node: SyntaxNode): boolean {
  const tree = node.tree as object;
  let uses = archiveFiles.get(tree);
  if (uses === undefined) {
    uses = ARCHIVE_LIBRARY.test(node.tree.rootNode.text);
    archiveFiles.set(tree, uses);
  }
  return uses;
}
const FS_MODULE = /^(fs|fsp|fsPromises|fse|fs\.promises|fsExtra|promises)$/;
/** fs functions whose first argument (or first two) is a path. */
const FS_PATH_ONE = new Set([
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'open', 'openSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'mkdir', 'mkdirSync',
  'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'exists', 'existsSync', 'readJson', 'readJsonSync', 'outputFile',
  'remove', 'removeSync', 'truncate', 'chmod', 'opendir', 'readlink', 'realpath', 'realpathSync',
]);
const FS_PATH_TWO = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'copy', 'move']);
const PATH_MODULE = /^(path|path\.posix|path\.win32|posix|win32)$/;
const RECEIVER_PROPAGATORS = new Set([
  'replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'slice', 'substring', 'substr',
  'normalize', 'valueOf', 'at', 'get', 'getAll', 'split', 'pop', 'shift', 'join',
]);
const ARGUMENT_PROPAGATORS = new Set(['concat', 'decodeURIComponent', 'decodeURI', 'unescape', 'String', 'format', 'from']);
const SANITIZERS = new Set(['basename', 'sanitizeFilename', 'sanitize', 'parseInt', 'parseFloat', 'Number', 'BigInt', 'uuidv4', 'isUUID', 'encodeURIComponent']);

/** What one file says about its modules: computed once per text, since `sink` asks for every call. */
export interface ModuleFacts {
  /** Bare `readFile(...)` is fs's only when the file imports fs (or fs/promises, fs-extra, graceful-fs). */
  importsFs: boolean;
  /** Local names of fs-like modules: `const fsx = require('fs-extra')`, `import * as gfs from 'graceful-fs'`. */
  fsNames: ReadonlySet<string>;
  /** The name this file gives the path module (`import * as nodePath from 'node:path'`, `const p = require('path')`). */
  pathName?: string;
  /** Path functions imported by name (`import { join } from 'path'`, `const { resolve } = require('path')`): local name -> function. */
  pathFunctions: ReadonlyMap<string, string>;
}

// `\s+` then an optional `*` then a word: the runs cannot overlap, so each start is linear.
const FS_ALIAS = /(?:const|let|var|import)\s+(?:\*\s+as\s+)?(\w+)\s*(?:=\s*require\(\s*|from\s+)['"](?:node:)?(?:fs(?:\/promises)?|fs-extra|graceful-fs)['"]/g;
const PATH_ALIAS = /(?:const|let|var|import)\s+(?:\*\s+as\s+)?(\w+)\s*(?:=\s*require\(\s*|from\s+)['"](?:node:)?path['"]/g;
// The braces hold at most 300 characters: a `{` never closed cannot make a search run to the end of the file from every start.
const PATH_NAMED = /(?:const|let|var|import)\s*\{([^{}]{0,300})\}\s*(?:=\s*require\(\s*|from\s+)['"](?:node:)?path(?:\/posix|\/win32)?['"]/g;
/** Request parts a handler may destructure from its first parameter. */
const DESTRUCTURED = new Set(['params', 'query', 'body', 'headers', 'cookies', 'file', 'files']);
const PATH_FUNCTIONS = new Set(['join', 'resolve', 'normalize']);

type ModuleEnds = { fs: number[]; path: number[]; pathNamed: number[] };

/** The last text's facts, and where its module names end: the next text, one keystroke on, starts from them. */
let last: { text: string; ends: ModuleEnds; facts: ModuleFacts } | undefined;

/**
 * A quoted fs-like or path module name, as an import or require holds it: one search of the file
 * finds them all (the imports are then read just before each).
 */
const QUOTED_MODULE = /['"](?:node:)?(?:fs(?:\/promises)?|fs-extra|graceful-fs|path(?:\/posix|\/win32)?)['"]/g;
/**
 * How far before a quoted module name its import can start: the keyword, a name or up to 300
 * characters of braces, `= require(` or `from`, and the spaces between. An import spread over more
 * (a kilobyte of blank space inside it) is not read.
 */
const IMPORT_REACH = 1024;
/** A change longer than this is read afresh rather than checked for quotes (unchangedByEdit). */
const MAX_EDIT = 4096;
/** The longest text QUOTED_MODULE matches. */
const LONGEST_QUOTED_MODULE = "'node:graceful-fs'".length;

/** Where each quoted fs-like module name ends (just after its closing quote), and each path one, in order. */
function quotedModuleEnds(text: string): ModuleEnds {
  const ends: ModuleEnds = { fs: [], path: [], pathNamed: [] };
  for (const match of text.matchAll(QUOTED_MODULE)) {
    const end = match.index + match[0].length;
    const name = match[0].slice(1, -1).replace(/^node:/, '');
    if (!name.startsWith('path')) ends.fs.push(end);
    else {
      ends.pathNamed.push(end);
      if (name === 'path') ends.path.push(end);
    }
  }
  return ends;
}

/**
 * The matches of `pattern` (global) that end at one of `ends`, in order: each is looked for in the
 * text just before its module name only, not in the whole file (a large file is edited often,
 * and its imports are few).
 */
function importsEndingAt(text: string, pattern: RegExp, ends: readonly number[]): RegExpMatchArray[] {
  const found: RegExpMatchArray[] = [];
  for (const end of ends) {
    const window = text.slice(Math.max(0, end - IMPORT_REACH), end);
    for (const match of window.matchAll(pattern)) {
      if (match.index + match[0].length === window.length) found.push(match);
    }
  }
  return found;
}

/**
 * The last text's facts and module-name ends (moved by the edit) when the edit from it to `text`
 * cannot change them, or undefined. Every match of QUOTED_MODULE starts and ends with a quote:
 * with no quote within its length of the edit, before or after it, no match can begin, end or
 * change there, and the rest are the same text. An import is read in the IMPORT_REACH characters
 * before its module name: none of those may overlap the edit.
 */
function unchangedByEdit(text: string): { ends: ModuleEnds; facts: ModuleFacts } | undefined {
  if (!last) return undefined;
  const { start, oldEnd, newEnd } = changedStretch(last.text, text);
  // Another file (the CLI's next one) rather than an edit: searched afresh, not for quotes first.
  if (Math.max(oldEnd, newEnd) - start > MAX_EDIT) return undefined;
  const margin = LONGEST_QUOTED_MODULE;
  if (hasQuote(last.text, start - margin, oldEnd + margin) || hasQuote(text, start - margin, newEnd + margin)) return undefined;
  const delta = newEnd - oldEnd;
  const move = (ends: number[]) => ends.map((end) => (end > oldEnd ? end + delta : end));
  const ends: ModuleEnds = { fs: move(last.ends.fs), path: move(last.ends.path), pathNamed: move(last.ends.pathNamed) };
  const reads = (end: number) => end > start && end - IMPORT_REACH < newEnd;
  if (ends.fs.some(reads) || ends.pathNamed.some(reads)) return undefined;
  return { ends, facts: last.facts };
}

function hasQuote(text: string, from: number, to: number): boolean {
  const stretch = text.slice(Math.max(0, from), Math.max(0, to));
  return stretch.includes("'") || stretch.includes('"');
}

/** What `text` says about its modules, read from the text alone (moduleFacts keeps the last answer). */
export function readModuleFacts(text: string): { ends: ModuleEnds; facts: ModuleFacts } {
  const ends = quotedModuleEnds(text);
  const importsFs = ends.fs.length > 0;
  const fsNames = new Set(importsEndingAt(text, FS_ALIAS, ends.fs).map((match) => match[1]));
  const pathFunctions = new Map<string, string>();
  for (const match of importsEndingAt(text, PATH_NAMED, ends.pathNamed)) {
    // `join`, `join as j` (import) or `join: j` (require destructuring)
    for (const part of match[1].split(',')) {
      const words = part.replace(':', ' : ').trim().split(/\s+/);
      const imported = words[0];
      const local = words[1] === 'as' || words[1] === ':' ? words[2] : undefined;
      if (imported && PATH_FUNCTIONS.has(imported)) pathFunctions.set(local || imported, imported);
    }
  }
  const pathAlias = importsEndingAt(text, PATH_ALIAS, ends.path)[0];
  return { ends, facts: { importsFs, fsNames, pathName: pathAlias?.[1], pathFunctions } };
}

/** readModuleFacts, remembered for the last text and carried over an edit that cannot change it. */
export function moduleFacts(text: string): ModuleFacts {
  if (text === last?.text) return last.facts;
  last = { text, ...(unchangedByEdit(text) ?? readModuleFacts(text)) };
  return last.facts;
}

function pathImportName(text: string): string | undefined {
  return moduleFacts(text).pathName;
}

export const javascriptProfile: PathProfile = {
  grammars: ['javascript', 'typescript', 'tsx'],
  sourceKeywords: ['req.', 'request.', 'ctx.', 'context.req', 'process.argv', 'Request', 'originalname', 'fileName', 'entryName', 'searchParams', 'entry.', 'header.'],
  checkTypes: [],
  // Every `source` match starts with one of these words followed by a dot (dottedText drops
  // whitespace and reads `?.` as `.`), or holds one of the property names; a destructured handler
  // parameter (`{ params }: Request`) is a source only with `Request` in its annotation. No word-boundary test:
  // `myreq.x` matching too costs nothing, and the pattern runs twice as fast without one.
  // `\s*(?:\?\s*)?` rather than `\s*\??\s*`: two whitespace runs side by side can split a long run
  // of spaces in n ways at every start, which made `req` + 100 KB of spaces quadratic.
  regionPattern: /(?:req|request|ctx|context|entry|header|zipEntry|tarEntry)\s*(?:\?\s*)?\.|process\s*(?:\?\s*)?\.\s*argv|Request|originalname|fileName|entryName|searchParams/g,
  fileFacts: (text) => {
    const facts = moduleFacts(text);
    return `${facts.importsFs}:${facts.pathName ?? ''}:${[...facts.fsNames].join(',')}:${[...facts.pathFunctions].join(',')}`;
  },
  sinkKeywords: ['fs', 'path', 'sendFile', 'download', 'readFile', 'createReadStream', 'writeFile'],
  vocabulary: {
    sources: [
      ...['params', 'query', 'body', 'headers', 'cookies', 'signedCookies', 'file', 'files'].flatMap((part) => [`req.${part}.f`, `request.${part}.f`, `ctx.request.${part}.f`, `ctx.${part}.f`, `context.req.${part}.f`]),
      'process.argv[2]', 'req.file.originalname', 'req.url', 'req.originalUrl', "require('url').parse(req.url, true).query", "searchParams.get('f')", "request.nextUrl.searchParams.get('f')",
      "import yauzl from 'yauzl';\nentry.fileName", 'const zip = new AdmZip(p);\nentry.entryName', "import tar from 'tar';\nheader.name", "require('unzipper');\nentry.path",
    ],
    sinks: [
      ...[...FS_PATH_ONE, ...FS_PATH_TWO].flatMap((name) => [`fs.${name}`, `fsp.${name}`, `fs.promises.${name}`, `fse.${name}`]),
      ...['join', 'resolve'].flatMap((name) => [`path.${name}`, `path.posix.${name}`, `path.win32.${name}`]),
      ...['sendFile', 'download'].flatMap((name) => [`res.${name}`, `response.${name}`, `reply.${name}`]),
    ],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type !== 'member_expression' && node.type !== 'subscript_expression' && node.type !== 'call_expression') return undefined;
    const text = dottedText(node);
    if (node.type === 'call_expression') {
      // Next.js: searchParams.get('f'), request.nextUrl.searchParams.get('f')
      if (/(^|\.)searchParams\.get\(/.test(text)) return { kind: 'request', label: text.slice(0, 60) };
      // Node's http server: url.parse(req.url, true).query and querystring.parse(...) hold the query string.
      if (/(^|\.)parse\((req|request)\.url\b/.test(text)) return { kind: 'request', label: text.slice(0, 60) };
      return undefined;
    }
    if (REQUEST.test(text)) return { kind: 'request', label: text.slice(0, 60) };
    if (/^process\.argv\b/.test(text)) return { kind: 'argv', label: 'process.argv' };
    if (/\.originalname$/.test(text)) return { kind: 'upload', label: text };
    if ((ARCHIVE_NAME.test(text) || ENTRY_PATH.test(text)) && usesArchiveLibrary(node)) return { kind: 'archive', label: text };
    return undefined;
  },

  parameter(binding: Binding): SourceMatch | undefined {
    // export function show({ params }: Request, res) — a handler that destructures the request.
    const target = binding.target;
    if (target.type !== 'shorthand_property_identifier_pattern' || !DESTRUCTURED.has(binding.name)) return undefined;
    const pattern = target.parent;
    const parameter = pattern?.parent;
    if (pattern?.type !== 'object_pattern' || !parameter || !/parameter$/.test(parameter.type)) return undefined;
    const annotation = parameter.childForFieldName('type')?.text ?? '';
    return /Request\b/.test(annotation) ? { kind: 'request', label: `{ ${binding.name} }: ${annotation.replace(/^:\s*/, '').slice(0, 40)}` } : undefined;
  },

  sink(call: CallInfo, text: string): SinkSpec | undefined {
    const dot = call.callee.lastIndexOf('.');
    const object = dot === -1 ? '' : call.callee.slice(0, dot);
    const facts = moduleFacts(text);
    if ((PATH_MODULE.test(object) || (object !== '' && object === facts.pathName)) && (call.name === 'join' || call.name === 'resolve')) return { role: 'builder', args: 'all', normalizes: true };
    // import { join } from 'path': a bare join(...) is path.join
    const named = object === '' ? facts.pathFunctions.get(call.name) : undefined;
    if (named === 'join' || named === 'resolve') return { role: 'builder', args: 'all', normalizes: true };
    if (FS_MODULE.test(object) || facts.fsNames.has(object) || (object === '' && facts.importsFs)) {
      if (FS_PATH_ONE.has(call.name)) return { role: 'access', args: [0] };
      if (FS_PATH_TWO.has(call.name)) return { role: 'access', args: [0, 1] };
    }
    if (/^(res|response|reply)$/.test(object) && (call.name === 'sendFile' || call.name === 'download')) {
      // `res.sendFile(name, { root })` refuses paths that climb out of root: not a sink.
      const options = call.args[1];
      if (options?.type === 'object' && namedChildren(options).some((pair) => /^(root|['"]root['"])$/.test(pair.childForFieldName('key')?.text ?? pair.text))) return undefined;
      return { role: 'access', args: [0] };
    }
    return undefined;
  },

  sanitizer: (call) => SANITIZERS.has(call.name) && !(call.name === 'sanitize' && call.receiver !== undefined),
  normalizer: (call) => PATH_MODULE.test(call.callee.slice(0, call.callee.lastIndexOf('.'))) && call.name === 'normalize',
  propagator(call) {
    if (ARGUMENT_PROPAGATORS.has(call.name) && (call.receiver === undefined || /^(util|String|Buffer|path)$/.test(call.receiver.text) || call.name === 'concat')) return 'all';
    return RECEIVER_PROPAGATORS.has(call.name) && call.receiver ? 'receiver' : undefined;
  },

  check(node: SyntaxNode): CheckMatch | undefined {
    if (node.type !== 'call_expression') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'member_expression') return undefined;
    const method = fn.childForFieldName('property')?.text;
    const object = fn.childForFieldName('object');
    const args = namedChildren(node.childForFieldName('arguments') ?? node);
    if (!object) return undefined;
    // p.startsWith(root): sound only once p is normalized (path.join/resolve/normalize).
    if (method === 'startsWith') {
      // path.relative(root, p).startsWith('..') vouches for p whatever its form.
      if (object.type === 'call_expression' && /\.relative$/.test(dottedText(object.childForFieldName('function') ?? object))) return { checked: [object], needsNormalized: false };
      return { checked: [object], needsNormalized: true };
    }
    // ALLOWED.includes(name), ALLOWED.has(name), /^[\w-]+$/.test(name)
    if ((method === 'includes' || method === 'has') && args[0] && object.type !== 'call_expression') return { checked: [args[0]], needsNormalized: false };
    if (method === 'test' && object.type === 'regex' && args[0]) return { checked: [args[0]], needsNormalized: false };
    if (method === 'isAbsolute' || method === 'relative') return undefined;
    return undefined;
  },

  basename(expression: string, text: string): string | undefined {
    const name = pathImportName(text);
    return name ? `${name}.basename(${expression})` : undefined;
  },
};
