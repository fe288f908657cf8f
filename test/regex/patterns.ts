// The engine's regular expressions, all of them, and the literals of the CLI, the server and the
// shared modules (which run on the user's text too): the literals the source spells out (static.ts)
// plus what collect.ts records the engine building with `new RegExp` (rule patterns, keyword
// prefilters folded at scan time, per-language syntax patterns) and the RegExp values its modules
// and rules expose. Deduplicated on (source, flags), each with every place it came from.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { RuntimePattern } from './collect';
import { type ConstructorSite, engineFiles, otherDirs, repoRoot, staticPatterns } from './static';

export interface EnginePattern {
  source: string;
  /** The flags that change what matches (`imsu`); `g`, `y` and `d` only change how it is driven. */
  flags: string;
  /** Where it came from: `file:line` of the literal or of the `new RegExp` call. */
  sites: string[];
}

export interface Harvest {
  patterns: EnginePattern[];
  /** `new RegExp(...)` call sites in the source, and whether collect.ts saw each one build a pattern. */
  constructorSites: (ConstructorSite & { seen: boolean })[];
}

export const semanticFlags = (flags: string) => [...flags].filter((flag) => 'imsuv'.includes(flag)).sort().join('');
export const patternKey = (pattern: { source: string; flags: string }) => `/${pattern.source}/${semanticFlags(pattern.flags)}`;

function runtimePatterns(): { constructed: RuntimePattern[]; reachable: RuntimePattern[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'collect.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as { constructed: RuntimePattern[]; reachable: RuntimePattern[] };
}

export function harvest(): Harvest {
  const { literals, constructors } = staticPatterns([...engineFiles(), ...otherDirs.flatMap((dir) => engineFiles(dir))]);
  const runtime = runtimePatterns();
  const byKey = new Map<string, EnginePattern>();
  for (const found of [...literals, ...runtime.constructed, ...runtime.reachable]) {
    const key = patternKey(found);
    const known = byKey.get(key);
    if (known) {
      if (!known.sites.includes(found.site)) known.sites.push(found.site);
    } else {
      byKey.set(key, { source: found.source, flags: semanticFlags(found.flags), sites: [found.site] });
    }
  }
  // A call spanning several lines is seen at whichever line the stack names.
  const seenSites = new Set(runtime.constructed.map((pattern) => pattern.site));
  const constructorSites = constructors.map((site) => {
    let seen = false;
    for (let line = site.line; line <= site.endLine && !seen; line++) seen = seenSites.has(`${site.file}:${line}`);
    return { ...site, seen };
  });
  return { patterns: [...byKey.values()], constructorSites };
}
