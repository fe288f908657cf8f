import { callInfo, namedChildren, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';
import { methodCheck } from './shared';

// Java: Servlets, Spring MVC, JAX-RS; java.util.zip, commons-compress; main(String[] args).

const REQUEST_METHODS = new Set(['getParameter', 'getParameterValues', 'getHeader', 'getPathInfo', 'getQueryString', 'getRequestURI', 'getServletPath']);
const UPLOAD_METHODS = new Set(['getOriginalFilename', 'getSubmittedFileName']);
const ENTRY_METHODS = new Set(['getNextEntry', 'getNextTarEntry', 'getNextJarEntry', 'getNextZipEntry']);
const REQUEST_ANNOTATIONS = /@(PathVariable|RequestParam|RequestHeader|CookieValue|PathParam|QueryParam|FormParam|HeaderParam|RequestPart)\b/;
const ACCESS_CONSTRUCTORS = new Set(['new FileInputStream', 'new FileOutputStream', 'new FileReader', 'new FileWriter', 'new RandomAccessFile', 'new PrintWriter', 'new FileSystemResource', 'new ZipFile']);
const FILES_ONE = new Set([
  'readAllBytes', 'readString', 'readAllLines', 'lines', 'newInputStream', 'newOutputStream', 'newBufferedReader', 'newBufferedWriter', 'write',
  'writeString', 'delete', 'deleteIfExists', 'createDirectories', 'createFile', 'list', 'walk', 'newByteChannel',
]);
const FILE_METHODS = new Set(['delete', 'createNewFile', 'mkdirs', 'mkdir', 'renameTo', 'listFiles', 'deleteOnExit']);
const SANITIZERS = new Set(['FilenameUtils.getName', 'Integer.parseInt', 'Integer.valueOf', 'Long.parseLong', 'UUID.fromString']);
const NORMALIZERS = new Set(['normalize', 'toRealPath', 'getCanonicalPath', 'getCanonicalFile']);
const RECEIVER_PROPAGATORS = new Set(['getName', 'toString', 'trim', 'strip', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'substring', 'concat', 'toPath', 'getPath', 'getAbsolutePath', 'toFile', 'toAbsolutePath']);
const ARGUMENT_PROPAGATORS = new Set(['String.format', 'String.join', 'URLDecoder.decode', 'String.valueOf']);

export const javaProfile: PathProfile = {
  grammars: ['java'],
  sourceKeywords: ['getParameter', 'getHeader', 'getPathInfo', 'getRequestURI', 'PathVariable', 'RequestParam', 'PathParam', 'QueryParam', 'getOriginalFilename', 'getSubmittedFileName', 'Entry', 'main('],
  checkTypes: [],
  sinkKeywords: ['File', 'Files.', 'Paths.', 'Path.of', '.resolve('],

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type !== 'method_invocation') return undefined;
    const call = callInfo(node, 'java');
    if (!call) return undefined;
    if (REQUEST_METHODS.has(call.name) && call.receiver) return { kind: 'request', label: node.text.slice(0, 60) };
    if (UPLOAD_METHODS.has(call.name)) return { kind: 'upload', label: node.text.slice(0, 60) };
    if (ENTRY_METHODS.has(call.name)) return { kind: 'archive', label: `${call.name}()`, object: true };
    return undefined;
  },

  parameter(binding: Binding): SourceMatch | undefined {
    const param = binding.value;
    if (!param || param.type !== 'formal_parameter') return undefined;
    const modifiers = namedChildren(param).find((child) => child.type === 'modifiers')?.text ?? '';
    const type = param.childForFieldName('type')?.text ?? '';
    if (REQUEST_ANNOTATIONS.test(modifiers) && /^(String|Path|MultipartFile)\b/.test(type)) return { kind: type === 'MultipartFile' ? 'upload' : 'request', label: `${modifiers.split(/[\s(]/)[0]} ${binding.name}`, object: type === 'MultipartFile' };
    if (/^(MultipartFile|Part)$/.test(type)) return { kind: 'upload', label: `${type} ${binding.name}`, object: true };
    const method = binding.scope;
    if (method.type === 'method_declaration' && method.childForFieldName('name')?.text === 'main' && type === 'String[]') return { kind: 'argv', label: `main(${type} ${binding.name})` };
    return undefined;
  },

  iteration(collection: SyntaxNode): SourceMatch | undefined {
    // for (ZipEntry e : Collections.list(zip.entries())), for (... : zipFile.stream()...)
    return /\b(zip|jar|tar|archive)\w*\.(entries|getEntries|stream)\(\)/i.test(collection.text) ? { kind: 'archive', label: `${collection.text.slice(0, 40)} entry`, object: true } : undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (call.callee === 'new File' || call.callee === 'Paths.get' || call.callee === 'Path.of') return { role: 'builder', args: 'all' };
    if (ACCESS_CONSTRUCTORS.has(call.callee)) return { role: 'access', args: [0] };
    if (call.callee.startsWith('Files.') && FILES_ONE.has(call.name)) return { role: 'access', args: [0] };
    if (call.callee === 'Files.copy' || call.callee === 'Files.move') return { role: 'access', args: [0, 1] };
    if (call.callee.startsWith('FileUtils.') && /^(readFileToString|readLines|openInputStream|writeStringToFile|forceDelete|deleteDirectory|copyFile|openOutputStream)$/.test(call.name)) return { role: 'access', args: [0] };
    if (call.name === 'resolve' && call.receiver && call.args.length === 1) return { role: 'builder', args: [0] };
    if (FILE_METHODS.has(call.name) && call.receiver && call.args.length === 0) return { role: 'access', args: [], receiver: true };
    return undefined;
  },

  sanitizer: (call) => SANITIZERS.has(call.callee) || call.name === 'getFileName',
  normalizer: (call) => NORMALIZERS.has(call.name),
  propagator(call) {
    if (ARGUMENT_PROPAGATORS.has(call.callee)) return 'all';
    return call.receiver && RECEIVER_PROPAGATORS.has(call.name) ? 'receiver' : undefined;
  },
  check: (node): CheckMatch | undefined => (node.type === 'method_invocation' ? methodCheck(node, 'java', new Set(['startsWith']), new Set(['contains', 'containsKey']), new Set(['matches'])) : undefined),
  basename: (expression, text) => (/\bnew File\(/.test(text) ? `new File(${expression}).getName()` : undefined),
};
