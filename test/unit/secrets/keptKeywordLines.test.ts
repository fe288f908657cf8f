import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { allLiteralKeywordLists } from '../../../src/engine/detectors';
import { keywordPass } from '../../../src/engine/detectors/keywordPass';
import { builtInSecretRules, ONE_SHOT_STATE, secretDetector, secretRulesFor } from '../../../src/engine/detectors/secrets';
import type { FileKind } from '../../../src/engine/fileKind';
import { KeptKeywordLines } from '../../../src/engine/secrets/keptKeywordLines';
import { keywordLines } from '../../../src/engine/secrets/keywordIndex';
import { commonPrefixLength, commonSuffixLength } from '../../../src/engine/text';

// The editor scans a document again on every keystroke with its state kept; the keyword lines are
// then found again only around the edit (keptKeywordLines.ts). Whatever the edits, the answer must
// be the one a pass over the whole text gives, and so must the secret findings. The texts are real
// code (the project's own dependencies, which hold many of the keywords: `token`, `key`,
// `password`, `credential`) with the rules' own secrets and CR, CRLF and blank lines mixed in.

const config = defaultConfig();
const rules = secretRulesFor(config);
const lists = allLiteralKeywordLists();

/** Real third-party code: an auth library full of token and key names, a shell-ish config, TypeScript's DOM types. */
const REAL_FILES = [
  require.resolve('@azure/msal-common/package.json').replace(/package\.json$/, 'lib/index-node-6tE7NotX.js'),
  require.resolve('typescript/lib/lib.dom.d.ts'),
  require.resolve('minimatch/package.json').replace(/package\.json$/, 'README.md'),
].map((file) => readFileSync(file, 'utf8'));

function sampleText(sample: string | { text: string }): string {
  return typeof sample === 'string' ? sample : sample.text;
}
const secretSnippets = builtInSecretRules.flatMap((rule) => rule.samples.positive().map(sampleText));
/**
 * Lines whose keyword gate reads on past the line's end, over blank space, to the next line's
 * first characters (`"password"` then `, "…"` or `value=` below it): an edit there changes the
 * answer for a line it did not touch.
 */
const reachingLines = ['  "password"', '    config["client_secret"]   ', 'ALTER USER app PASSWORD', '<add key="DbPassword"', 'connection Password', "  'api_key'\t"];

/** About `lines` lines of one real file from a line start, with some rules' secrets spliced in and its line ends varied. */
function realShapedText(file: number, startAt: number, lines: number, secrets: number, ending: '\n' | '\r\n' | '\r' | 'mixed'): string {
  const source = REAL_FILES[file % REAL_FILES.length];
  const from = source.lastIndexOf('\n', Math.floor(startAt * source.length)) + 1;
  const picked = source.slice(from).split('\n').slice(0, lines);
  for (let i = 0; i < secrets; i += 1) picked.splice(((i + 1) * 37) % (picked.length + 1), 0, secretSnippets[(file * 13 + startAt * 1000 + i * 29) % secretSnippets.length | 0]);
  for (let i = 0; i < secrets; i += 1) picked.splice(((i + 1) * 23) % (picked.length + 1), 0, reachingLines[(file + i) % reachingLines.length], '');
  if (ending === 'mixed') return picked.map((line, i) => line + ['\n', '\r\n', '\r', '\n\n', '\n  \n'][i % 5]).join('');
  return picked.join(ending);
}

type Edit = { at: number; near: 'anywhere' | '\n' | '\r' | '"' | '=' | ':' | 'token' | 'password' | 'key'; remove: number; insert: string };

