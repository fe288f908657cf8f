import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The keyword pass writes its hits into one array it grows when a text has more of them than ever
// before in the process. The first large file of a fresh process is the case that grows it: run
// in a process of its own, so that no earlier test has grown it already. (The kept keyword lines
// once lost every hit past the array's first size there: a file's later secrets went unreported
// on the first scan of a document in a new server.)

const ROOT = path.resolve(__dirname, '../../..');

describe('secrets: keyword hits in a fresh process', () => {
  it('keeps every hit of a file with more keywords than the first array holds, and finds its last secret', () => {
    const script = `
      const { keywordEndsIn, automatonFor } = require('./src/engine/secrets/keywordIndex');
      const { secretRulesFor } = require('./src/engine/detectors/secrets');
      const { defaultConfig } = require('./src/engine/config');
      const rules = secretRulesFor(defaultConfig());
      const line = 'const token = lookup("password");\\n';
      const text = line.repeat(6000);
      const pairs = keywordEndsIn(text, automatonFor(rules), 0, text.length);
      const last = pairs[pairs.length - 2];
      process.stdout.write(JSON.stringify({ pairs: pairs.length / 2, lastLine: Math.floor(last / line.length) }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { pairs, lastLine } = JSON.parse(run.stdout) as { pairs: number; lastLine: number };
    assert.ok(pairs >= 6000, `only ${pairs} keyword hits for 6,000 lines holding one each`);
    assert.equal(lastLine, 5999, 'the keyword of the last line is among the hits');
  });
});
