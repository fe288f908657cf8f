import { callInfo, namedChildren, namesPattern, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';
import { methodCheck } from './shared';

// Java: Servlets, Spring MVC, JAX-RS; java.util.zip, commons-compress; main(String[] args).

const REQUEST_METHODS = new Set(['getParameter', 'getParameterValues', 'getHeader', 'getPathInfo', 'getQueryString', 'getRequestURI', 'getServletPath']);
const UPLOAD_METHODS = new Set(['getOriginalFilename', 'getSubmittedFileName']);
const ENTRY_METHODS = new Set(['getNextEntry', 'getNextTarEntry', 'getNextJarEntry', 'getNextZipEntry']);
// Also fully qualified: @javax.ws.rs.PathParam, @jakarta.ws.rs.QueryParam, @org.springframework.web.bind.annotation.RequestParam.
const REQUEST_ANNOTATIONS = /@(?:[\w.]*\.)?(PathVariable|RequestParam|RequestHeader|CookieValue|PathParam|QueryParam|FormParam|HeaderParam|RequestPart)\b/;
const ACCESS_CONSTRUCTORS = new Set([
  'new FileInputStream', 'new FileOutputStream', 'new FileReader', 'new FileWriter', 'new RandomAccessFile', 'new PrintWriter', 'new FileSystemResource', 'new ZipFile',
  // Spring resources: a class-path or file-system location named by the caller
  'new ClassPathResource', 'new PathResource', 'new UrlResource', 'new ServletContextResource',
]);
/** ResourceLoader/ApplicationContext.getResource("classpath:" + x), Class/ClassLoader.getResource(AsStream), ServletContext.getRealPath. */
const RESOURCE_METHODS = new Set(['getResource', 'getResourceAsStream', 'getResources', 'getRealPath']);
const FILES_ONE = new Set([
  'readAllBytes', 'readString', 'readAllLines', 'lines', 'newInputStream', 'newOutputStream', 'newBufferedReader', 'newBufferedWriter', 'write',
  'writeString', 'delete', 'deleteIfExists', 'createDirectories', 'createFile', 'list', 'walk', 'newByteChannel',
]);
const FILE_METHODS = new Set(['delete', 'createNewFile', 'mkdirs', 'mkdir', 'renameTo', 'listFiles', 'deleteOnExit']);
const BUILDERS = new Set(['new File', 'Paths.get', 'Path.of']);
const FILES_TWO = new Set(['copy', 'move']);
const FILE_UTILS = new Set(['readFileToString', 'readLines', 'openInputStream', 'writeStringToFile', 'forceDelete', 'deleteDirectory', 'copyFile', 'openOutputStream']);
const ARCHIVE_COLLECTION = /\b(zip|jar|tar|archive)\w*\.(entries|getEntries|stream)\(\)/i;
const SANITIZERS = new Set(['FilenameUtils.getName', 'Integer.parseInt', 'Integer.valueOf', 'Long.parseLong', 'UUID.fromString']);
const NORMALIZERS = new Set(['normalize', 'toRealPath', 'getCanonicalPath', 'getCanonicalFile']);
const RECEIVER_PROPAGATORS = new Set(['getName', 'toString', 'trim', 'strip', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'substring', 'concat', 'toPath', 'getPath', 'getAbsolutePath', 'toFile', 'toAbsolutePath']);
const ARGUMENT_PROPAGATORS = new Set(['String.format', 'String.join', 'URLDecoder.decode', 'String.valueOf']);

export const javaProfile: PathProfile = {
  grammars: ['java'],
  // The request, upload and entry methods, the binding annotations, upload parameter types,
  // main(String[]), a loop over an archive's entries.
  sourceKeywords: [
    ...REQUEST_METHODS, ...UPLOAD_METHODS, ...ENTRY_METHODS,
    REQUEST_ANNOTATIONS, /\b(?:MultipartFile|Part)\b/, /\bmain\s*\(/, ARCHIVE_COLLECTION,
  ],
  checkTypes: [],
  // Calls only: `new File(`, not the `FileService` class names every Java file holds.
  sinkKeywords: [
    namesPattern([...BUILDERS, ...ACCESS_CONSTRUCTORS, ...[...FILES_ONE, ...FILES_TWO].map((name) => `Files.${name}`), ...[...FILE_UTILS].map((name) => `FileUtils.${name}`)], '\\b', '\\s*\\('),
    // Fully qualified: new java.io.File(, java.nio.file.Files.readString(
    namesPattern([...BUILDERS, ...ACCESS_CONSTRUCTORS].map((name) => name.replace(/^(new )?/, '$1java.io.')).concat([...FILES_ONE, ...FILES_TWO].map((name) => `java.nio.file.Files.${name}`), ['java.nio.file.Paths.get', 'java.nio.file.Path.of']), '\\b', '\\s*\\('),
    /\.\s*resolve\s*\(/,
    // FILE_METHODS take no argument (a comment may sit in the parentheses).
    namesPattern(FILE_METHODS, '\\.\\s*', '\\s*\\(\\s*(?:\\)|/)'),
    namesPattern(RESOURCE_METHODS, '\\.\\s*', '\\s*\\('),
  ],
  vocabulary: {
    sources: [
      ...[...REQUEST_METHODS].map((name) => `request.${name}("f")`), ...[...UPLOAD_METHODS].map((name) => `file.${name}()`),
      ...[...ENTRY_METHODS].map((name) => `zis.${name}()`),
      ...['PathVariable', 'RequestParam', 'RequestHeader', 'CookieValue', 'PathParam', 'QueryParam', 'FormParam', 'HeaderParam', 'RequestPart'].map((name) => `public String get(@${name}("f") String f) {`),
      'public String upload(MultipartFile file) {', 'void upload(Part part) {', 'public static void main(String[] args) {',
      'for (ZipEntry e : Collections.list(zipFile.entries())) {', 'for (var e : jar.stream().toList()) {', 'for (var e : archive.getEntries()) {',
    ],
    sinks: [...BUILDERS, ...ACCESS_CONSTRUCTORS, ...[...FILES_ONE, ...FILES_TWO].map((name) => `Files.${name}`), ...[...FILE_UTILS].map((name) => `FileUtils.${name}`), 'java.nio.file.Files.readAllBytes', 'new java.io.File', 'base.resolve', ...[...FILE_METHODS].map((name) => `target.${name}(`), ...[...RESOURCE_METHODS].map((name) => `loader.${name}(`)],
  },

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
    return ARCHIVE_COLLECTION.test(collection.text) ? { kind: 'archive', label: `${collection.text.slice(0, 40)} entry`, object: true } : undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    // java.nio.file.Files.readAllBytes, new java.io.File: fully qualified names read as the short ones.
    const callee = call.callee.replace(/^(new )?java\.(?:nio\.file|io)\./, '$1');
    if (BUILDERS.has(callee)) return { role: 'builder', args: 'all' };
    if (ACCESS_CONSTRUCTORS.has(callee)) return { role: 'access', args: [0] };
    if (callee.startsWith('Files.') && FILES_ONE.has(call.name)) return { role: 'access', args: [0] };
    if (callee.startsWith('Files.') && FILES_TWO.has(call.name)) return { role: 'access', args: [0, 1] };
    if (callee.startsWith('FileUtils.') && FILE_UTILS.has(call.name)) return { role: 'access', args: [0] };
    if (call.name === 'resolve' && call.receiver && call.args.length === 1) return { role: 'builder', args: [0] };
    if (FILE_METHODS.has(call.name) && call.receiver && call.args.length === 0) return { role: 'access', args: [], receiver: true };
    if (RESOURCE_METHODS.has(call.name) && call.args.length === 1) return { role: 'access', args: [0] };
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
