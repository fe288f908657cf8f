// Run as its own process (`node --import tsx test/regex/collect.ts`): records every regular
// expression the engine compiles with `new RegExp(...)` (module constants, rule builders, prefilters
// folded at scan time) by standing a recording proxy in for the global RegExp BEFORE the engine is
// loaded, then loads every engine module and scans every rule's samples so lazily built patterns
// get built too. Prints one JSON document: the patterns and the call sites they came from.
// It is a separate process because a test run has already loaded the engine (and so built its
// module-level patterns) by the time any one test file runs.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RuntimePattern {
  source: string;
  flags: string;
  /** `src/engine/...ts:LINE` of the `new RegExp` call, as the stack reports it. */
  site: string;
}

const root = path.resolve(__dirname, '..', '..');
const engineDir = path.join(root, 'src', 'engine');
const recorded = new Map<string, RuntimePattern>();
const Original = RegExp;

/** The first stack frame inside src/engine: the call site of the construction. */
function engineSite(): string {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(2)) {
    const at = /\((.*?):(\d+):\d+\)$|at (.*?):(\d+):\d+$/.exec(line.trim());
    const file = at?.[1] ?? at?.[3];
    if (!file) continue;
    const clean = file.startsWith('file://') ? new URL(file).pathname : file;
    if (clean.startsWith(engineDir)) return `${path.relative(root, clean).split(path.sep).join('/')}:${at?.[2] ?? at?.[4]}`;
  }
  return 'outside the engine';
}

function record(result: RegExp): RegExp {
  const site = engineSite();
  if (site !== 'outside the engine') {
    const key = `${site}\u0000/${result.source}/${result.flags}`;
    if (!recorded.has(key)) recorded.set(key, { source: result.source, flags: result.flags, site });
  }
  return result;
}

globalThis.RegExp = new Proxy(Original, {
  construct(target, args, newTarget) {
    return record(Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget) as RegExp);
  },
  apply(target, thisArg, args) {
    return record(Reflect.apply(target, thisArg, args) as RegExp);
  },
}) as RegExpConstructor;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** RegExp values reachable from a module's exports and the rules (a few levels deep). */
function reachable(value: unknown, out: Map<string, RuntimePattern>, where: string, depth = 0, seen = new Set<unknown>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || depth > 6) return;
  seen.add(value);
  if (value instanceof Original) {
    const key = `/${value.source}/${value.flags}`;
    if (!out.has(key)) out.set(key, { source: value.source, flags: value.flags, site: where });
    return;
  }
  if (typeof value === 'function') return;
  const entries = value instanceof Map ? [...value.values()] : value instanceof Set ? [...value] : Object.values(value as object);
  for (const entry of entries) reachable(entry, out, where, depth + 1, seen);
}

async function main(): Promise<void> {
  const exported = new Map<string, RuntimePattern>();
  for (const file of tsFiles(engineDir)) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    reachable(module, exported, path.relative(root, file).split(path.sep).join('/'));
  }
  const engine = (await import(pathToFileURL(path.join(engineDir, 'index.ts')).href)) as typeof import('../../src/engine/index');
  const config = engine.defaultConfig();
  const rules = engine.allRules(config);
  reachable(rules, exported, 'allRules()');
  // Every rule's samples through a real scan: prefilters, syntax helpers and per-language
  // patterns that are only built when a file of that kind is scanned.
  for (const rule of rules) {
    const samples = (rule as { samples?: { positive(): (string | { text: string; path?: string })[]; negative(): { text: string; path?: string }[] } }).samples;
    if (!samples) continue;
    for (const sample of [...samples.positive(), ...samples.negative()]) {
      const { text, path: file } = typeof sample === 'string' ? { text: sample, path: undefined } : sample;
      await engine.scan(text, { path: file ?? 'sample.ts', gitState: 'untracked' }, config);
    }
  }
  process.stdout.write(JSON.stringify({ constructed: [...recorded.values()], reachable: [...exported.values()] }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
