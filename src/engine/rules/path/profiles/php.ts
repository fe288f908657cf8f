import { callInfo, dottedText, namesPattern, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';

// PHP: superglobals, Laravel/Symfony requests, ZipArchive; $argv.

const SUPERGLOBAL = /^\$_(GET|POST|REQUEST|COOKIE|FILES|SERVER)\b/;
const REQUEST_METHOD = /^\$request\.(input|get|query|post|route|file|cookie|header)$/;
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
  sourceKeywords: ['$_GET', '$_POST', '$_REQUEST', '$_COOKIE', '$_FILES', '$_SERVER', '$request->', 'getClientOriginalName', 'getNameIndex', '$argv'],
  checkTypes: [],
  // `include $f` needs no parentheses.
  sinkKeywords: [namesPattern([...ACCESS_ONE, ...ACCESS_TWO, 'move_uploaded_file'], '\\b', '\\b')],
  vocabulary: {
    sources: [
      ...['GET', 'POST', 'REQUEST', 'COOKIE', 'FILES', 'SERVER'].map((name) => `$_${name}['f']`),
      ...['input', 'get', 'query', 'post', 'route', 'file', 'cookie', 'header'].map((name) => `$request->${name}('f')`),
      "$request->file('f')->getClientOriginalName()", '$zip->getNameIndex($i)', '$argv[1]',
    ],
    sinks: [...ACCESS_ONE, ...ACCESS_TWO, 'move_uploaded_file'],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type === 'variable_name' || node.type === 'subscript_expression') {
      const text = dottedText(node);
      if (SUPERGLOBAL.test(text)) return { kind: /^\$_FILES/.test(text) ? 'upload' : 'request', label: text.slice(0, 60) };
      if (text === '$argv') return { kind: 'argv', label: '$argv' };
      return undefined;
    }
    if (node.type !== 'member_call_expression') return undefined;
    const call = callInfo(node, 'php');
    if (!call) return undefined;
    if (REQUEST_METHOD.test(call.callee)) return { kind: 'request', label: node.text.slice(0, 60) };
    if (call.name === 'getClientOriginalName') return { kind: 'upload', label: node.text.slice(0, 60) };
    if (call.name === 'getNameIndex') return { kind: 'archive', label: node.text.slice(0, 60) };
    return undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (call.receiver) return undefined;
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
