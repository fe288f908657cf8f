import { strict as assert } from 'node:assert';
import { defaultConfig, scan } from '../../../src/engine';
import { applyEdits } from './applyEdits';

const HANDLER = `const path = require('path');
const fs = require('fs');
app.get('/files/:name', (req, res) => {
  const file = path.join(ROOT, req.params.name);
  assertInsideRoot(file);
  fs.readFile(file, (err, data) => res.send(data));
});
`;

describe('path detector', () => {
  it('names source and sink with their lines, points related info at the source, and carries fix data', async () => {
    const [finding] = await scan(HANDLER, { path: 'server.js' });
    assert.equal(finding.ruleId, 'path/traversal');
    assert.match(finding.message, /`req\.params\.name` \(line 4\) reaches `fs\.readFile` \(line 6\)/);
    assert.equal(finding.related![0].range.start.line, 3);
    assert.equal(finding.data!.baseExpression, 'ROOT');
    assert.equal(finding.data!.sink, 'fs.readFile');
    assert.equal(finding.data!.taintedVariable, 'file');
    assert.equal(finding.data!.language, 'javascript');
  });

  it('offers a basename fix that makes the flow go away', async () => {
    const [finding] = await scan(HANDLER, { path: 'server.js' });
    const fixed = applyEdits(HANDLER, finding.fixes![0].edits);
    assert.match(fixed, /path\.join\(ROOT, path\.basename\(req\.params\.name\)\)/);
    assert.deepEqual(await scan(fixed, { path: 'server.js' }), []);
  });

  it('honours team guard functions named in pathSanitizers', async () => {
    const config = { ...defaultConfig(), pathSanitizers: ['assertInsideRoot'] };
    assert.deepEqual(await scan(HANDLER, { path: 'server.js' }, config), []);
  });

  it('is a hint for command-line tools and reparses incrementally with a kept state', async () => {
    const state = new Map<string, unknown>();
    const cli = "const fs = require('fs');\nconsole.log(fs.readFileSync(process.argv[2], 'utf8'));\n";
    const [first] = await scan(cli, { path: 'bin/cat.js' }, defaultConfig(), { state });
    assert.equal(first.ruleId, 'path/cli-argument');
    assert.equal(first.severity, 'hint');
    const edited = cli.replace('utf8', 'latin1');
    const [second] = await scan(edited, { path: 'bin/cat.js' }, defaultConfig(), { state });
    assert.equal(second.ruleId, 'path/cli-argument');
    assert.deepEqual(await scan(edited.replace('process.argv[2]', "'README.md'"), { path: 'bin/cat.js' }, defaultConfig(), { state }), []);
  });

  it('does not parse files without a source keyword (prefilter)', async () => {
    assert.deepEqual(await scan("const fs = require('fs');\nfs.readFileSync(name);\n", { path: 'lib/util.js' }), []);
  });
});
