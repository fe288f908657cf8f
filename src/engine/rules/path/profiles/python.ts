import { callInfo, dottedText, namedChildren, namesPattern, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';

// Python: Flask, Django, FastAPI/Starlette, aiohttp; zipfile and tarfile; sys.argv.

const REQUEST_PARTS = 'args|form|values|files|cookies|headers|GET|POST|FILES|COOKIES|query_params|path_params|view_args|json|data|match_info|query|rel_url';
// `flask.request.args` when the module is imported whole (import flask).
const REQUEST = new RegExp(`^(request|flask\\.request|req|self\\.request)\\.(${REQUEST_PARTS})\\b|^(request|req)\\.get_json\\(`);
const ROUTE_DECORATOR = /\.(route|get|post|put|delete|patch|api_route)\(/;
const ACCESS_ONE = new Set([
  'open', 'io.open', 'codecs.open', 'aiofiles.open', 'os.open', 'os.remove', 'os.unlink', 'os.listdir', 'os.scandir', 'os.makedirs', 'os.mkdir',
  'os.rmdir', 'os.removedirs', 'shutil.rmtree', 'send_file', 'flask.send_file', 'FileResponse', 'os.chmod', 'os.stat', 'np.load', 'pd.read_csv',
]);
const ACCESS_TWO = new Set(['os.rename', 'os.replace', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.move', 'shutil.copytree', 'os.symlink']);
const PATHLIB_METHODS = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'mkdir', 'rmdir', 'touch', 'iterdir', 'rename']);
const BUILDERS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join', 'Path', 'pathlib.Path', 'PurePath', 'PurePosixPath']);
const ARCHIVE_LISTINGS = ['namelist', 'getnames', 'infolist', 'getmembers'];
const SANITIZERS = new Set(['basename', 'secure_filename', 'int', 'float', 'UUID', 'uuid4', 'slugify']);
const NORMALIZERS = new Set(['abspath', 'normpath', 'realpath', 'resolve', 'absolute']);
const RECEIVER_PROPAGATORS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'replace', 'decode', 'encode', 'get', 'getlist', 'pop', 'removeprefix', 'removesuffix', 'casefold', 'expanduser']);
const ARGUMENT_PROPAGATORS = new Set(['format', 'str', 'os.fspath', 'unquote', 'unquote_plus', 'urllib.parse.unquote', 'join']);

