import { strict as assert } from 'node:assert';
import { defaultConfig, mergeConfigs, parseConfig, scan } from '../../../src/engine';
import { parseSettings } from '../../../src/server/settings';

// Path findings in test code: quiet by default (tests do not serve requests), reported with
// `pathInTests: "report"` in .secure-hygiene.json or the secureHygiene.pathInTests setting.

const FLOW = "const fs = require('fs');\napp.get('/f', (req, res) => res.send(fs.readFileSync('/srv/' + req.query.f)));\n";
const TEST_PATHS = ['test/routes.js', 'src/__tests__/routes.js', 'src/routes.test.js', 'src/routes.spec.ts'];

const pathFindings = async (path: string, config = defaultConfig()) => (await scan(FLOW, { path, gitState: 'untracked' }, config)).filter((f) => f.category === 'path');

describe('path findings in test files (pathInTests)', () => {
  it('are quiet in test code by default, and reported in the same code elsewhere', async () => {
    for (const path of TEST_PATHS) assert.deepEqual(await pathFindings(path), [], path);
    assert.equal((await pathFindings('src/routes.js')).length, 1);
  });

  it('are reported in test code with pathInTests: "report" from the project file', async () => {
    const { config, errors } = parseConfig('{ // reviewers asked for it\n "pathInTests": "report" }');
    assert.deepEqual(errors, []);
    assert.equal(config.pathInTests, 'report');
    for (const path of TEST_PATHS) assert.equal((await pathFindings(path, config)).length, 1, path);
  });

  it('takes the editor setting, the project file winning over it, and refuses other values', async () => {
    const settings = parseSettings({ pathInTests: 'report' });
    assert.deepEqual(settings.errors, []);
    assert.equal(mergeConfigs(settings.config).pathInTests, 'report');
    assert.equal(mergeConfigs(settings.config, parseConfig('{ "pathInTests": "quiet" }').config).pathInTests, 'quiet');
    assert.equal(mergeConfigs(settings.config, parseConfig('{}').config).pathInTests, 'report', 'a project file that does not say leaves the setting in force');
    const wrong = parseConfig('{ "pathInTests": "always" }');
    assert.equal(wrong.config.pathInTests, undefined);
    assert.match(wrong.errors.join('\n'), /pathInTests.*must be one of quiet, report/);
    assert.match(parseSettings({ pathInTests: true }).errors.join('\n'), /pathInTests must be one of quiet, report/);
  });
});
