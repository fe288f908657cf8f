import { strict as assert } from 'node:assert';
import { scan } from '../../../src/engine';
import { applyEdits } from './applyEdits';

// Flows through local functions: one finding, at the sink, with the source and each call on the
// way as related locations; the tarfile fix; a path handed to an unknown function.

const pathFindings = async (text: string, path: string) => (await scan(text, { path, gitState: 'untracked' })).filter((f) => f.category === 'path');

describe('path flows across functions', () => {
  it('reports handler -> helper(name) -> fs.readFile(join(base, name)) once, at the sink, with its steps', async () => {
    const text = [
      "const fs = require('fs');",
      "const path = require('path');",
      'function readDoc(name) {',
      "  return fs.readFileSync(path.join(DOCS, name), 'utf8');",
      '}',
      "app.get('/doc', (req, res) => {",
      '  res.send(readDoc(req.query.doc));',
      '});',
    ].join('\r\n');
    const findings = await pathFindings(text, 'server.js');
    assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
    const [finding] = findings;
    assert.equal(finding.range.start.line, 3, 'the finding sits at the sink, in the helper');
    assert.match(finding.message, /`req\.query\.doc` \(line 7\) reaches `fs\.readFileSync` \(line 4\).* through `readDoc\(req\.query\.doc\)` \(line 7\)/);
    assert.deepEqual(finding.related!.map((related) => related.range.start.line), [6, 6]);
    assert.match(finding.related![0].message, /untrusted input: req\.query\.doc/);
    assert.match(finding.related![1].message, /passed on through readDoc/);
  });

  it('follows a value out of a helper that returns the joined path (Python), and two helpers deep', async () => {
    const text = [
      'import os',
      'from flask import request',
      'def target(name):',
      '    return os.path.join(UPLOADS, name)',
      'def relay(name):',
      '    return target(name)',
      "@app.post('/save')",
      'def save():',
      "    open(relay(request.form['name']), 'w').write('x')",
      '',
    ].join('\n');
    const findings = await pathFindings(text, 'app/views.py');
    assert.equal(findings.length, 1, findings.map((f) => `${f.range.start.line}: ${f.message}`).join('\n'));
    assert.equal(findings[0].range.start.line, 8);
    assert.match(findings[0].message, /reaches `open` \(line 9\)/);
  });

  it('keeps quiet when the helper checks containment, and when only constants reach the helper', async () => {
    const checked = [
      "const fs = require('fs');",
      "const path = require('path');",
      'function inside(name) {',
      '  const p = path.resolve(ROOT, name);',
      "  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside');",
      '  return p;',
      '}',
      "app.get('/x', (req, res) => res.send(fs.readFileSync(inside(req.query.f))));",
    ].join('\n');
    assert.deepEqual(await pathFindings(checked, 'server.js'), []);
    const constant = checked.replace('inside(req.query.f)', "inside('index.html')") + '\napp.get(\'/y\', (req, res) => res.send(req.query.f));';
    assert.deepEqual(await pathFindings(constant, 'server.js'), []);
  });

  it('taints forEach callbacks, for-of variables and array elements', async () => {
    const text = [
      "const fs = require('fs');",
      "app.post('/rm', (req, res) => {",
      "  req.body.files.forEach((f) => fs.unlinkSync('/tmp/' + f));",
      "  for (const g of req.body.more) fs.unlinkSync('/tmp/' + g);",
      "  fs.unlinkSync('/tmp/' + req.body.last[0]);",
      '});',
    ].join('\n');
    const lines = (await pathFindings(text, 'server.js')).map((f) => f.range.start.line).sort();
    assert.deepEqual(lines, [2, 3, 4]);
  });

  it('reports a joined path handed to a function no profile knows, not one that is only logged', async () => {
    const text = [
      "const path = require('path');",
      "app.get('/t', (req, res) => {",
      '  const p = path.join(VIEWS, req.query.name);',
      "  logger.info('rendering', p);",
      '  templates.render(p);',
      '});',
    ].join('\n');
    const findings = await pathFindings(text, 'server.js');
    assert.deepEqual(findings.map((f) => [f.range.start.line, f.data?.sink]), [[4, 'templates.render']]);
  });

  it('reports each handler that hands on its own joined path held in a variable of the same name (found by npm run fuzz)', async () => {
    const handler = ["app.get('/t', (req, res) => {", '  const view = path.join(VIEWS, req.query.name);', '  templates.render(view, res);', '});'];
    const text = ["const path = require('path');", ...handler, ...handler].join('\n');
    const findings = await pathFindings(text, 'routes/render.js');
    assert.deepEqual(findings.map((f) => [f.range.start.line, f.data?.sink]), [[3, 'templates.render'], [7, 'templates.render']]);
  });
});

describe('path: tarfile without a filter (TarSlip)', () => {
  const unsafe = 'import tarfile\r\ndef unpack(archive, dest):\r\n    with tarfile.open(archive) as tar:\r\n        tar.extractall(dest)\r\n';

  it("is a zip-slip finding whose fix adds filter='data' and makes it go away", async () => {
    const [finding, ...rest] = await pathFindings(unsafe, 'tools/unpack.py');
    assert.equal(rest.length, 0);
    assert.equal(finding.ruleId, 'path/zip-slip');
    assert.equal(finding.range.start.line, 3);
    const fix = finding.fixes?.[0];
    assert.ok(fix, 'a fix is offered');
    const fixed = applyEdits(unsafe, fix.edits);
    assert.equal(fixed, unsafe.replace('tar.extractall(dest)', "tar.extractall(dest, filter='data')"));
    assert.deepEqual(await pathFindings(fixed, 'tools/unpack.py'), []);
  });

  it('fixes an empty argument list and extract(member, dest) too', async () => {
    const text = 'import tarfile\ntf = tarfile.open(p)\ntf.extractall()\ntf.extract(member, dest)\n';
    const findings = await pathFindings(text, 'unpack.py');
    assert.equal(findings.length, 2);
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes![0].edits));
    assert.equal(fixed, "import tarfile\ntf = tarfile.open(p)\ntf.extractall(filter='data')\ntf.extract(member, dest, filter='data')\n");
  });

  it('leaves zipfile (which strips ../ itself) and filtered extraction alone', async () => {
    assert.deepEqual(await pathFindings('import zipfile\nwith zipfile.ZipFile(a) as zf:\n    zf.extractall(dest)\n', 'a.py'), []);
    assert.deepEqual(await pathFindings("import tarfile\nwith tarfile.open(a) as tf:\n    tf.extractall(dest, filter='tar')\n", 'a.py'), []);
  });
});
