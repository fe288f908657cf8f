import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse as parseDotenv } from 'dotenv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtInSecretRules, defaultConfig, kindOf, maskSecret, scan, type Finding, type OffsetEdit } from '../../src/engine';
import { hasLoneCr, lineAround, LineIndex, lineStartAt, loneCrAsLf, splitLines } from '../../src/engine/text';
import { planEnvAppend, planMoveSecrets } from '../../src/engine/fixes';
import { lineSuppression } from '../../src/engine/fixes/suppress';
import { join, synth } from '../../src/engine/rules/samples';
import { envLineArb } from './fixes/arbitraries';
import { generateFile, lfText, LINE_BREAKS, mixedText, Random } from '../fuzz/corpus';

// `\r\n`, `\n` and a lone `\r` each end a line, as LSP and every editor count them (DESIGN.md):
// the engine, the server's edits and the CLI's line numbers must all agree with the editor's
// TextDocument, whatever mix of endings a file has.

const config = defaultConfig();
const breakArb = fc.constantFrom(...LINE_BREAKS);

/** Lines joined by a random mix of endings (never a lone `\r` that the next `\n` would pair with). */
function joinMixed(lines: readonly string[], breaks: readonly string[]): string {
  let text = lines[0] ?? '';
  for (let i = 1; i < lines.length; i += 1) {
    let eol = breaks[(i - 1) % breaks.length] ?? '\n';
    if (eol === '\r' && lines[i] === '' && i + 1 < lines.length && (breaks[i % breaks.length] ?? '\n').startsWith('\n')) eol = '\r\n';
    text += eol + lines[i];
  }
  return text;
}

/** What the server does with an engine edit (offsets -> LSP range), then what the editor does with it. */
function applyAsEditor(text: string, edits: readonly OffsetEdit[]): string {
  const lines = new LineIndex(text);
  const textEdits = edits.map((edit) => ({ range: lines.rangeOf(edit.start, edit.end), newText: edit.newText }));
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), textEdits);
}

function insideDocument(document: TextDocument, finding: Finding): boolean {
  const { start, end } = finding.range;
  for (const position of [start, end]) {
    if (position.line < 0 || position.line >= document.lineCount) return false;
    const lineLength = document.offsetAt({ line: position.line, character: Number.MAX_SAFE_INTEGER }) - document.offsetAt({ line: position.line, character: 0 });
    if (position.character < 0 || position.character > lineLength) return false;
  }
  return start.line < end.line || (start.line === end.line && start.character <= end.character);
}

/** An AWS key id built from parts: `AKIA` and 16 base32 characters. */
const awsKey = (seed: number) => join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, seed));

