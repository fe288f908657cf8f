import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, startServer, type TestServer } from '../lsp/harness';
import { ensureBuilt, runCli } from './run';

// Issue 13: a custom pattern `(a+)+$` (catastrophic on a backtracking engine: 35 bytes took longer
// than 120 s before) in `.secure-hygiene.json`, through the built CLI and the built server. Each
// run is compared with the same run under a harmless pattern on the same files: a ratio, not a time.

const EVIL = '(a+)+$';
const HARMLESS = 'a$';
const SMALL = `${'a'.repeat(34)}!`;
/** A 100 KB line, after enough short lines that the file is not taken for minified. */
const LARGE = `${'note = plain\n'.repeat(200)}${'a'.repeat(100_000)}!`;

function project(pattern: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sh-userpattern-'));
  writeFileSync(path.join(dir, '.secure-hygiene.json'), JSON.stringify({ customPatterns: [{ id: 'user', pattern }], allowlist: { patterns: [pattern] } }));
  writeFileSync(path.join(dir, 'small.txt'), SMALL);
  writeFileSync(path.join(dir, 'large.txt'), LARGE);
  return dir;
}

describe('user patterns cannot hang the CLI or the server', function () {
  this.timeout(300_000);
  const dirs: string[] = [];
  before(() => ensureBuilt());
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('CLI: (a+)+$ on a 35-byte file and a 100 KB line takes about as long as a harmless pattern', () => {
    const evil = project(EVIL);
    const harmless = project(HARMLESS);
    dirs.push(evil, harmless);
    const time = (dir: string) => {
      let best = Infinity;
      for (let run = 0; run < 3; run += 1) {
        const start = performance.now();
        const result = runCli(['scan', '.', '--no-git', '--fail-on', 'none', '-j', '1'], dir);
        best = Math.min(best, performance.now() - start);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /Scanned 3 files/); // the two and the config
        assert.doesNotMatch(result.stderr, /warning/);
      }
      return best;
    };
    const harmlessMs = time(harmless);
    const evilMs = time(evil);
    assert.ok(evilMs < harmlessMs * 3, `(a+)+$ ${evilMs.toFixed(0)} ms, a$ ${harmlessMs.toFixed(0)} ms`);
  });

  it('server: diagnostics for both files come about as soon as with a harmless pattern', async () => {
    const timeToDiagnostics = async (pattern: string) => {
      const dir = project(pattern);
      dirs.push(dir);
      let server: TestServer | undefined;
      try {
        server = await startServer({ cwd: dir });
        // Warm up (the first scan loads the engine), then time the two files.
        const warm = fileUri(path.join(dir, 'warm.txt'));
        server.open(warm, 'plaintext', 'nothing here\n');
        await server.waitForDiagnostics(warm, () => true, 60_000);
        const start = performance.now();
        for (const name of ['small.txt', 'large.txt']) {
          const uri = fileUri(path.join(dir, name));
          server.open(uri, 'plaintext', name === 'small.txt' ? SMALL : LARGE);
          await server.waitForDiagnostics(uri, () => true, 60_000);
        }
        const elapsed = performance.now() - start;
        assert.ok(!server.publications.some((publication) => publication.diagnostics.some((diagnostic) => diagnostic.code === 'scan/time-budget')), 'a file went over the time budget');
        return elapsed;
      } finally {
        await server?.shutdown();
      }
    };
    const harmlessMs = await timeToDiagnostics(HARMLESS);
    const evilMs = await timeToDiagnostics(EVIL);
    // Generous: a few milliseconds each, on a shared machine; a backtracking engine would not answer at all.
    assert.ok(evilMs < harmlessMs * 10 + 500, `(a+)+$ ${evilMs.toFixed(0)} ms, a$ ${harmlessMs.toFixed(0)} ms`);
  });
});