const TAR_OPEN = /^(tarfile\.open|tarfile\.TarFile(\.open)?|TarFile(\.open)?|tarfile\.TarFile\.open)\(/;

/** `tar.extractall(dest)` -> `tar.extractall(dest, filter='data')`: one insertion before the closing parenthesis. */
function addDataFilter(call: CallInfo): SinkSpec['fix'] {
  const list = call.node.childForFieldName('arguments');
  if (!list || !list.text.endsWith(')')) return undefined;
  const close = list.endIndex - 1;
  const inside = list.text.slice(1, -1).trim();
  const newText = inside === '' ? "filter='data'" : inside.endsWith(',') ? " filter='data'" : ", filter='data'";
  return { title: "Extract with filter='data' (refuses ../, absolute paths and links)", start: close, end: close, newText };
}

function routeParameters(fn: SyntaxNode): string[] {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (!decorated) return [];
  const names: string[] = [];
  for (const decorator of namedChildren(decorated).filter((child) => child.type === 'decorator')) {
    // Flask: @app.route('/files/<path:name>'), FastAPI: @router.get('/files/{name}')
    if (!ROUTE_DECORATOR.test(decorator.text)) continue;
    for (const match of decorator.text.matchAll(/<(?:\w+:)?(\w+)>|\{(\w+)(?::\w+)?\}/g)) names.push(match[1] ?? match[2]);
  }
  return names;
}

export const pythonProfile: PathProfile = {
  grammars: ['python'],
  // REQUEST (whitespace allowed around the dot), sys.argv, an UploadFile parameter, a route
  // decorator's parameters, a Django view's parameters after `request`, an archive listing.
  sourceKeywords: [
    new RegExp(`\\b(?:request|req)\\s*\\.\\s*(?:${REQUEST_PARTS}|get_json)\\b|\\bsys\\s*\\.\\s*argv\\b`),
    'UploadFile',
    // No `@` in between: from the last `@` before `.route(`, not re-read from every `@` (quadratic).
    new RegExp(`@[^\\n@]*?${ROUTE_DECORATOR.source}`),
    // A Django view's `request` parameter: the word followed by what ends a parameter. Looser than
    // `def f(... request` (calls pass too), but with no scan from `def` to the word (that was 37x).
    /\brequest\s*[,:)]/,
    ...ARCHIVE_LISTINGS,
    'tarfile', 'TarFile',
  ],
  checkTypes: ['comparison_operator'],
  // Every sink is a call: a name from the sets, `open` and the pathlib methods on any receiver.
  sinkKeywords: [namesPattern([...ACCESS_ONE, ...ACCESS_TWO, ...BUILDERS, ...PATHLIB_METHODS, 'send_from_directory', 'joinpath'], '\\b', '\\s*\\('), /\.\s*extract(?:all)?\s*\(/],
  vocabulary: {
    sources: [
      ...REQUEST_PARTS.split('|').flatMap((part) => [`request.${part}`, `req.${part}`, `self.request.${part}`]),
      'request.get_json()', 'req.get_json(silent=True)', 'sys.argv[1]', 'async def upload(file: UploadFile):',
      "@app.route('/files/<path:name>')\ndef serve(name):", "@router.get('/files/{name}')\nasync def serve(name: str):",
      'def view(request, name):', 'def get(self, request: HttpRequest, name: str):',
      ...ARCHIVE_LISTINGS.map((name) => `for member in archive.${name}():`),
      'tarfile.open(p)', 'tarfile.TarFile(p)',
    ],
    sinks: [...ACCESS_ONE, ...ACCESS_TWO, ...BUILDERS, ...[...PATHLIB_METHODS, 'open', 'joinpath'].map((name) => `target.${name}`), 'send_from_directory', 'tar.extractall', 'tar.extract'],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type !== 'attribute' && node.type !== 'subscript' && node.type !== 'call') return undefined;
    const text = dottedText(node);
    if (REQUEST.test(text)) return { kind: 'request', label: text.slice(0, 60) };
    if (/^sys\.argv\b/.test(text)) return { kind: 'argv', label: 'sys.argv' };
    // An opened tar archive: its member names are the archive author's choice (TarSlip, see `sink`).
    if (node.type === 'call' && TAR_OPEN.test(text)) return { kind: 'archive', label: `members of ${text.slice(0, 50)}` };
    return undefined;
  },

  parameter(binding: Binding): SourceMatch | undefined {
    const fn = binding.scope;
    if (fn.type !== 'function_definition') return undefined;
    const param = binding.value;
    const type = param?.childForFieldName('type')?.text ?? '';
    if (/\bUploadFile\b/.test(type)) return { kind: 'upload', label: `${binding.name}: UploadFile`, object: true };
    if (routeParameters(fn).includes(binding.name)) return { kind: 'request', label: `route parameter ${binding.name}` };
    // Django: def view(request, name) — the URL's captured values follow `request`.
    const params = namedChildren(fn.childForFieldName('parameters')!).map((p) => (p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text ?? namedChildren(p)[0]?.text));
    const requestAt = params.indexOf('request');
    const at = params.indexOf(binding.name);
    if (requestAt !== -1 && requestAt <= 1 && at > requestAt && !/\b(int|bool|float)\b/.test(type) && !param?.childForFieldName('value')) {
      return { kind: 'request', label: `URL parameter ${binding.name}`, heuristic: true };
    }
    return undefined;
  },

  iteration(collection: SyntaxNode): SourceMatch | undefined {
    if (collection.type !== 'call') return undefined;
    const call = callInfo(collection, 'python');
    if (!call) return undefined;
    if (call.name === ARCHIVE_LISTINGS[0] || call.name === ARCHIVE_LISTINGS[1]) return { kind: 'archive', label: `${call.callee}()` };
    if (call.name === ARCHIVE_LISTINGS[2] || call.name === ARCHIVE_LISTINGS[3]) return { kind: 'archive', label: `${call.callee}()`, object: true };
    return undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    // tar.extractall(dest) / tar.extract(member, dest) without a filter writes wherever member names point
    // ("../", absolute paths, links); filter='data' (Python 3.12+, backported) refuses those.
    if ((call.name === 'extractall' || call.name === 'extract') && call.receiver && !call.keywords.has('filter')) {
      return { role: 'access', args: [], receiver: true, fix: addDataFilter(call) };
    }
    if (ACCESS_ONE.has(call.callee)) return { role: 'access', args: [0] };
    if (ACCESS_TWO.has(call.callee)) return { role: 'access', args: [0, 1] };
    // send_from_directory(directory, filename) joins safely; only a tainted directory is a problem.
    if (call.name === 'send_from_directory') return { role: 'access', args: [0] };
    if (BUILDERS.has(call.callee)) return { role: 'builder', args: 'all' };
    if (call.name === 'joinpath' && call.receiver) return { role: 'builder', args: 'all', receiver: true };
    if (call.receiver && (PATHLIB_METHODS.has(call.name) || (call.name === 'open' && call.args.length <= 1 && /^(Path|pathlib\.Path)\(|^\w+$/.test(dottedText(call.receiver)) && !/zip|tar|archive|zf|tf/i.test(call.receiver.text)))) {
      return { role: 'access', args: [], receiver: true };
    }
    return undefined;
  },

  sanitizer: (call) => SANITIZERS.has(call.name),
  normalizer: (call) => NORMALIZERS.has(call.name),
  propagator(call) {
    if (ARGUMENT_PROPAGATORS.has(call.callee) || ARGUMENT_PROPAGATORS.has(call.name)) return 'all';
    return call.receiver && RECEIVER_PROPAGATORS.has(call.name) ? 'receiver' : undefined;
  },
  safeMember(node: SyntaxNode): boolean {
    // Path(p).name keeps only the last component.
    if (node.type !== 'attribute') return false;
    const attribute = node.childForFieldName('attribute')?.text;
    const object = node.childForFieldName('object');
    return (attribute === 'name' || attribute === 'stem') && object?.type === 'call' && /^(pathlib\.)?(Pure)?(Posix)?Path$/.test(object.childForFieldName('function')?.text ?? '');
  },

  check(node: SyntaxNode): CheckMatch | undefined {
    if (node.type === 'comparison_operator') {
      // name in ALLOWED / '..' in name / name not in ALLOWED; commonpath([...]) == base
      const operands = namedChildren(node);
      if (/\bin\b/.test(node.text) && operands.length === 2) return { checked: operands, needsNormalized: false };
      const common = operands.find((operand) => operand.type === 'call' && /commonpath$/.test(operand.childForFieldName('function')?.text ?? ''));
      if (common) return { checked: [common], needsNormalized: false };
      return undefined;
    }
    if (node.type !== 'call') return undefined;
    const call = callInfo(node, 'python');
    if (!call) return undefined;
    if (call.name === 'startswith' && call.receiver) return { checked: [call.receiver], needsNormalized: true };
    if (call.name === 'is_relative_to' && call.receiver) return { checked: [call.receiver], needsNormalized: false };
    if (call.name === 'relative_to' && call.receiver) return { checked: [call.receiver], needsNormalized: false };
    if (/^(re\.)?(fullmatch|match)$/.test(call.callee) && call.args[1]) return { checked: [call.args[1]], needsNormalized: false };
    return undefined;
  },

  basename(expression: string, text: string): string | undefined {
    return /^import os\b|^import os\.path|^from os import path/m.test(text) ? `os.path.basename(${expression})` : undefined;
  },
};
