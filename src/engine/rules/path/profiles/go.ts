import { callInfo, dottedText, namedChildren, namesPattern, type CallInfo, type SyntaxNode } from '../../../syntax';
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
const SERVE = 'http.ServeFile';
/** gin, echo and fiber contexts (`c`, `ctx`): serve or save a file at a path. */
const CONTEXT_SERVE = new Set(['File', 'FileAttachment', 'Attachment', 'Inline', 'SendFile', 'Download']);
const CONTEXT_SAVE = new Set(['SaveUploadedFile', 'SaveFile']);
const CONTEXT_SINKS = [...CONTEXT_SERVE, ...CONTEXT_SAVE].flatMap((name) => [`c.${name}`, `ctx.${name}`]);
/**
 * `.Filename` is an upload's name on a multipart.FileHeader; on any other struct (a config, a
 * loader) it is just a field. Only files that take uploads make it a source.
 */
const HANDLES_UPLOADS = /\bFormFile\b|\bMultipartForm\b|\bmultipart\.(?:FileHeader|Reader|Part)\b/;
const TAR_READER = /^(tr|tarReader|tarball|tarR|tarRdr)$/i;
const SANITIZERS = new Set(['filepath.Base', 'path.Base', 'strconv.Atoi', 'strconv.ParseInt', 'strconv.ParseUint', 'securejoin.SecureJoin', 'uuid.Parse']);
const NORMALIZERS = new Set(['filepath.Clean', 'path.Clean', 'filepath.Abs', 'filepath.EvalSymlinks']);
const PROPAGATORS = new Set([
  'fmt.Sprintf', 'strings.ToLower', 'strings.ToUpper', 'strings.TrimSpace', 'strings.Trim', 'strings.TrimPrefix', 'strings.TrimSuffix',
  'strings.Replace', 'strings.ReplaceAll', 'strings.Join', 'url.PathUnescape', 'url.QueryUnescape', 'string', 'filepath.ToSlash', 'filepath.FromSlash',
]);

export const goProfile: PathProfile = {
  grammars: ['go'],
  // REQUEST_CALL, REQUEST_FIELD, uploads, os.Args, a tar reader's Next(), a range over zip's File.
  // `db.Query`, `rows.Next()` and `*os.File` are everywhere in Go and are not sources.
  sourceKeywords: [
    /\.\s*(?:URL\s*\.\s*(?:Query|Path|RawQuery|RawPath)|FormValue|PostFormValue|PathValue|Header\s*\.\s*Get|Form|PostForm|MultipartForm|Filename)\b|\b(?:mux\s*\.\s*Vars|chi\s*\.\s*URLParam|os\s*\.\s*Args|(?:c|ctx)\s*\.\s*(?:Param|Query|PostForm|DefaultQuery|QueryParam|FormValue|GetHeader))\b/,
    /\b(?:tr|tarReader|tarball|tarR|tarRdr)\s*\.\s*Next\b/i,
    // `range zr.File {`: a selector ending in `.File` right before the loop's brace (no scan from `range`
    // to a later brace, which read the rest of the text from every `range`).
    /\.\s*File\s*\{/,
  ],
  checkTypes: ['short_var_declaration', 'assignment_statement'],
  sinkKeywords: [namesPattern([...ACCESS_ONE, ...ACCESS_TWO, ...BUILDERS, SERVE, ...CONTEXT_SINKS], '\\b', '\\b')],
  vocabulary: {
    sources: [
      'r.URL.Query().Get("f")', 'r.URL.Query()["f"]', 'r.FormValue("f")', 'r.PostFormValue("f")', 'r.PathValue("f")', 'mux.Vars(r)["f"]',
      'chi.URLParam(r, "f")', 'c.Param("f")', 'c.Query("f")', 'c.PostForm("f")', 'c.DefaultQuery("f", "")', 'ctx.QueryParam("f")',
      'ctx.FormValue("f")', 'c.GetHeader("f")', 'r.Header.Get("f")', 'r.URL.Path', 'r.URL.RawQuery', 'r.URL.RawPath', 'r.Form["f"]',
      'r.PostForm.Get("f")', 'r.MultipartForm.File', 'header.Filename', 'os.Args[1]', 'hdr, err := tr.Next()', 'tarReader.Next()',
      'for _, f := range zr.File {', 'for _, f := range reader.Reader.File {',
    ],
    sinks: [...ACCESS_ONE, ...ACCESS_TWO, ...BUILDERS, SERVE, ...CONTEXT_SINKS],
  },

  source(node: SyntaxNode, file: string): SourceMatch | undefined {
    if (node.type === 'call_expression') {
      const call = callInfo(node, 'go');
      if (!call) return undefined;
      if (REQUEST_CALL.test(call.callee)) return { kind: 'request', label: dottedText(node).slice(0, 60) };
      // hdr, err := tr.Next() on a tar.Reader
      if (call.name === 'Next' && call.receiver && TAR_READER.test(call.receiver.text)) return { kind: 'archive', label: `${call.callee}()`, object: true };
      return undefined;
    }
    if (node.type !== 'selector_expression') return undefined;
    const expression = dottedText(node);
    if (REQUEST_FIELD.test(expression)) return { kind: 'request', label: expression };
    if (/\.Filename$/.test(expression) && HANDLES_UPLOADS.test(file)) return { kind: 'upload', label: expression };
    if (expression === 'os.Args') return { kind: 'argv', label: 'os.Args' };
    return undefined;
  },

  iteration(collection: SyntaxNode): SourceMatch | undefined {
    // for _, f := range zr.File (a *zip.Reader or *zip.ReadCloser)
    return collection.type === 'selector_expression' && collection.childForFieldName('field')?.text === 'File' ? { kind: 'archive', label: `${collection.text} entry`, object: true } : undefined;
  },

  sink(call: CallInfo): SinkSpec | undefined {
    if (ACCESS_ONE.has(call.callee)) return { role: 'access', args: [0] };
    if (ACCESS_TWO.has(call.callee)) return { role: 'access', args: [0, 1] };
    if (call.callee === SERVE) return { role: 'access', args: [2] };
    const context = call.receiver && /^(c|ctx)$/.test(call.receiver.text);
    if (context && CONTEXT_SERVE.has(call.name)) return { role: 'access', args: [0] };
    if (context && CONTEXT_SAVE.has(call.name)) return { role: 'access', args: [1] };
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
