import type { ManifestKind } from './types';
import { splitLines } from '../text';

// Reads a project's name and version out of the common manifest formats. Text in, facts out: the
// shared loader finds the files, this module only parses them. Deliberately small parsers: they
// read the few top-level keys a policy needs and give up (undefined) on anything computed.

export interface ManifestFacts {
  name?: string;
  version?: string;
  /** An address the manifest publishes for its authors or bug reports. */
  email?: string;
}

/** Manifest file names in the order the loader prefers them; `*` stands for any base name. */
export const MANIFEST_PATTERNS: { kind: ManifestKind; pattern: RegExp }[] = [
  { kind: 'npm', pattern: /^package\.json$/ },
  { kind: 'python', pattern: /^pyproject\.toml$/ },
  { kind: 'cargo', pattern: /^Cargo\.toml$/ },
  { kind: 'go', pattern: /^go\.mod$/ },
  { kind: 'dotnet', pattern: /^.+\.csproj$/ },
  { kind: 'maven', pattern: /^pom\.xml$/ },
  { kind: 'gem', pattern: /^.+\.gemspec$/ },
  { kind: 'composer', pattern: /^composer\.json$/ },
];

export function manifestKindOf(fileName: string): ManifestKind | undefined {
  return MANIFEST_PATTERNS.find((entry) => entry.pattern.test(fileName))?.kind;
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || /[$][{(]|^\{\{/.test(trimmed)) return undefined;
  return trimmed;
}

// Starts only where a run of local-part characters starts (same leftmost match): from every
// character of a long run the search read to its end looking for the `@` (quadratic).
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

function emailIn(value: unknown): string | undefined {
  if (typeof value === 'string') return EMAIL.exec(value)?.[0];
  if (value && typeof value === 'object' && 'email' in value && typeof value.email === 'string') return EMAIL.exec(value.email)?.[0];
  return undefined;
}

function parseJsonManifest(text: string): ManifestFacts {
  try {
    const json = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const authors = Array.isArray(json.authors) ? json.authors : [];
    return {
      name: typeof json.name === 'string' ? clean(json.name) : undefined,
      version: typeof json.version === 'string' ? clean(json.version) : undefined,
      email: emailIn(json.bugs) ?? emailIn(json.author) ?? authors.map(emailIn).find(Boolean),
    };
  } catch {
    return {};
  }
}

/** Top-level string keys of the named TOML tables (`[project]`, `[tool.poetry]`, `[package]`). */
function tomlTable(text: string, tables: string[]): Map<string, string> {
  const values = new Map<string, string>();
  let current = '';
  for (const rawLine of splitLines(text)) {
    // A comment after spaces, up to the end (a line holds no line break): starting only where a
    // run of spaces starts, and `[\s\S]*` rather than `.*$`, each space is read once.
    const line = rawLine.replace(/(?<!\s)\s+#[\s\S]*/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = header[1].trim();
      continue;
    }
    if (!tables.includes(current)) continue;
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line);
    if (pair && !values.has(pair[1])) values.set(pair[1], pair[2] ?? pair[3]);
    const authors = /^authors\s*=\s*\[(.*)/.exec(line);
    if (authors && !values.has('email')) {
      const email = EMAIL.exec(authors[1]);
      if (email) values.set('email', email[0]);
    }
  }
  return values;
}

function parseToml(text: string, tables: string[]): ManifestFacts {
  const values = tomlTable(text, tables);
  return { name: clean(values.get('name')), version: clean(values.get('version')), email: values.get('email') };
}

function parseGoMod(text: string): ManifestFacts {
  // `[ \t]`, not `\s`: under `m`, `^\s*` re-read a run of blank lines from each of them.
  const module = /^[ \t]*module[ \t]+"?([^\s"]+)"?/m.exec(text)?.[1];
  if (!module) return {};
  // github.com/acme/tool/v3 is the module "tool" at major version 3.
  const parts = module.split('/');
  const last = parts[parts.length - 1];
  const isMajorSuffix = /^v\d+$/.test(last) && parts.length > 1;
  return { name: isMajorSuffix ? parts[parts.length - 2] : last };
}

function xmlValue(xml: string, tag: string): string | undefined {
  // Trimmed in code: `\s*([^<]*?)\s*` split a run of spaces in n ways (quadratic on an unclosed tag).
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return clean(match?.[1].trim());
}

function parseCsproj(text: string, fileName: string): ManifestFacts {
  const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.csproj$/i, '');
  return {
    name: xmlValue(text, 'PackageId') ?? xmlValue(text, 'AssemblyName') ?? baseName,
    version: xmlValue(text, 'Version') ?? xmlValue(text, 'VersionPrefix') ?? xmlValue(text, 'PackageVersion'),
  };
}

// The two removals below are scans, not `<!--[\s\S]*?-->` and `<(tag)>[\s\S]*?<\/\1>`: those
// re-read the rest of the text from every unclosed opener (quadratic on `<!--<!--…`).

/** The text without its `<!-- … -->` comments (an unclosed one stays, as the pattern left it). */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    out += text.slice(at, open);
    at = close + 3;
  }
  return out + text.slice(at);
}

/** The opening tags of the blocks that carry other artifacts' ids. */
const OTHER_ARTIFACTS = /<(parent|dependencies|dependencyManagement|build|profiles|plugins|reporting|modules)>/g;

/** The text without each block that `opener` opens (the first closing tag ends it; an unclosed one stays). */
function withoutBlocks(text: string, opener: RegExp): string {
  opener.lastIndex = 0;
  // Where each tag's next closing tag is, from the last search: an unclosed tag is searched for once.
  const nextClose = new Map<string, number>();
  let out = '';
  let at = 0;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    const tag = match[1];
    const from = match.index + match[0].length;
    let close = nextClose.get(tag);
    if (close === undefined || (close !== -1 && close < from)) {
      close = text.indexOf(`</${tag}>`, from);
      nextClose.set(tag, close);
    }
    if (close === -1) continue;
    out += text.slice(at, match.index);
    at = close + tag.length + 3;
    opener.lastIndex = at;
  }
  return out + text.slice(at);
}

function parsePom(text: string): ManifestFacts {
  // Only the project's own coordinates: drop the blocks that carry other artifacts' ids.
  const own = withoutBlocks(withoutComments(text), OTHER_ARTIFACTS);
  return { name: xmlValue(own, 'artifactId') ?? xmlValue(own, 'name'), version: xmlValue(own, 'version') };
}

function parseGemspec(text: string): ManifestFacts {
  const name = /\.name\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  const version = /\.version\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  // The `@` is checked by a fixed-width look-ahead and the bracket takes its own spaces:
  // `[^"']+@[^"']+` and `\s*\[?\s*` each split one run in n ways (quadratic on an unclosed string).
  const email = /\.email\s*=\s*(?:\[\s*)?["'](?=[^"']*[^"']@[^"'])([^"']+)["']/.exec(text)?.[1];
  return { name: clean(name), version: clean(version), email };
}

/** The name, version and published e-mail in a manifest's text; missing keys stay undefined. */
export function parseManifest(kind: ManifestKind, text: string, fileName = ''): ManifestFacts {
  switch (kind) {
    case 'npm':
    case 'composer':
      return parseJsonManifest(text);
    case 'python':
      return parseToml(text, ['project', 'tool.poetry']);
    case 'cargo':
      return parseToml(text, ['package']);
    case 'go':
      return parseGoMod(text);
    case 'dotnet':
      return parseCsproj(text, fileName);
    case 'maven':
      return parsePom(text);
    case 'gem':
      return parseGemspec(text);
  }
}
