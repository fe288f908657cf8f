import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import ignore from 'ignore';
import { applyOffsetEdits, gitignoreIgnores, planGitignore } from '../../../src/engine/fixes';
import { gitignoreFileArb } from './arbitraries';

const strip = (text: string) => text.replace(/^\uFEFF/, '');

describe('fixes/gitignore', () => {
  it('makes git ignore .env, keeping every byte and the line-ending conventions', () => {
    fc.assert(fc.property(gitignoreFileArb, fc.constantFrom('.env', 'app/.env', '.env.local'), (original, target) => {
      const edit = planGitignore(original, target);
      if (!edit) {
        assert.ok(ignore().add(strip(original)).ignores(target), 'no edit only when already ignored');
        return;
      }
      const result = applyOffsetEdits(original, [edit]);
      assert.ok(result.startsWith(original));
      assert.ok(ignore().add(strip(result)).ignores(target), `ignored after the fix: ${JSON.stringify(result)}`);
      const hadBreak = /[\r\n]$/.test(original);
      if (strip(original).length > 0) assert.equal(/[\r\n]$/.test(result), hadBreak);
      if (original.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(edit.newText));
      else assert.ok(!edit.newText.includes('\r'));
      // Everything that was ignored stays ignored, and nothing else becomes ignored.
      for (const other of ['dist', 'x.log', 'keep.env', '.env.example', 'src/a.ts', 'node_modules/a']) {
        assert.equal(ignore().add(strip(result)).ignores(other), ignore().add(strip(original)).ignores(other) || other === target, other);
      }
    }), { numRuns: 4000 });
  });

  it('creates .gitignore when there is none', () => {
    assert.deepEqual(planGitignore(undefined, '.env'), { start: 0, end: 0, newText: '.env\n' });
  });

  it('adds nothing when a pattern already ignores .env, and re-ignores after a negation', () => {
    assert.equal(planGitignore('node_modules\n.env*\n', '.env'), undefined);
    assert.ok(gitignoreIgnores('\uFEFF.env', '.env'), 'a BOM is skipped as git does');
    const edit = planGitignore('.env\r\n!.env', '.env');
    assert.deepEqual(edit, { start: 11, end: 11, newText: '\r\n.env' });
  });
});
