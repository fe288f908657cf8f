import { strict as assert } from 'node:assert';
import { mergeConfigs } from '../../src/engine';
import { fileURLToPath } from 'node:url';
import { excludedFromWorkspace, fileUriIn, inNeverEnteredFolder } from '../../src/server/workspaceFiles';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_MEGABYTES, filesExcludeGlobs, parseWorkspaceScanSettings } from '../../src/server/workspaceSettings';

// The workspace scan's settings as the client sends them (no server needed): scope, limits,
// VS Code's files.exclude shape, and what is refused with a message.

describe('workspace scan settings', () => {
  it('defaults to the workspace within the measured limits', () => {
    const settings = parseWorkspaceScanSettings(null, null);
    assert.equal(settings.scope, 'workspace');
    assert.equal(settings.maxFiles, DEFAULT_MAX_FILES);
    assert.equal(settings.maxBytes, DEFAULT_MAX_MEGABYTES * 1024 * 1024);
    assert.deepEqual(settings.filesExclude, []);
    assert.deepEqual(settings.errors, []);
  });

  it('reads scope and limits, and refuses bad values with a message naming the setting', () => {
    const good = parseWorkspaceScanSettings({ scanScope: 'openFiles', workspaceScan: { maxFiles: 10.7, maxMegabytes: 0.5 } }, {});
    assert.equal(good.scope, 'openFiles');
    assert.equal(good.maxFiles, 10);
    assert.equal(good.maxBytes, 0.5 * 1024 * 1024);
    const bad = parseWorkspaceScanSettings({ scanScope: 'everything', workspaceScan: { maxFiles: -1, maxMegabytes: 'lots' } }, {});
    assert.equal(bad.scope, 'workspace');
    assert.equal(bad.maxFiles, DEFAULT_MAX_FILES);
    assert.equal(bad.errors.length, 3);
    assert.match(bad.errors.join('\n'), /secureHygiene\.scanScope.*secureHygiene\.workspaceScan\.maxFiles.*secureHygiene\.workspaceScan\.maxMegabytes/s);
  });

  it('takes the files.exclude entries set to true, without a leading slash, and not the conditional ones', () => {
    assert.deepEqual(filesExcludeGlobs({ '**/.git': true, '/build': true, './out/**': true, '**/*.js': { when: '$(basename).ts' }, '**/*.md': false }), ['**/.git', 'build', 'out/**']);
    assert.deepEqual(filesExcludeGlobs(['**/x']), []);
    assert.deepEqual(filesExcludeGlobs(undefined), []);
  });

  it('matches files.exclude like the config\'s excludes, and never enters .git or node_modules', () => {
    const config = mergeConfigs({ exclude: ['vendor/**'] });
    assert.equal(excludedFromWorkspace('vendor/a.ts', config, []), true);
    assert.equal(excludedFromWorkspace('hidden/a.ts', config, ['hidden/**']), true);
    assert.equal(excludedFromWorkspace('src/a.ts', config, ['hidden/**']), false);
    assert.equal(inNeverEnteredFolder('node_modules/pkg/index.js'), true);
    assert.equal(inNeverEnteredFolder('a/.git/config'), true);
    assert.equal(inNeverEnteredFolder('src/node_modules.ts'), false);
  });

  it('spells a file\'s uri as editors do: the folder\'s uri as sent, each segment strictly escaped', () => {
    const uri = fileUriIn('file:///home/me/my%20project', 'a b/c@d(1)!.ts');
    assert.equal(uri, 'file:///home/me/my%20project/a%20b/c%40d%281%29%21.ts');
    assert.equal(fileURLToPath(uri), '/home/me/my project/a b/c@d(1)!.ts');
    assert.equal(fileUriIn('file:///w/', 'src/x.ts'), 'file:///w/src/x.ts');
  });
});
