import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../src/engine';
import { readAhead } from '../../src/cli/readAhead';
import { scanOne, type ScanJob } from '../../src/cli/scanOne';

// The thread that hands batches to the scan workers reads their files ahead and transfers the
// bytes (readAhead.ts). A file read ahead must scan exactly as one its worker reads itself, and
// the job kept for handing out again must not hold the (transferred) bytes.

describe('CLI: files read ahead for the scan workers', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sh-read-ahead-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function job(name: string, content: string | Buffer, size?: number): ScanJob {
    const absolute = path.join(dir, name);
    writeFileSync(absolute, content);
    return { absolute, relative: name, gitState: 'untracked', size: size ?? Buffer.byteLength(content) };
  }

  it('reads the files the walk found small enough, and only those', () => {
    const small = job('app.js', 'const a = 1;\n');
    const large = job('big.js', 'x'.repeat(100));
    const unknown = { ...job('nosize.js', 'const b = 2;\n'), size: undefined };
    const generated = job('package-lock.json', '{}');
    const empty = job('empty.js', '');
    const gone = { ...job('gone.js', 'x'), absolute: path.join(dir, 'missing.js') };
    const batch = [small, large, unknown, generated, empty, gone];
    const { jobs, transfer } = readAhead(batch, 50);
    assert.deepEqual(jobs.map((posted) => posted.bytes !== undefined), [true, false, false, false, false, false]);
    assert.equal(Buffer.from(jobs[0].bytes!).toString('utf8'), 'const a = 1;\n');
    assert.equal(transfer.length, 1);
    assert.equal(transfer[0], jobs[0].bytes!.buffer);
    assert.equal(jobs[0].bytes!.byteLength, 'const a = 1;\n'.length);
    // The batch kept for handing out again (a worker stopped over budget) holds no bytes.
    assert.ok(batch.every((kept) => kept.bytes === undefined));
  });

  it('a file grown since the walk is left to its worker; one shrunk is read as it is now', () => {
    const grown = { ...job('grown.js', 'const a = 1;\nconst b = 2;\n'), size: 5 };
    const shrunk = { ...job('shrunk.js', 'abc'), size: 10 };
    const { jobs } = readAhead([grown, shrunk], 1000);
    assert.equal(jobs[0].bytes, undefined);
    assert.equal(Buffer.from(jobs[1].bytes!).toString('utf8'), 'abc');
  });

  it('a file read ahead gives the findings and counts of one read by its worker: UTF-8, UTF-8 with BOM, UTF-16, CRLF, binary', async () => {
    const token = ['ghp', '_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('');
    const text = `const token = "${token}";\r\nconst x = 1;\r\n`;
    const jobs = [
      job('plain.js', text),
      job('bom.js', `\uFEFF${text}`),
      job('utf16.js', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
      job('blob.bin', Buffer.from([0x41, 0, 0x42, 0x43])),
    ];
    const options = { config: defaultConfig(), maxFileSize: 1_000_000 };
    const { jobs: posted, transfer } = readAhead(jobs, options.maxFileSize);
    // One buffer for the whole batch, each job's bytes a view into it.
    assert.equal(transfer.length, 1);
    assert.ok(posted.every((one) => one.bytes!.buffer === transfer[0]));
    for (let i = 0; i < jobs.length; i += 1) {
      assert.ok(posted[i].bytes, jobs[i].relative);
      const ahead = await scanOne(posted[i], options);
      const itself = await scanOne({ ...jobs[i], size: undefined }, options);
      assert.deepEqual(ahead, itself, jobs[i].relative);
    }
    const plain = await scanOne(posted[0], options);
    assert.equal(plain.kind, 'scanned');
    assert.equal(plain.kind === 'scanned' && plain.report?.findings.length, 1);
  });
});
