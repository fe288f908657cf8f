import type { Binding, CallInfo, GrammarName, Keyword, SyntaxNode } from '../../syntax';

// What one language (or framework family) says about paths: where untrusted input comes from,
// which calls touch the file system, and what makes a value safe. The taint engine is shared.

export type SourceKind = 'request' | 'upload' | 'argv' | 'archive';

export interface SourceMatch {
  kind: SourceKind;
  /** How the message names the source: `req.params.name`, `ZipEntry.getName()`. */
  label: string;
  /** An archive entry or upload object: its name property is the tainted string. */
  object?: boolean;
  /** A heuristic source (a Django view's extra parameter): reported as info, not warning. */
  heuristic?: boolean;
}

export interface SinkSpec {
  /** `access` opens, reads, writes or serves a file; `builder` only builds a path (path.join). */
  role: 'access' | 'builder';
  /** Argument positions that are paths ('all' for joins). */
  args: readonly number[] | 'all';
  /** The receiver is the path (`Path(p).read_text()`, `base.resolve(p)` counts args). */
  receiver?: boolean;
  /** The result is normalized (`..` resolved), so a later prefix check is meaningful. */
  normalizes?: boolean;
  /** Keyword or named arguments that are paths (Rails `render file: p`). */
  keywords?: readonly string[];
  /** A fix the sink itself suggests (tarfile: add `filter='data'`), as offsets in the file. */
  fix?: { title: string; start: number; end: number; newText: string };
}

export interface CheckMatch {
  /** Expressions whose variables the check vouches for. */
  checked: SyntaxNode[];
  /** A prefix check only holds on a normalized path; an allowlist or `relative` check always does. */
  needsNormalized: boolean;
}

export interface PathProfile {
  grammars: readonly GrammarName[];
  /**
   * Prefilter: a file needs one source keyword and one sink keyword to be parsed at all. They
   * mirror `source`/`parameter`/`iteration` and `sink` below: a source or sink they miss is a
   * finding lost, so every entry of `vocabulary` must pass them (test/unit/path/prefilter.test.ts).
   */
  sourceKeywords: readonly Keyword[];
  sinkKeywords: readonly Keyword[];
  /**
   * Every source and sink this profile knows, written as code would (`r.FormValue("f")`,
   * `os.Open`): sinks are listed from the same sets `sink` reads, so a sink added there is
   * checked against `sinkKeywords` by the test.
   */
  vocabulary: { sources: readonly string[]; sinks: readonly string[] };
  /** An expression that is untrusted by itself (`req.query.f`, `$_GET['f']`, `sys.argv[1]`); `text` is the whole file. */
  source(node: SyntaxNode, text: string): SourceMatch | undefined;
  /** A parameter that carries untrusted input (`@PathVariable String name`, a Flask `<path:name>`). */
  parameter?(binding: Binding): SourceMatch | undefined;
  /** A loop over an archive's entries (`zf.namelist()`, `zr.File`, `archive.Entries`). */
  iteration?(collection: SyntaxNode): SourceMatch | undefined;
  /** `text` is the whole file, for import checks. */
  sink(call: CallInfo, text: string): SinkSpec | undefined;
  /** Returns a safe value whatever the input: basename, secure_filename, parseInt. */
  sanitizer(call: CallInfo): boolean;
  /** Passes taint through and normalizes: path.resolve, os.path.realpath, filepath.Clean. */
  normalizer(call: CallInfo): boolean;
  /**
   * Passes taint through: string building, decoding, case changes, `replace('..', '')`. `receiver`
   * when only the object carries it (`name.trim()`, but not `ALLOWED.get(name)`), `all` when any
   * argument does (`util.format('%s', name)`).
   */
  propagator(call: CallInfo): 'receiver' | 'all' | undefined;
  /** A member access that yields a safe value (`Path(p).name`). */
  safeMember?(node: SyntaxNode): boolean;
  /** Node types `check` looks at besides calls (comparisons, Go's `_, ok := m[k]`). */
  checkTypes: readonly string[];
  /** A containment or allowlist check on some expression (`p.startsWith(root)`, `x in ALLOWED`). */
  check(node: SyntaxNode): CheckMatch | undefined;
  /**
   * Optional, for analysing a large file statement by statement (see `regions.ts`): a pattern
   * that matches somewhere inside the text of every expression `source` accepts. It may match
   * more (that only costs time), never less. Profiles with `parameter` or `iteration` sources
   * leave it out: their sources can sit outside the statement's words (a decorator, a class).
   */
  regionPattern?: RegExp;
  /**
   * With `regionPattern`: what `sink` and `basename` read from the whole file (imports), as one
   * string, so that results kept for an unchanged statement are dropped when it changes.
   */
  fileFacts?(text: string): string;
  /** Code that keeps only the file name of `expression`, when this file can call it. */
  basename?(expression: string, text: string): string | undefined;
}
