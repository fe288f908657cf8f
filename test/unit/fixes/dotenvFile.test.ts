import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse } from 'dotenv';
import { applyOffsetEdits, envKeys, planEnvAppend, planExampleAppend } from '../../../src/engine/fixes';
import { envFileArb, junkFileArb, secretArb } from './arbitraries';

const RUNS = 4000;

function definitions(text: string, name: string): number {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const pattern = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=`, 'gm');
  return [...normalized.matchAll(pattern)].length;
}

function hasFinalBreak(text: string): boolean {
  return text.endsWith('\n') || text.endsWith('\r');
}

/** Every property the fix promises for one .env text and one value. */
function checkAppend(original: string | undefined, value: string, base = 'API_KEY'): void {
  const plan = planEnvAppend(original, base, value);
  const before = parse(original ?? '') as Record<string, string>;
  if (plan.kind === 'refuse') return;
  if (plan.kind === 'reuse') {
    assert.equal(before[plan.name], value, 'a reused name holds exactly the value');
    return;
  }
  const result = applyOffsetEdits(original ?? '', [plan.edit]);
  assert.ok(result.startsWith(original ?? ''), 'every original byte is kept, in place');
  assert.equal(plan.edit.start, (original ?? '').length, 'the only change is an append');
  const after = parse(result) as Record<string, string>;
  assert.equal(after[plan.name], value, 'dotenv reads back the exact value');
  for (const [key, old] of Object.entries(before)) assert.equal(after[key], old, `existing key ${key} keeps its value`);
  assert.ok(!envKeys(original ?? '').has(plan.name), 'a new name is not one the file already has');
  assert.equal(definitions(result, plan.name), 1, 'no duplicate key');
  if (original && original !== '\uFEFF') {
    assert.equal(hasFinalBreak(result), hasFinalBreak(original), 'final-newline convention kept');
    const crlf = original.includes('\r\n');
    const added = plan.edit.newText;
    if (crlf) assert.ok(!/(^|[^\r])\n/.test(added), 'a CRLF file gets CRLF lines');
    else assert.ok(!added.includes('\r\n'), 'an LF file gets LF lines');
  } else {
    assert.ok(result.endsWith('\n'), 'a new file ends with a newline');
  }
}

describe('fixes/dotenvFile', () => {
  it('appends so that dotenv reads the exact secret back and nothing else changes (well-formed files)', () => {
    let refused = 0;
    fc.assert(fc.property(envFileArb, secretArb, (original, value) => {
      const plan = planEnvAppend(original, 'API_KEY', value);
      // A refusal is allowed for values mixing every quote with a line break or \n sequences, or
      // when the file holds an escaped quote (`A='\'`) that dotenv's quoted-value pattern reads
      // past the end of its line: any quote we append would change that key's value.
      if (plan.kind === 'refuse') {
        refused += 1;
        const inherent = planEnvAppend(undefined, 'API_KEY', value).kind === 'refuse';
        if (inherent) {
          assert.ok(value.includes("'") && value.includes('`') && (value.includes('\n') || value.includes('"') || value.includes('#') || /^\s|\s$/.test(value)), `refused ${JSON.stringify(value)}`);
        } else {
          assert.match(original, /\\['"`]/, `refused ${JSON.stringify(value)} for ${JSON.stringify(original)}`);
        }
      }
      checkAppend(original, value);
    }), { numRuns: RUNS });
    assert.ok(refused < RUNS / 10, `refused ${refused} of ${RUNS}`);
  });

  it('never corrupts arbitrary existing text (unbalanced quotes, odd lines)', () => {
    fc.assert(fc.property(junkFileArb, secretArb, (original, value) => checkAppend(original, value)), { numRuns: RUNS });
  });

  it('creates a missing file', () => {
    fc.assert(fc.property(secretArb, (value) => checkAppend(undefined, value)), { numRuns: 1000 });
  });

  it('reuses the name that already holds the same value, and never overwrites another value', () => {
    fc.assert(fc.property(envFileArb, secretArb, (original, value) => {
      const first = planEnvAppend(original, 'API_KEY', value);
      if (first.kind !== 'append') return;
      const once = applyOffsetEdits(original, [first.edit]);
      const second = planEnvAppend(once, 'API_KEY', value);
      assert.deepEqual(second, { kind: 'reuse', name: first.name });
      const other = planEnvAppend(once, 'API_KEY', `${value}x`);
      if (other.kind === 'append') assert.notEqual(other.name, first.name);
    }), { numRuns: 2000 });
  });

  it('picks API_KEY_2 when API_KEY holds another value', () => {
    const plan = planEnvAppend('API_KEY=other\n', 'API_KEY', 'abc123');
    assert.equal(plan.kind, 'append');
    assert.equal(plan.kind === 'append' && plan.name, 'API_KEY_2');
  });

  it('quotes the awkward values dotenv would misread (concrete cases)', () => {
    const cases = ['a#b', ' lead', 'trail ', "it's", 'say "hi"', 'multi\nline', '$HOME', 'back\\slash', 'x\\ny', "a'b`c", 'é🙂'];
    for (const value of cases) checkAppend('A=1\r\nB=2', value);
  });

  it('adds NAME= to .env.example unless it lists the name', () => {
    assert.deepEqual(planExampleAppend('A=\r\n', 'B'), { start: 4, end: 4, newText: 'B=\r\n' });
    assert.equal(planExampleAppend('A=\nB=\n', 'B'), undefined);
    assert.deepEqual(planExampleAppend('A=', 'B'), { start: 2, end: 2, newText: '\nB=' });
  });
});
