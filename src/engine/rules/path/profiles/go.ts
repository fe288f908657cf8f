import { callInfo, dottedText, namedChildren, type CallInfo, type SyntaxNode } from '../../../syntax';
import type { CheckMatch, PathProfile, SinkSpec, SourceMatch } from '../profile';
import { mentions } from './shared';

// Go: net/http, gorilla/mux, chi, gin/echo; archive/zip and archive/tar; os.Args.

const REQUEST_CALL = /\.URL\.Query\(\)\.Get$|\.URL\.Query$|\.(FormValue|PostFormValue|PathValue)$|^mux\.Vars$|^chi\.URLParam$|^(c|ctx)\.(Param|Query|PostForm|DefaultQuery|QueryParam|FormValue|GetHeader)$|\.Header\.Get$/;
const REQUEST_FIELD = /^\w+\.URL\.(Path|RawQuery|RawPath)$|^\w+\.(Form|PostForm|MultipartForm)\b/;
const ACCESS_ONE = new Set([
  'os.Open', 'os.OpenFile', 'os.ReadFile', 'os.WriteFile', 'os.Create', 'os.Remove', 'os.RemoveAll', 'os.Mkdir', 'os.MkdirAll', 'os.ReadDir',
  'os.Stat', 'os.Lstat', 'os.Chmod', 'os.Truncate', 'ioutil.ReadFile', 'ioutil.WriteFile', 'ioutil.ReadDir', 'os.DirFS',
]);
const ACCESS_TWO = new Set(['os.Rename', 'os.Symlink', 'os.Link']);
const BUILDERS = new Set(['filepath.Join', 'path.Join']);
const SANITIZERS = new Set(['filepath.Base', 'path.Base', 'strconv.Atoi', 'strconv.ParseInt', 'strconv.ParseUint', 'securejoin.SecureJoin', 'uuid.Parse']);
const NORMALIZERS = new Set(['filepath.Clean', 'path.Clean', 'filepath.Abs', 'filepath.EvalSymlinks']);
const PROPAGATORS = new Set([
  'fmt.Sprintf', 'strings.ToLower', 'strings.ToUpper', 'strings.TrimSpace', 'strings.Trim', 'strings.TrimPrefix', 'strings.TrimSuffix',
  'strings.Replace', 'strings.ReplaceAll', 'strings.Join', 'url.PathUnescape', 'url.QueryUnescape', 'string', 'filepath.ToSlash', 'filepath.FromSlash',
]);

export const goProfile: PathProfile = {
  grammars: ['go'],
  sourceKeywords: ['Query', 'FormValue', 'PathValue', 'mux.Vars', 'URLParam', '.Param(', '.URL.', 'Filename', 'os.Args', 'archive/zip', 'archive/tar', '.File'],
  checkTypes: ['short_var_declaration', 'assignment_statement'],
  sinkKeywords: ['os.', 'ioutil.', 'filepath.Join', 'path.Join', 'ServeFile'],

  source(node: SyntaxNode): SourceMatch | undefined {
    if (node.type === 'call_expression') {
      const call = callInfo(node, 'go');
      if (!call) return undefined;
      if (REQUEST_CALL.test(call.callee)) return { kind: 'request', label: dottedText(node).slice(0, 60) };
      // hdr, err := tr.Next() on a tar.Reader
      if (call.name === 'Next' && call.receiver && /^(tr|tarReader|tarball|tarR|tarRdr)$/i.test(call.receiver.text)) return { kind: 'archive', label: `${call.callee}()`, object: true };
      return undefined;
    }
    if (node.type !== 'selector_expression') return undefined;
    const text = dottedText(node);
    if (REQUEST_FIELD.test(text)) return { kind: 'request', label: text };
    if (/\.Filename$/.test(text)) return { kind: 'upload', label: text };
    if (text === 'os.Args') return { kind: 'argv', label: 'os.Args' };
    return undefined;
  },

  iteration(collection: SyntaxNode): SourceMatch | undefined {
    // for _, f := range zr.File (a *zip.Reader or *zip.ReadCloser)
    return collection.type === 'selector_expression' && collection.childForFieldName('field')?.text === 'File' ? { kind: 'archive', label: `${collection.text} entry`, object: true } : undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (ACCESS_ONE.has(call.callee)) return { role: 'access', args: [0] };
    if (ACCESS_TWO.has(call.callee)) return { role: 'access', args: [0, 1] };
    if (call.callee === 'http.ServeFile') return { role: 'access', args: [2] };
    if (BUILDERS.has(call.callee)) return { role: 'builder', args: 'all', normalizes: true };
    return undefined;
  },

  sanitizer(call) {
    if (SANITIZERS.has(call.callee)) return true;
    // filepath.Clean("/" + name) cannot climb above the root it starts from.
    return NORMALIZERS.has(call.callee) && /^("\/"|'\/'|`\/`)\s*\+/.test(call.args[0]?.text ?? '');
  },
  normalizer: (call) => NORMALIZERS.has(call.callee),
  propagator(call) {
    if (PROPAGATORS.has(call.callee)) return 'all';
    return call.receiver && (call.name === 'Get' || call.name === 'String') ? 'receiver' : undefined;
  },

  check(node: SyntaxNode): CheckMatch | undefined {
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
      // _, ok := allowed[name]
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const index = right && namedChildren(right)[0];
      if (left && namedChildren(left).length === 2 && index?.type === 'index_expression') {
        const key = index.childForFieldName('index');
        return key ? { checked: [key], needsNormalized: false } : undefined;
      }
      return undefined;
    }
    if (node.type !== 'call_expression') return undefined;
    const call = callInfo(node, 'go');
    if (!call) return undefined;
    if (call.callee === 'strings.HasPrefix' && call.args[0]) return { checked: [call.args[0]], needsNormalized: true };
    if (call.callee === 'filepath.Rel' && call.args[1]) return { checked: [call.args[1]], needsNormalized: false };
    if (call.callee === 'filepath.IsLocal' && call.args[0]) return { checked: [call.args[0]], needsNormalized: false };
    if (call.callee === 'strings.Contains' && call.args[0]) return { checked: [call.args[0]], needsNormalized: false };
    if (call.name === 'MatchString' && call.args[0]) return { checked: [call.args[0]], needsNormalized: false };
    if (call.callee === 'slices.Contains' && call.args[1]) return { checked: [call.args[1]], needsNormalized: false };
    return undefined;
  },

  basename: (expression, text) => (mentions(text, 'path/filepath') ? `filepath.Base(${expression})` : undefined),
};
