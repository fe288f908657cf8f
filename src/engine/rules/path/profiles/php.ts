import { callInfo, dottedText, namedChildren, namesPattern, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';

// PHP: superglobals, Laravel/Symfony requests, ZipArchive; $argv.

const SUPERGLOBAL = /^\$_(GET|POST|REQUEST|COOKIE|FILES|SERVER)\b/;
// Laravel `$request->input('f')`, `request()->input('f')`, `Request::input('f')`; Symfony `$request->query->get('f')`.
const REQUEST_METHOD = /^(?:\$request|request\(\)|Request)\.(?:input|get|query|post|route|file|cookie|header|string|str)$|^\$request\.(?:query|request|attributes|files|cookies|headers)\.get$/;
/** Laravel's Storage and File facades (also `Storage::disk('s3')->get(p)`): the first argument is a path on the disk. */
const FACADE_ONE = new Set([
  'get', 'put', 'putFile', 'putFileAs', 'download', 'delete', 'exists', 'missing', 'readStream', 'writeStream', 'response', 'path', 'size', 'lastModified',
  'mimeType', 'append', 'prepend', 'makeDirectory', 'deleteDirectory', 'files', 'allFiles', 'directories', 'json', 'lines', 'isFile', 'isDirectory',
]);
const FACADE_TWO = new Set(['copy', 'move']);
/** Laravel path helpers: they prefix a folder, nothing more. */
const PATH_HELPERS = new Set(['storage_path', 'public_path', 'base_path', 'resource_path', 'app_path', 'database_path']);
const ACCESS_ONE = new Set([
  'fopen', 'file_get_contents', 'file_put_contents', 'readfile', 'file', 'unlink', 'opendir', 'scandir', 'mkdir', 'rmdir', 'parse_ini_file',
  'include', 'include_once', 'require', 'require_once', 'highlight_file', 'show_source', 'fpassthru', 'touch', 'glob',
  // file tests and metadata: they reveal what exists outside the root, and chmod changes it
  'file_exists', 'is_file', 'is_dir', 'is_readable', 'filesize', 'filemtime', 'chmod', 'chown',
]);
const ACCESS_TWO = new Set(['copy', 'rename', 'symlink', 'link']);
const SANITIZERS = new Set(['basename', 'intval', 'floatval', 'pathinfo', 'uniqid']);
const PROPAGATORS = new Set(['sprintf', 'str_replace', 'trim', 'ltrim', 'rtrim', 'strtolower', 'strtoupper', 'urldecode', 'rawurldecode', 'implode', 'substr', 'preg_replace', 'stripslashes', 'html_entity_decode']);

export const phpProfile: PathProfile = {
  grammars: ['php'],
  sourceKeywords: ['$_GET', '$_POST', '$_REQUEST', '$_COOKIE', '$_FILES', '$_SERVER', '$request->', 'request(', 'Request::', 'getClientOriginalName', 'getNameIndex', '$argv'],
  checkTypes: [],
  // Every `source` match holds one of these in its text (superglobals, `$argv`, `$request->`,
  // `request()`, `Request::`, the upload and archive calls), so a large file is analysed statement
  // by statement (regions.ts). Nothing is read from the whole file: no file facts.
  regionPattern: /\$_(?:GET|POST|REQUEST|COOKIE|FILES|SERVER)|\$argv|[Rr]equest|getClientOriginalName|getNameIndex/g,
  fileFacts: () => '',
  // `include $f` needs no parentheses.
  sinkKeywords: [namesPattern([...ACCESS_ONE, ...ACCESS_TWO, ...PATH_HELPERS, 'move_uploaded_file', 'Storage', 'File', 'BinaryFileResponse', 'download'], '\\b', '\\b'), /->\s*file\b/],
  vocabulary: {
    sources: [
      ...['GET', 'POST', 'REQUEST', 'COOKIE', 'FILES', 'SERVER'].map((name) => `$_${name}['f']`),
      ...['input', 'get', 'query', 'post', 'route', 'file', 'cookie', 'header'].map((name) => `$request->${name}('f')`),
      "$request->file('f')->getClientOriginalName()", '$zip->getNameIndex($i)', '$argv[1]',
      "request()->input('f')", "Request::input('f')", "$request->query->get('f')", "request('f')", '$request->name',
    ],
    sinks: [
      ...ACCESS_ONE, ...ACCESS_TWO, ...PATH_HELPERS, 'move_uploaded_file', ...[...FACADE_ONE, ...FACADE_TWO].flatMap((name) => [`Storage::${name}`, `File::${name}`]),
      "Storage::disk('local')->get", 'response()->download', 'response()->file', 'new BinaryFileResponse', '$this->file',
    ],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type === 'variable_name' || node.type === 'subscript_expression') {
      const text = dottedText(node);
      if (SUPERGLOBAL.test(text)) return { kind: /^\$_FILES/.test(text) ? 'upload' : 'request', label: text.slice(0, 60) };
      if (text === '$argv') return { kind: 'argv', label: '$argv' };
      return undefined;
    }
    // Laravel's dynamic properties: $request->name
    if (node.type === 'member_access_expression' && node.childForFieldName('object')?.text === '$request') return { kind: 'request', label: node.text.slice(0, 60) };
    // Laravel's request('name') helper
    if (node.type === 'function_call_expression' && node.childForFieldName('function')?.text === 'request' && namedChildren(node.childForFieldName('arguments') ?? node).length > 0) return { kind: 'request', label: node.text.slice(0, 60) };
    if (node.type !== 'member_call_expression' && node.type !== 'scoped_call_expression') return undefined;
    const call = callInfo(node, 'php');
    if (!call) return undefined;
    if (REQUEST_METHOD.test(call.callee)) return { kind: 'request', label: node.text.slice(0, 60) };
    if (call.name === 'getClientOriginalName') return { kind: 'upload', label: node.text.slice(0, 60) };
    if (call.name === 'getNameIndex') return { kind: 'archive', label: node.text.slice(0, 60) };
    return undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (call.receiver) {
      const receiver = call.receiver.text;
      if (/^(Storage|File)\b/.test(receiver) && !receiver.includes('->url')) {
        if (FACADE_ONE.has(call.name)) return { role: 'access', args: [0] };
        if (FACADE_TWO.has(call.name)) return { role: 'access', args: [0, 1] };
      }
      // response()->download($path), response()->file($path); Symfony's $this->file($path) in a controller
      if ((receiver === 'response()' && (call.name === 'download' || call.name === 'file')) || (receiver === '$this' && call.name === 'file')) return { role: 'access', args: [0] };
      return undefined;
    }
    if (PATH_HELPERS.has(call.callee)) return { role: 'builder', args: 'all' };
    if (call.callee === 'new BinaryFileResponse') return { role: 'access', args: [0] };
    if (ACCESS_ONE.has(call.callee)) return { role: 'access', args: [0] };
    if (ACCESS_TWO.has(call.callee)) return { role: 'access', args: [0, 1] };
    if (call.callee === 'move_uploaded_file') return { role: 'access', args: [1] };
    return undefined;
  },

  sanitizer: (call) => !call.receiver && SANITIZERS.has(call.callee),
  normalizer: (call) => !call.receiver && call.callee === 'realpath',
  propagator: (call) => (!call.receiver && PROPAGATORS.has(call.callee) ? 'all' : undefined),
  check(node: SyntaxNode): CheckMatch | undefined {
    if (node.type !== 'function_call_expression') return undefined;
    const call = callInfo(node, 'php');
    if (!call) return undefined;
    if ((call.callee === 'str_starts_with' || call.callee === 'strpos' || call.callee === 'strncmp') && call.args[0]) return { checked: [call.args[0]], needsNormalized: true };
    if ((call.callee === 'in_array' || call.callee === 'array_key_exists') && call.args[0]) return { checked: [call.args[0]], needsNormalized: false };
    if (call.callee === 'preg_match' && call.args[1]) return { checked: [call.args[1]], needsNormalized: false };
    if (call.callee === 'str_contains' && call.args[0]) return { checked: [call.args[0]], needsNormalized: false };
    return undefined;
  },
  basename: (expression) => `basename(${expression})`,
};
