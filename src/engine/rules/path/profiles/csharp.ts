import { dottedText, namedChildren, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';
import { methodCheck } from './shared';

// C#: ASP.NET Core controllers and minimal APIs; System.IO.Compression; Main(string[] args).

const REQUEST = /^(HttpContext\.|context\.|ctx\.)?Request\.(Query|Form|RouteValues|Headers|Cookies|Path|QueryString)\b/;
const FILE_ONE = new Set([
  'ReadAllText', 'ReadAllBytes', 'ReadAllLines', 'ReadLines', 'OpenRead', 'OpenWrite', 'Open', 'OpenText', 'Create', 'Delete', 'WriteAllText',
  'WriteAllBytes', 'WriteAllLines', 'AppendAllText', 'CreateText', 'AppendText', 'ReadAllTextAsync', 'ReadAllBytesAsync', 'WriteAllTextAsync', 'WriteAllBytesAsync',
]);
const DIRECTORY_ONE = new Set(['Delete', 'CreateDirectory', 'GetFiles', 'EnumerateFiles', 'GetDirectories', 'EnumerateDirectories']);
const ACCESS_CONSTRUCTORS = new Set(['new FileStream', 'new StreamReader', 'new StreamWriter', 'new FileInfo', 'new DirectoryInfo', 'new PhysicalFileResult']);
const SANITIZERS = new Set(['Path.GetFileName', 'Path.GetFileNameWithoutExtension', 'int.Parse', 'Int32.Parse', 'Guid.Parse', 'long.Parse']);
const RECEIVER_PROPAGATORS = new Set(['ToString', 'Trim', 'ToLower', 'ToUpper', 'ToLowerInvariant', 'ToUpperInvariant', 'Replace', 'Substring', 'TrimStart', 'TrimEnd']);
const ARGUMENT_PROPAGATORS = new Set(['string.Format', 'String.Format', 'string.Concat', 'String.Concat', 'string.Join', 'Uri.UnescapeDataString', 'WebUtility.UrlDecode', 'HttpUtility.UrlDecode']);
const BINDING_ATTRIBUTES = /\[\s*(FromQuery|FromRoute|FromForm|FromHeader|FromBody)\b/;

function isAction(method: SyntaxNode): boolean {
  if (method.type !== 'method_declaration') return false;
  if (/\[\s*(Http(Get|Post|Put|Delete|Patch)|Route)\b/.test(namedChildren(method).filter((child) => child.type === 'attribute_list').map((list) => list.text).join(' '))) return true;
  // Only public methods are actions: a private helper's parameters are tainted by its callers instead (taint.ts).
  const modifiers = namedChildren(method).filter((child) => child.type === 'modifier').map((child) => child.text);
  if (modifiers.some((modifier) => modifier === 'private' || modifier === 'protected' || modifier === 'internal' || modifier === 'static') || !modifiers.includes('public')) return false;
  for (let at = method.parent; at; at = at.parent) {
    if (at.type === 'class_declaration') return /\b(Controller|ControllerBase)\b/.test(namedChildren(at).find((child) => child.type === 'base_list')?.text ?? '');
  }
  return false;
}

export const csharpProfile: PathProfile = {
  grammars: ['c-sharp'],
  sourceKeywords: ['Request.', 'Controller', 'HttpGet', 'HttpPost', '[From', 'IFormFile', 'Entries', 'Main(', 'Map'],
  checkTypes: [],
  sinkKeywords: ['File', 'Directory', 'Path.Combine', 'Path.Join', 'Stream'],
  vocabulary: {
    sources: [
      ...['Query', 'Form', 'RouteValues', 'Headers', 'Cookies', 'Path', 'QueryString'].flatMap((part) => [`Request.${part}["f"]`, `HttpContext.Request.${part}`, `context.Request.${part}`]),
      '[HttpGet("{name}")]\npublic IActionResult Get(string name) {', 'public class FilesController : Controller {\npublic IActionResult Get(string name) {',
      'public IActionResult Get([FromQuery] string name) {', 'public IActionResult Upload(IFormFile file) {', 'static void Main(string[] args) {',
      'app.MapGet("/files/{name}", (string name) => Results.Ok());', 'foreach (var entry in archive.Entries) {',
    ],
    sinks: [
      'Path.Combine', 'Path.Join', 'File.Copy', 'File.Move', ...[...FILE_ONE].map((name) => `File.${name}`), ...[...DIRECTORY_ONE].map((name) => `Directory.${name}`),
      ...ACCESS_CONSTRUCTORS, 'PhysicalFile', 'entry.ExtractToFile', 'System.IO.File.ReadAllText',
    ],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type !== 'member_access_expression' && node.type !== 'element_access_expression' && node.type !== 'invocation_expression') return undefined;
    const text = dottedText(node);
    return REQUEST.test(text) ? { kind: 'request', label: text.slice(0, 60) } : undefined;
  },

  parameter(binding: Binding): SourceMatch | undefined {
    const param = binding.value;
    if (!param || param.type !== 'parameter') return undefined;
    const type = param.childForFieldName('type')?.text ?? '';
    const attributes = namedChildren(param).filter((child) => child.type === 'attribute_list').map((list) => list.text).join(' ');
    const method = binding.scope;
    if (method.type === 'method_declaration' && method.childForFieldName('name')?.text === 'Main' && type === 'string[]') return { kind: 'argv', label: `Main(string[] ${binding.name})` };
    if (type === 'IFormFile' && (isAction(method) || method.type === 'lambda_expression')) return { kind: 'upload', label: `IFormFile ${binding.name}`, object: true };
    if (!/^(string|String)$/.test(type)) return undefined;
    if (BINDING_ATTRIBUTES.test(attributes)) return { kind: 'request', label: `${attributes.replace(/\s+/g, '')} ${binding.name}` };
    if (isAction(method)) return { kind: 'request', label: `action parameter ${binding.name}` };
    // Minimal API: app.MapGet("/files/{name}", (string name) => ...)
    const mapCall = method.type === 'lambda_expression' ? enclosingMapCall(method) : undefined;
    if (mapCall && mapCall.includes(`{${binding.name}`)) return { kind: 'request', label: `route parameter ${binding.name}` };
    return undefined;
  },

  iteration(collection: SyntaxNode): SourceMatch | undefined {
    return /\.Entries$/.test(dottedText(collection)) ? { kind: 'archive', label: `${collection.text} entry`, object: true } : undefined;
  },

  sink(original: CallInfo): SinkSpec | undefined {
    const call = { ...original, callee: original.callee.replace(/^(global\.)?System\.IO\./, '') };
    if (call.callee === 'Path.Combine' || call.callee === 'Path.Join') return { role: 'builder', args: 'all' };
    if ((call.callee === 'File.Copy' || call.callee === 'File.Move')) return { role: 'access', args: [0, 1] };
    if (call.callee.startsWith('File.') && FILE_ONE.has(call.name)) return { role: 'access', args: [0] };
    if (call.callee.startsWith('Directory.') && DIRECTORY_ONE.has(call.name)) return { role: 'access', args: [0] };
    if (ACCESS_CONSTRUCTORS.has(call.callee)) return { role: 'access', args: [0] };
    if (call.callee === 'PhysicalFile' || call.name === 'ExtractToFile') return { role: 'access', args: [0] };
    return undefined;
  },

  sanitizer: (call) => SANITIZERS.has(call.callee),
  normalizer: (call) => call.callee === 'Path.GetFullPath' || call.callee === 'System.IO.Path.GetFullPath',
  propagator(call) {
    if (ARGUMENT_PROPAGATORS.has(call.callee)) return 'all';
    return call.receiver && RECEIVER_PROPAGATORS.has(call.name) ? 'receiver' : undefined;
  },
  check: (node): CheckMatch | undefined =>
    node.type === 'invocation_expression' ? methodCheck(node, 'c-sharp', new Set(['StartsWith']), new Set(['Contains', 'ContainsKey']), new Set(['IsMatch'])) : undefined,
  basename: (expression) => `Path.GetFileName(${expression})`,
};

function enclosingMapCall(lambda: SyntaxNode): string | undefined {
  const call = lambda.parent?.parent?.type === 'argument_list' ? lambda.parent.parent.parent : lambda.parent?.parent;
  const text = call?.type === 'invocation_expression' ? call.childForFieldName('function')?.text : undefined;
  return text && /\.Map(Get|Post|Put|Delete|Patch)?$/.test(text) ? call!.text.slice(0, 300) : undefined;
}
