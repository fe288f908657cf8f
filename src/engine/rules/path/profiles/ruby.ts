import { callInfo, dottedText, namesPattern, type Binding, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';
import { methodCheck } from './shared';

// Ruby: Rails and Sinatra params; rubyzip and Gem::Package::TarReader; ARGV.

// `request.env[...]` holds the raw headers (HTTP_*) and the request target; `fullpath`/`path` are not normalized.
const REQUEST = /^(params|request\.(params|query_parameters|request_parameters|headers|cookies|path_parameters|env|fullpath|original_fullpath|path|query_string|raw_post|body)|cookies)\b/;
const ACCESS_ONE = new Set([
  'File.open', 'File.read', 'File.write', 'File.readlines', 'File.binread', 'File.binwrite', 'File.delete', 'File.unlink', 'File.new', 'File.foreach',
  'IO.read', 'IO.binread', 'IO.readlines', 'FileUtils.rm', 'FileUtils.rm_f', 'FileUtils.rm_rf', 'FileUtils.rm_r', 'FileUtils.mkdir_p', 'FileUtils.touch',
  'Dir.mkdir', 'Dir.entries', 'Dir.children', 'send_file', 'YAML.load_file',
  'Dir.open', 'Dir.chdir', 'Dir.chroot', 'Dir.delete', 'Dir.rmdir', 'Dir.unlink', 'Dir.glob', 'Dir.foreach', 'Dir.each_child', 'Kernel.open',
]);
/** Mode first, then the path: File.chmod(0644, path), File.lchmod(0644, path). */
const MODE_FIRST = new Set(['File.chmod', 'File.lchmod', 'FileUtils.chmod']);
const ACCESS_TWO = new Set(['FileUtils.cp', 'FileUtils.mv', 'FileUtils.cp_r', 'File.rename', 'FileUtils.ln_s']);
const BUILDERS = new Set(['File.join', 'Rails.root.join', 'Pathname.new']);
const SANITIZERS = new Set(['File.basename', 'sanitize_filename', 'to_i', 'Integer', 'to_sym']);
const NORMALIZERS = new Set(['File.expand_path', 'File.realpath', 'File.absolute_path', 'cleanpath', 'realpath', 'expand_path']);
const RECEIVER_PROPAGATORS = new Set(['name', 'full_name', 'to_s', 'to_str', 'strip', 'downcase', 'upcase', 'gsub', 'sub', 'tr', 'delete', 'squeeze', 'fetch', 'require', 'permit', 'dig', 'original_filename']);

export const rubyProfile: PathProfile = {
  grammars: ['ruby'],
  sourceKeywords: ['params', 'request.', 'cookies', 'original_filename', 'ARGV', 'Zip', 'zip', 'tar', 'Tar'],
  checkTypes: ['binary'],
  // Ruby calls need no parentheses (`File.read path`); `entry.extract(dest)` on any receiver.
  sinkKeywords: [namesPattern([...ACCESS_ONE, ...ACCESS_TWO, ...MODE_FIRST, ...BUILDERS], '\\b', '\\b'), /\.\s*extract\b/, /\brender\b/],
  vocabulary: {
    sources: [
      'params[:f]', 'params.fetch(:f)', ...['params', 'query_parameters', 'request_parameters', 'headers', 'cookies', 'path_parameters'].map((part) => `request.${part}[:f]`),
      "request.env['HTTP_X_FILE']", 'request.fullpath',
      'cookies[:f]', 'upload.original_filename', 'ARGV[0]', 'Zip::File.open(p) do |zip|\nzip.each do |entry|', 'Gem::Package::TarReader.new(io) do |tar|\ntar.each do |entry|',
    ],
    sinks: [...ACCESS_ONE, ...ACCESS_TWO, ...MODE_FIRST, ...BUILDERS, 'entry.extract', 'render file: p'],
  },

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type === 'constant' && node.text === 'ARGV') return { kind: 'argv', label: 'ARGV' };
    if (node.type !== 'element_reference' && node.type !== 'call' && node.type !== 'identifier') return undefined;
    const text = dottedText(node);
    if (node.type === 'identifier' && text !== 'params') return undefined;
    // Rails signs or encrypts these cookies with the server's secret: the client cannot choose their value.
    if (/^cookies\.(?:permanent\.)?(?:encrypted|signed)\b/.test(text)) return undefined;
    if (REQUEST.test(text)) return { kind: 'request', label: text.slice(0, 60) };
    if (/\.original_filename$/.test(text)) return { kind: 'upload', label: text };
    return undefined;
  },

  parameter(binding: Binding): SourceMatch | undefined {
    // zip_file.each do |entry| ... / tar.each do |entry| ...
    const block = binding.scope;
    if (block.type !== 'block' && block.type !== 'do_block') return undefined;
    const call = block.parent && callInfo(block.parent, 'ruby');
    if (call && /^each(_entry)?$/.test(call.name) && call.receiver && /zip|tar|archive|entries/i.test(call.receiver.text)) return { kind: 'archive', label: `${call.receiver.text} entry`, object: true };
    return undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (ACCESS_ONE.has(call.callee)) return { role: 'access', args: [0] };
    if (ACCESS_TWO.has(call.callee)) return { role: 'access', args: [0, 1] };
    if (MODE_FIRST.has(call.callee)) return { role: 'access', args: [1] };
    if (BUILDERS.has(call.callee)) return { role: 'builder', args: 'all' };
    // render file: p renders any file on disk (ERB runs: worse than a read).
    if (call.callee === 'render' && call.keywords.has('file')) return { role: 'access', args: [], keywords: ['file'] };
    // rubyzip: entry.extract(dest) writes where dest says.
    if (call.name === 'extract' && call.receiver && call.args.length >= 1) return { role: 'access', args: [0] };
    return undefined;
  },

  sanitizer: (call) => SANITIZERS.has(call.callee) || SANITIZERS.has(call.name),
  normalizer: (call) => NORMALIZERS.has(call.callee) || NORMALIZERS.has(call.name),
  propagator: (call) => (call.receiver && RECEIVER_PROPAGATORS.has(call.name) ? 'receiver' : undefined),
  check(node: SyntaxNode): CheckMatch | undefined {
    if (node.type === 'binary' && /=~|!~/.test(node.childForFieldName('operator')?.text ?? '')) return { checked: [node], needsNormalized: false };
    return node.type === 'call' ? methodCheck(node, 'ruby', new Set(['start_with?']), new Set(['include?', 'key?', 'has_key?', 'member?']), new Set(['match?', 'match'])) : undefined;
  },
  basename: (expression) => `File.basename(${expression})`,
};