describe('line ends: \\r\\n, \\n and a lone \\r', () => {
  const textArb = fc.array(fc.constantFrom('a', 'é', '🙂', ' ', '\r', '\n', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));

  it('LineIndex agrees with LSP\'s TextDocument on every offset, position and line', () => {
    fc.assert(fc.property(textArb, (text) => {
      const document = TextDocument.create('file:///x', 'plaintext', 1, text);
      const lines = new LineIndex(text);
      assert.equal(lines.lineCount, document.lineCount);
      for (let offset = 0; offset <= text.length + 1; offset += 1) {
        const position = lines.positionAt(offset);
        assert.deepEqual(position, document.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
        // Round trip: every offset outside a \r\n pair comes back as itself.
        const inPair = text[offset - 1] === '\r' && text[offset] === '\n';
        if (offset <= text.length && !inPair) assert.equal(lines.offsetAt(position), offset);
      }
      for (let line = 0; line < lines.lineCount; line += 1) {
        assert.equal(lines.lineText(line), document.getText({ start: { line, character: 0 }, end: { line, character: 1e9 } }));
        for (const character of [0, 1, 3, 1e9]) assert.equal(lines.offsetAt({ line, character }), document.offsetAt({ line, character }));
      }
    }), { numRuns: 2000 });
  });

  it('lineAround, lineStartAt and splitLines see the same lines as LineIndex', () => {
    fc.assert(fc.property(textArb, (text) => {
      const lines = new LineIndex(text);
      assert.deepEqual(splitLines(text), Array.from({ length: lines.lineCount }, (_, line) => lines.lineText(line)));
      for (let offset = 0; offset <= text.length; offset += 1) {
        const { line } = lines.positionAt(offset);
        const around = lineAround(text, offset);
        assert.equal(around.start, lines.lineStart(line));
        assert.equal(lineStartAt(text, offset), lines.lineStart(line));
        assert.equal(around.end, lines.lineEnd(line));
        assert.equal(around.next, line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length);
      }
      const lf = loneCrAsLf(text);
      assert.equal(lf.length, text.length);
      assert.equal(new LineIndex(lf).lineCount, lines.lineCount);
    }), { numRuns: 2000 });
  });

  it('the engine finds the same things on the same lines and columns, whatever the endings, and never outside the document', async () => {
    // Files built from every rule's own samples (test/fuzz/corpus.ts), joined once with \n and once with a mix.
    const seeds = fc.sample(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { numRuns: 250, seed: 13 });
    for (const seed of seeds) {
      const file = generateFile(new Random(seed));
      const info = { path: file.path, gitState: 'untracked' as const };
      const mixed = mixedText(file);
      const document = TextDocument.create('file:///x', 'plaintext', 1, mixed);
      const summary = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${JSON.stringify(f.range)} ${f.excerpt}`).sort();
      const found = await scan(mixed, info, config);
      for (const finding of found) assert.ok(insideDocument(document, finding), `seed ${seed} (${file.path}): ${finding.ruleId} at ${JSON.stringify(finding.range)} is outside the document`);
      assert.deepEqual(summary(found), summary(await scan(lfText(file), info, config)), `seed ${seed} (${file.path})`);
    }
  });

  it('no built-in secret pattern takes a line break for `\\r?\\n` (a lone \\r would not end its line)', () => {
    // Write (?:\r\n?|\n) instead; `[^\n]` before a line break becomes `[^\r\n]`.
    const offenders = builtInSecretRules.flatMap((rule) => rule.patterns.filter((pattern) => pattern.source.includes('\\r?\\n')).map((pattern) => `${rule.id}: /${pattern.source.slice(0, 60)}…/`));
    assert.deepEqual(offenders, []);
  });

  it('the CLI\'s line numbers: a secret after lone-\\r lines is on the line the editor shows', async () => {
    const text = ['// one', '// two', `const awsKey = "${awsKey(7)}";`, ''].join('\r');
    const [finding] = await scan(text, { path: 'a.ts', gitState: 'untracked' }, config);
    assert.equal(finding?.ruleId, 'secret/aws-access-key-id');
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.range.start.character, 'const awsKey = "'.length);
  });

  it('a classic-Mac file of short lines is not mistaken for minified code', () => {
    const text = Array.from({ length: 400 }, (_, i) => `const value${i} = ${i};`).join('\r');
    assert.equal(kindOf('old.js', text), 'code');
  });

  it('move to .env keeps every key of a .env with lone \\r (and mixed) endings, and dotenv reads the secret back', () => {
    // dotenv itself turns \r\n and a lone \r into \n before parsing, so its keys are the lines the editor shows.
    fc.assert(fc.property(fc.array(envLineArb, { minLength: 1, maxLength: 8 }), fc.array(breakArb, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
      (lines, breaks, finalBreak, seed) => {
        const env = joinMixed(lines, breaks) + (finalBreak ? breaks[0] : '');
        const before = parseDotenv(env);
        const value = awsKey(seed);
        const plan = planEnvAppend(env, 'AWS_ACCESS_KEY_ID', value);
        if (plan.kind !== 'append') return;
        const after = parseDotenv(applyAsEditor(env, [plan.edit]));
        for (const [key, old] of Object.entries(before)) assert.equal(after[key], old, `${key} changed in ${JSON.stringify(env)}`);
        assert.ok(after[plan.name] === value, 'dotenv reads the secret back exactly');
      }), { numRuns: 500 });
  });

  it('move to .env on a lone-\\r .env: the classic-Mac case from the issue', () => {
    const env = 'FIRST=one\rSECOND=two\r';
    const plan = planEnvAppend(env, 'AWS_ACCESS_KEY_ID', awsKey(3));
    assert.equal(plan.kind, 'append');
    const after = applyAsEditor(env, [(plan as { edit: OffsetEdit }).edit]);
    assert.ok(after.startsWith(env), 'every existing byte is kept');
    assert.deepEqual(Object.keys(parseDotenv(after)), ['FIRST', 'SECOND', 'AWS_ACCESS_KEY_ID']);
    assert.ok(!after.slice(env.length).includes('\n'), 'the new line ends like the others, with \\r');
  });

  it('move to .env rewrites the secret itself, not a comment above it, when lone \\r end the lines', async () => {
    for (const eol of LINE_BREAKS) {
      const value = awsKey(11);
      const source = ['// the key', '/* note */', `const awsKey = "${value}";`, ''].join(eol);
      const [finding] = await scan(source, { path: 'src/a.ts', gitState: 'untracked' }, config);
      assert.ok(finding?.secret, `found with ${JSON.stringify(eol)}`);
      const result = planMoveSecrets({
        source: { path: 'src/a.ts', text: source, language: 'typescript' },
        env: { path: '.env', text: undefined, tracked: false },
        gitignore: { path: '.gitignore', text: '.env\n', envRelative: '.env' },
        envLoaded: true,
      }, [{ secret: finding.secret }]);
      assert.ok(result.ok, 'planned');
      const change = result.plan.changes.find((c) => c.role === 'source')!;
      const after = applyAsEditor(source, change.edits);
      assert.ok(!after.includes(value), `the secret left the code (${JSON.stringify(eol)})`);
      assert.ok(after.startsWith(['// the key', '/* note */', ''].join(eol)), 'the comments are untouched');
    }
  });

  it('a suppression comment lands on the finding\'s line (or the line above, for .env) and suppresses it', async () => {
    const cases = [
      { path: 'src/a.ts', language: 'typescript', line: (value: string) => `const awsKey = "${value}";`, filler: ['// x', 'let a = 1;', ''] },
      { path: 'config/.env', language: 'dotenv', line: (value: string) => `AWS_ACCESS_KEY_ID=${value}`, filler: ['# x', 'A=1', ''] },
    ];
    const samples = fc.sample(fc.tuple(fc.constantFrom(...cases), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }),
      fc.array(breakArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1e6 })), { numRuns: 150, seed: 5 });
    for (const [kase, above, below, breaks, seed] of samples) {
      const value = awsKey(seed);
      // Failure messages show the text with the key masked, never whole.
      const shown = (text: string) => JSON.stringify(text.split(value).join(maskSecret(value)));
      const lines = [...above.map((i) => kase.filler[i]), kase.line(value), ...below.map((i) => kase.filler[i])];
      const text = joinMixed(lines, breaks);
      const info = { path: kase.path, gitState: 'tracked' as const };
      const finding = (await scan(text, info, config)).find((f) => f.ruleId === 'secret/aws-access-key-id');
      assert.ok(finding?.secret, `found in ${shown(text)}`);
      assert.equal(finding.range.start.line, above.length);
      const planned = lineSuppression(text, kase.language, finding.secret.start, finding.secret.literalEnd ?? finding.secret.end, { rules: [finding.ruleId], reason: 'test fixture' });
      assert.ok(planned.ok);
      const after = applyAsEditor(text, [planned.edit]);
      const document = TextDocument.create('file:///x', 'plaintext', 1, after);
      const commentLine = document.positionAt(after.indexOf('secure-hygiene-ignore')).line;
      assert.equal(commentLine, above.length, `comment on the wrong line in ${shown(after)}`);
      assert.equal(document.lineCount, new LineIndex(text).lineCount + (planned.form === 'next-line' ? 1 : 0));
      assert.deepEqual((await scan(after, info, config)).filter((f) => f.ruleId === finding.ruleId), [], `not suppressed: ${shown(after)}`);
    }
  });
});

describe('hasLoneCr over a stretch', () => {
  it('answers as reading each character of text[from, to) does, the one after `to` counting as a follower', () => {
    const naive = (text: string, from: number, to: number) => {
      for (let at = from; at < to; at += 1) if (text[at] === '\r' && text[at + 1] !== '\n') return true;
      return false;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom('\r', '\n', '\r\n', 'x', 'ab'), { maxLength: 30 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        assert.equal(hasLoneCr(text, from, to), naive(text, from, to), JSON.stringify({ text, from, to }));
      }),
      { numRuns: 5000 },
    );
    assert.equal(hasLoneCr('a\rb'), true);
    assert.equal(hasLoneCr('a\r\nb'), false);
    assert.equal(hasLoneCr('a\r', 0, 2), true, 'a \r at the very end has no follower');
  });
});
