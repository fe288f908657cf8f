import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  MANIFEST_PATTERNS, currentVersion, formatVersion, isValidContact, parseManifest, parseRemoteUrl,
  type ManifestInfo, type ProjectFacts, type RepositoryRef,
} from '../engine/policy';
import { gitOutcome } from './git';

// What the security-policy scaffold and checks know about a project folder: its manifest, git
// remote and tags, web front end and existing policy. Shared by the language server, the VS Code
// command and the CLI. Never throws: anything unreadable is simply not a fact.

/** git's output, or undefined when it cannot say (no git, no repository, no remote): never a fact. */
async function git(args: string[], cwd: string): Promise<string | undefined> {
  const result = await gitOutcome(args, cwd);
  return result.code === 0 ? result.stdout : undefined;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isDir(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The first manifest in the folder, in the order of MANIFEST_PATTERNS, with what it says. */
export function readManifest(dir: string): (ManifestInfo & { email?: string }) | undefined {
  const entries = listDir(dir).sort();
  for (const { kind, pattern } of MANIFEST_PATTERNS) {
    const file = entries.find((entry) => pattern.test(entry));
    if (!file) continue;
    const text = readText(path.join(dir, file));
    if (text === undefined) continue;
    const facts = parseManifest(kind, text, file);
    return { kind, path: file, name: facts.name, version: facts.version, email: facts.email };
  }
  return undefined;
}

const POLICY_DIRS = ['', '.github', 'docs'];
const POLICY_NAME = /^security\.(?:md|markdown|rst|adoc|txt)$/i;

/** The project's security policy, relative to `dir` (root first, then .github/, then docs/). */
export function findPolicyFile(dir: string): string | undefined {
  for (const sub of POLICY_DIRS) {
    const name = listDir(path.join(dir, sub)).find((entry) => POLICY_NAME.test(entry) && !isDir(path.join(dir, sub, entry)));
    if (name) return sub ? `${sub}/${name}` : name;
  }
  return undefined;
}

/** True for a path (relative to the project folder, any case) where GitHub reads a policy. */
export function isPolicyPath(relativePath: string): boolean {
  const parts = relativePath.replace(/\\/g, '/').split('/');
  if (parts.length > 2 || !POLICY_NAME.test(parts[parts.length - 1])) return false;
  return parts.length === 1 || ['.github', 'docs'].includes(parts[0].toLowerCase());
}

/** The `origin` remote (else the first remote) as hosting facts. */
export async function readRemote(dir: string): Promise<RepositoryRef | undefined> {
  let url = await git(['remote', 'get-url', 'origin'], dir);
  if (url === undefined) {
    const first = (await git(['remote'], dir))?.split(/\r?\n/).find(Boolean);
    if (first) url = await git(['remote', 'get-url', first], dir);
  }
  return url ? parseRemoteUrl(url.trim()) : undefined;
}

/**
 * The repository package.json names (`"repository": "github:o/r"`, `"o/r"` or `{ "url": ... }`):
 * the fallback when the clone has no remote (a fresh copy, a tarball, CI checkouts of a fork).
 */
export function manifestRepository(dir: string): RepositoryRef | undefined {
  const text = readText(path.join(dir, 'package.json'));
  if (!text) return undefined;
  let field: unknown;
  try {
    field = (JSON.parse(text) as { repository?: unknown }).repository;
  } catch {
    return undefined;
  }
  const raw = typeof field === 'string' ? field : typeof field === 'object' && field !== null ? (field as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string') return undefined;
  const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return parseRemoteUrl(`https://${shorthand[1] ?? 'github'}.${shorthand[1] === 'bitbucket' ? 'org' : 'com'}/${shorthand[2]}`);
  return parseRemoteUrl(raw.replace(/^git\+/, ''));
}

export async function readTags(dir: string): Promise<string[]> {
  const output = await git(['tag', '--list'], dir);
  return output ? output.split(/\r?\n/).map((tag) => tag.trim()).filter(Boolean) : [];
}

const WEB_ROOTS = ['public', 'static', 'www', 'wwwroot', 'web', 'site'];
const FRONT_END_DEPS = /^(?:react|react-dom|vue|svelte|@sveltejs\/kit|@angular\/core|next|nuxt|vite|preact|solid-js|astro|gatsby|@remix-run\/react|ember-source|lit|jquery|express|fastify|koa|hono)$/;

/** Whether the project serves a website, and from which folder. */
export function detectWebFrontEnd(dir: string): { hasWebFrontEnd: boolean; webRoot?: string } {
  const webRoot = WEB_ROOTS.find((candidate) => isDir(path.join(dir, candidate)));
  if (webRoot) return { hasWebFrontEnd: true, webRoot };
  if (existsSync(path.join(dir, 'index.html')) || existsSync(path.join(dir, 'src', 'index.html'))) return { hasWebFrontEnd: true };
  const pkg = readText(path.join(dir, 'package.json'));
  if (pkg) {
    try {
      const json = JSON.parse(pkg) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      const deps = [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})];
      if (deps.some((dep) => FRONT_END_DEPS.test(dep))) return { hasWebFrontEnd: true };
    } catch {
      // Not JSON: no facts from it.
    }
  }
  return { hasWebFrontEnd: false };
}

/** Everything the scaffold infers about the project in `dir`. */
export async function loadProjectFacts(dir: string): Promise<ProjectFacts> {
  const root = path.resolve(dir);
  const manifest = readManifest(root);
  const [remote, tags] = await Promise.all([readRemote(root), readTags(root)]);
  const repository = remote ?? manifestRepository(root);
  const current = currentVersion(manifest?.version, tags);
  const web = detectWebFrontEnd(root);
  const email = manifest?.email && isValidContact(manifest.email) ? manifest.email : undefined;
  return {
    name: manifest?.name ?? path.basename(root),
    version: current ? formatVersion(current) : manifest?.version,
    manifest: manifest ? { kind: manifest.kind, path: manifest.path, name: manifest.name, version: manifest.version } : undefined,
    repository,
    tags,
    hasWebFrontEnd: web.hasWebFrontEnd,
    webRoot: web.webRoot,
    existingPolicy: findPolicyFile(root),
    suggestedContact: email,
  };
}

/** A file-existence test for `checkPolicy`, relative to the project folder. */
export function fileExistsIn(dir: string): (relativePath: string) => boolean {
  return (relativePath) => existsSync(path.join(dir, ...relativePath.split('/')));
}