const insertArb = fc.oneof(
  fc.constantFrom('x', 'A', '"', "'", '=', ':', ' ', '\t', '\n', '\r', '\r\n', '\n\n', '  \n', '-', '.', '(', 'key', 'token', 'TOKEN', 'login', 'password', 'PASSWORD', 'token = "', 'password: ', 'api_key="', ' IDENTIFIED BY '),
  fc.constantFrom(',', ', "x"', ' value="', '= ', "= PASSWORD('", "'", ' : "', '||'),
  fc.string({ maxLength: 4 }),
  fc.constantFrom(...secretSnippets).map((snippet) => `\n${snippet}\n`),
  fc.constantFrom(...secretSnippets).map((snippet) => snippet.slice(0, Math.ceil(snippet.length / 2))),
  fc.constantFrom(...secretSnippets).map((snippet) => snippet.slice(Math.floor(snippet.length / 3))),
);
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  near: fc.constantFrom<Edit['near']>('anywhere', '\n', '\n', '\n', '\r', '"', '=', ':', 'token', 'password', 'key'),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.nat(3), fc.nat(200)),
  insert: fc.oneof(fc.constant(''), insertArb),
});

function position(text: string, edit: Edit): number {
  if (edit.near === 'anywhere') return Math.floor(edit.at * text.length);
  const places: number[] = [];
  const lower = text.toLowerCase();
  for (let i = lower.indexOf(edit.near); i !== -1 && places.length < 5000; i = lower.indexOf(edit.near, i + 1)) places.push(i);
  if (places.length === 0) return Math.floor(edit.at * text.length);
  const place = places[Math.floor(edit.at * places.length)];
  // Just before the place, just after its first character, or just after it.
  return place + [0, 1, edit.near.length][Math.floor(edit.at * places.length * 3) % 3];
}

function apply(text: string, edit: Edit): string {
  const at = position(text, edit);
  return text.slice(0, at) + edit.insert + text.slice(at + Math.min(edit.remove, text.length - at));
}

const textArb = fc.record({
  file: fc.nat(REAL_FILES.length - 1),
  startAt: fc.double({ min: 0, max: 0.95, noNaN: true }),
  lines: fc.integer({ min: 20, max: 400 }),
  secrets: fc.nat(6),
  ending: fc.constantFrom<'\n' | '\r\n' | '\r' | 'mixed'>('\n', '\n', '\r\n', '\r', 'mixed'),
}).map(({ file, startAt, lines, secrets, ending }) => realShapedText(file, startAt, lines, secrets, ending));

