import { dottedText, namedChildren, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';

// JavaScript and TypeScript: Express, Koa, Fastify, Next.js, multer, yauzl/adm-zip/unzipper/tar.

const REQUEST = /^(req|request|ctx\.request|ctx|context\.req)\.(params|query|body|headers|cookies|signedCookies|files?)\b/;
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

let lastText: string | undefined;
let lastImportsFs = false;

/** Bare `readFile(...)` is fs's only when the file imports fs. Asked once per call: cache per text. */
function isFsImported(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastImportsFs = /['"](node:)?fs(\/promises)?['"]|['"]fs-extra['"]/.test(text);
  }
  return lastImportsFs;
}

/** The name this file gives the path module (`import * as path from 'node:path'`), if it imports it. */
function pathImportName(text: string): string | undefined {
  // The quoted module name must be there; checking for it first spares a slow search of a large file.
  if (!text.includes("path'") && !text.includes('path"')) return undefined;
  return /(?:const|let|var|import)\s+(?:\*\s+as\s+)?(\w+)\s*(?:=\s*require\(\s*|from\s+)['"](?:node:)?path['"]/.exec(text)?.[1];
}

export const javascriptProfile: PathProfile = {
  grammars: ['javascript', 'typescript', 'tsx'],
  sourceKeywords: ['req.', 'request.', 'ctx.', 'context.req', 'process.argv', 'originalname', 'fileName', 'entryName', 'searchParams', 'entry.', 'header.'],
  checkTypes: [],
  // Every `source` match starts with one of these words followed by a dot (dottedText drops
  // whitespace and reads `?.` as `.`), or holds one of the property names. No word-boundary test:
  // `myreq.x` matching too costs nothing, and the pattern runs twice as fast without one.
  // `\s*(?:\?\s*)?` rather than `\s*\??\s*`: two whitespace runs side by side can split a long run
  // of spaces in n ways at every start, which made `req` + 100 KB of spaces quadratic.
  regionPattern: /(?:req|request|ctx|context|entry|header|zipEntry|tarEntry)\s*(?:\?\s*)?\.|process\s*(?:\?\s*)?\.\s*argv|originalname|fileName|entryName|searchParams/g,
  fileFacts: (text) => `${isFsImported(text)}:${pathImportName(text) ?? ''}`,
  sinkKeywords: ['fs', 'path', 'sendFile', 'download', 'readFile', 'createReadStream', 'writeFile'],
  vocabulary: {
    sources: [
      ...['params', 'query', 'body', 'headers', 'cookies', 'signedCookies', 'file', 'files'].flatMap((part) => [`req.${part}.f`, `request.${part}.f`, `ctx.request.${part}.f`, `ctx.${part}.f`, `context.req.${part}.f`]),
      'process.argv[2]', 'req.file.originalname', "searchParams.get('f')", "request.nextUrl.searchParams.get('f')",
      "import yauzl from 'yauzl';\nentry.fileName", "const zip = new AdmZip(p);\nentry.entryName", "import tar from 'tar';\nheader.name", "require('unzipper');\nentry.path",
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
      return undefined;
    }
    if (REQUEST.test(text)) return { kind: 'request', label: text.slice(0, 60) };
    if (/^process\.argv\b/.test(text)) return { kind: 'argv', label: 'process.argv' };
    if (/\.originalname$/.test(text)) return { kind: 'upload', label: text };
    if ((ARCHIVE_NAME.test(text) || ENTRY_PATH.test(text)) && usesArchiveLibrary(node)) return { kind: 'archive', label: text };
    return undefined;
  },

  sink(call: CallInfo, text: string): SinkSpec | undefined {
    const dot = call.callee.lastIndexOf('.');
    const object = dot === -1 ? '' : call.callee.slice(0, dot);
    if (PATH_MODULE.test(object) && (call.name === 'join' || call.name === 'resolve')) return { role: 'builder', args: 'all', normalizes: true };
    if (FS_MODULE.test(object) || (object === '' && isFsImported(text))) {
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
