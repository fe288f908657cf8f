import { strict as assert } from 'node:assert';
import { minimatch } from 'minimatch';
import { defaultConfig } from '../../src/engine/config';
import { isExcluded } from '../../src/engine/scan';

// isExcluded compiles each exclude glob once per list instead of once per call (the walk asks for
// every file and folder): it must answer exactly as minimatch does, and follow a list that grows.

const GLOBS = ['fixtures/**', '*.generated.ts', 'dist/', '**/vendor/**', '#not-a-comment-glob', '!negated/**', 'docs/*.md', '.env*'];
const PATHS = ['fixtures/a.ts', 'src/fixtures/a.ts', 'src/x.generated.ts', 'x.generated.ts', 'dist/', 'dist/cli.js', 'a/vendor/b.js', 'vendor/b.js', 'negated/x', 'docs/a.md',
  'docs/sub/a.md', '.env', 'app/.env.local', '#not-a-comment-glob', 'src/app.ts'];

describe('exclude globs', () => {
  it('answers as minimatch does, glob by glob', () => {
    for (const glob of GLOBS) {
      const config = { ...defaultConfig(), exclude: [glob] };
      for (const path of PATHS) {
        const expected = minimatch(path, glob, { dot: true, matchBase: !glob.includes('/') });
        assert.equal(isExcluded(path, config), expected, `${glob} on ${path}`);
      }
    }
  });

  it('follows a list that grows after its first use', () => {
    const config = { ...defaultConfig(), exclude: ['fixtures/**'] };
    assert.equal(isExcluded('docs/a.md', config), false);
    config.exclude.push('docs/*.md');
    assert.equal(isExcluded('docs/a.md', config), true);
  });
});