describe('secrets: keyword lines kept from scan to scan', () => {
  it('common prefix and suffix lengths, in blocks and across them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), fc.string({ maxLength: 5000 }), (head, a, b, tail) => {
        const left = head + a + tail;
        const right = head + b + tail;
        let prefix = 0;
        while (prefix < Math.min(left.length, right.length) && left[prefix] === right[prefix]) prefix += 1;
        assert.equal(commonPrefixLength(left, right), prefix);
        let suffix = 0;
        while (suffix < Math.min(left.length, right.length) && left[left.length - 1 - suffix] === right[right.length - 1 - suffix]) suffix += 1;
        assert.equal(commonSuffixLength(left, right), suffix);
        const bounded = Math.min(left.length, right.length) - prefix;
        assert.equal(commonSuffixLength(left, right, bounded), Math.min(suffix, bounded));
      }),
      { numRuns: 300 },
    );
  });

  it('asks the gates again for a line above the edit whose gate reads down to it over blank space', () => {
    const cases: [before: string, after: string, ruleId: string][] = [
      ['  "password"\n\n  other\n', '  "password"\n\n  , other\n', 'secret/generic-password'],
      ['ALTER USER app PASSWORD\r\n  other\r\n', "ALTER USER app PASSWORD\r\n  'other'\r\n", 'secret/sql-password'],
      ['<add key="DbPassword"\r  x="1"\r', '<add key="DbPassword"\r  value="1"\r', 'secret/generic-password'],
    ];
    for (const [before, after, ruleId] of cases) {
      const index = rules.findIndex((rule) => rule.id === ruleId);
      for (const [from, to] of [[before, after], [after, before]]) {
        const kept = new KeptKeywordLines();
        kept.lines(`const a = 1;\n${from}`, rules, true);
        const answer = kept.lines(`const a = 1;\n${to}`, rules, true);
        assert.equal(kept.spliced, 1);
        assert.deepEqual(answer, keywordLines(`const a = 1;\n${to}`, rules, true), JSON.stringify(to));
        // The case is one where the answer for the untouched line changes.
        assert.equal(answer[index].length, to === after ? 1 : 0, `${ruleId} on ${JSON.stringify(to)}`);
      }
    }
  });

  it('gives the whole pass\'s answer after any sequence of edits of real code', () => {
    let spliced = 0;
    let edited = 0;
    fc.assert(
      fc.property(textArb, fc.boolean(), fc.array(editArb, { minLength: 1, maxLength: 12 }), (start, quotedOnly, edits) => {
        const kept = new KeptKeywordLines();
        let text = start;
        assert.deepEqual(kept.lines(text, rules, quotedOnly), keywordLines(text, rules, quotedOnly));
        for (const edit of edits) {
          text = apply(text, edit);
          assert.deepEqual(kept.lines(text, rules, quotedOnly), keywordLines(text, rules, quotedOnly));
        }
        spliced += kept.spliced;
        edited += edits.length;
      }),
      { numRuns: 200 },
    );
    // Most edits are small: most answers must have come from the splice, not a whole pass.
    assert.ok(spliced > edited / 2, `only ${spliced} of ${edited} answers spliced`);
  });

  it('the prefilter lists (first line only) and the secret findings are those of a fresh scan', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom<FileKind>('code', 'config'), fc.array(editArb, { minLength: 1, maxLength: 8 }), (start, kind, edits) => {
        const state = new Map<string, unknown>();
        const detectorState = new Map<string, unknown>();
        let text = start;
        for (const edit of [undefined, ...edits]) {
          if (edit) text = apply(text, edit);
          const pass = keywordPass(text, rules, lists, kind === 'code', state);
          const fresh = keywordPass(text, rules, lists, kind === 'code');
          assert.deepEqual(pass.secretLines, fresh.secretLines);
          for (const list of lists) assert.equal(pass.has(list), fresh.has(list));
          const input = { text, kind, config, file: { path: kind === 'code' ? 'src/app.js' : 'config/app.yaml' }, language: kind === 'code' ? 'javascript' : 'yaml' };
          assert.deepEqual(
            secretDetector.detect({ ...input, state: detectorState, keywords: () => pass }),
            secretDetector.detect({ ...input, state: new Map([[ONE_SHOT_STATE, true]]) }),
          );
        }
      }),
      { numRuns: 120 },
    );
  });

  it('scan() with a kept state: one character typed at a time into real code finds what a fresh scan finds', async () => {
    const real = REAL_FILES[0].slice(0, 120_000);
    const file = { path: 'lib/index-node.js', gitState: 'tracked' as const };
    const secret = secretSnippets.find((snippet) => snippet.startsWith('const') && !snippet.includes('\n')) ?? secretSnippets[0];
    let text = `${real.slice(0, 50_000)}\n${secret}\n${real.slice(50_000)}`;
    const state = new Map<string, unknown>();
    const secretsOf = (findings: Awaited<ReturnType<typeof scan>>) => findings.filter((finding) => finding.category === 'secret');
    const first = secretsOf(await scan(text, file, config, { state }));
    assert.ok(first.length >= 1, 'the spliced-in secret is found');
    const middle = text.indexOf('\n', Math.floor(text.length / 2));
    for (const typed of ['x', '"', '\n', 'key', '=']) {
      text = `${text.slice(0, middle)}${typed}${text.slice(middle)}`;
      assert.deepEqual(secretsOf(await scan(text, file, config, { state })), secretsOf(await scan(text, file, config)));
    }
  });
});
