import { strict as assert } from 'node:assert';
import { scan } from '../../../src/engine';
import { applyOffsetEdits, containmentFix } from '../../../src/engine/fixes';
import { parse } from '../../../src/engine/syntax';

// The containment check inserted for a path finding, on the detector's own findings.

const CASES = [
  {
    path: 'server.js',
    language: 'javascript',
    text: "const path = require('path');\nconst fs = require('fs');\napp.get('/files', (req, res) => {\n  const data = fs.readFileSync(path.join(__dirname, 'public', req.query.name));\n  res.send(data);\n});\n",
    expect: /const safePath = path\.resolve\(path\.join\(__dirname, 'public', req\.query\.name\)\);/,
  },
  {
    path: 'views.py',
    language: 'python',
    text: "import os\nfrom flask import request, send_file\n\n@app.route('/f')\ndef download():\n    name = request.args.get('name')\n    return send_file(os.path.join(BASE_DIR, name))\n",
    expect: /safe_path = os\.path\.realpath\(os\.path\.join\(BASE_DIR, name\)\)/,
  },
];

describe('fixes/pathFix', () => {
  for (const sample of CASES) {
    it(`${sample.language}: resolves, refuses outside the base, and still parses`, async () => {
      const findings = (await scan(sample.text, { path: sample.path, languageId: sample.language })).filter((f) => f.category === 'path');
      assert.ok(findings.length > 0, 'the detector reports the flow');
      const withJoin = findings.find((f) => f.data?.joinStart !== undefined);
      assert.ok(withJoin, `no join facts in ${JSON.stringify(findings.map((f) => f.data))}`);
      const fix = await containmentFix(sample.text, withJoin);
      assert.ok(fix, 'a containment fix is offered');
      const result = applyOffsetEdits(sample.text, fix.edits);
      assert.match(result, sample.expect);
      const tree = await parse(result, sample.language);
      assert.equal(tree?.rootNode.hasError, false, result);
      const after = (await scan(result, { path: sample.path, languageId: sample.language })).filter((f) => f.category === 'path');
      assert.ok(after.length <= findings.length);
    });
  }
});
