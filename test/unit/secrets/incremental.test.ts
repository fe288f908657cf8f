import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { builtInSecretRules, secretDetector, ONE_SHOT_STATE } from '../../../src/engine/detectors/secrets';
import type { DetectorInput } from '../../../src/engine/detectors/detector';
import type { FileKind } from '../../../src/engine/fileKind';
import type { Detection } from '../../../src/engine/types';

// The editor re-scans a document on every keystroke, keeping DetectorInput.state between scans;
// the secrets detector remembers what each line segment held. Whatever the edits, a scan with
// that memory must give exactly what a scan from scratch gives.

const config = defaultConfig();

function sampleText(sample: string | { text: string }): string {
  return typeof sample === 'string' ? sample : sample.text;
}

/** Every rule's true-positive samples, single- and multi-line (PEM blocks, JSON documents). */
const secretSnippets = builtInSecretRules.flatMap((rule) => rule.samples.positive().map(sampleText));
const ordinaryLines = [
  'import { readFile } from "node:fs/promises";',
  'export function handler(request: Request): Response {',
  '  const key = cacheKeyFor(request.url);',
  '  // the token is refreshed by the auth middleware',
  '  const password = form.get("password");',
  '  return new Response(JSON.stringify({ ok: true }));',
  '}',
  'const secretName = "prod/db/credentials";',
  '',
  '  apiKey: process.env.API_KEY,',
];

function realisticFile(seed: number): string {
  const lines: string[] = [];
  for (let i = 0; i < 120; i += 1) {
    lines.push(ordinaryLines[(i * 7 + seed) % ordinaryLines.length]);
    if (i % 15 === 3) lines.push(secretSnippets[(seed * 31 + i * 13) % secretSnippets.length]);
  }
  return lines.join('\n');
}

/** Where an edit lands: anywhere, or at a place where secrets begin and end (quotes, line ends, `=`). */
type Edit = { at: number; near: 'anywhere' | '\n' | '"' | '=' | ':'; remove: number; insert: string };

const insertArb = fc.oneof(
  fc.constantFrom('x', 'A', '"', "'", '=', ':', ' ', '\n', '-', '_', 'key', 'token = "', 'password: '),
  fc.string({ maxLength: 4 }),
  fc.constantFrom(...secretSnippets).map((snippet) => `\n${snippet}\n`),
  fc.constantFrom(...secretSnippets).map((snippet) => snippet.slice(0, Math.ceil(snippet.length / 2))),
);
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  near: fc.constantFrom<Edit['near']>('anywhere', '\n', '"', '=', ':'),
  remove: fc.oneof(fc.constant(0), fc.constant(1), fc.nat(60)),
  insert: fc.oneof(fc.constant(''), insertArb),
});

function position(text: string, edit: Edit): number {
  if (edit.near === 'anywhere') return Math.floor(edit.at * text.length);
  const places: number[] = [];
  for (let i = text.indexOf(edit.near); i !== -1; i = text.indexOf(edit.near, i + 1)) places.push(i);
  if (places.length === 0) return Math.floor(edit.at * text.length);
  const place = places[Math.floor(edit.at * places.length)];
  // Just before or just after the character, alternately.
  return place + (Math.floor(edit.at * places.length * 2) % 2);
}

function apply(text: string, edit: Edit): string {
  const at = position(text, edit);
  return text.slice(0, at) + edit.insert + text.slice(at + Math.min(edit.remove, text.length - at));
}

function detect(text: string, kind: FileKind, state: Map<string, unknown>): Detection[] {
  const input: DetectorInput = { text, kind, config, state, file: { path: 'src/app.ts' }, language: 'typescript' };
  return secretDetector.detect(input) as Detection[];
}

describe('secrets: re-scan with kept state', () => {
  it('finds what a scan from scratch finds, after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.constantFrom<FileKind>('code', 'config'), fc.array(editArb, { minLength: 1, maxLength: 25 }), (seed, kind, edits) => {
        const kept = new Map<string, unknown>();
        let text = realisticFile(seed);
        assert.deepEqual(detect(text, kind, kept), detect(text, kind, new Map([[ONE_SHOT_STATE, true]])));
        for (const edit of edits) {
          text = apply(text, edit);
          assert.deepEqual(detect(text, kind, kept), detect(text, kind, new Map([[ONE_SHOT_STATE, true]])));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the realistic file holds several secrets, and unchanged segments are not matched again', () => {
    const text = realisticFile(7);
    const state = new Map<string, unknown>();
    assert.ok(detect(text, 'code', state).length >= 5);
    const edited = text.replace('the token is refreshed', 'the token is refreshedx');
    const again = detect(edited, 'code', state);
    assert.deepEqual(again, detect(edited, 'code', new Map([[ONE_SHOT_STATE, true]])));
    const cache = (state.get('secrets.segments') as { cache: { hits: number; misses: number } }).cache;
    assert.ok(cache.hits > cache.misses, `hits ${cache.hits}, misses ${cache.misses}`);
  });

  it('scan() with a kept state gives the findings of a scan without one', async () => {
    const state = new Map<string, unknown>();
    let text = realisticFile(3);
    const file = { path: 'src/app.ts', gitState: 'tracked' as const };
    for (const edit of [{ at: 0.5, remove: 0, insert: 'x' }, { at: 0.25, remove: 40, insert: '' }, { at: 0.8, remove: 0, insert: `\n${secretSnippets[0]}\n` }] as const) {
      text = apply(text, { near: 'anywhere', ...edit });
      assert.deepEqual(await scan(text, file, config, { state }), await scan(text, file, config));
    }
  });
});
