import { strict as assert } from 'node:assert';
import Ajv from 'ajv-draft-04';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { scan } from '../../../src/engine';
import { formatSarif } from '../../../src/cli/formats/sarif';
import { emptyStats } from '../../../src/cli/scanOne';

// A path flow in SARIF: the finding at the sink, the source and the local call on the way as
// relatedLocations, and one codeFlows entry walking source -> call -> sink; valid SARIF 2.1.0.

const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(sarifSchema);

interface SarifLog { runs: { results: Record<string, unknown>[] }[] }
interface Located { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message?: { text: string } }

const TEXT = [
  "const fs = require('fs');",
  "const path = require('path');",
  'function readDoc(name) {',
  "  return fs.readFileSync(path.join(DOCS, name), 'utf8');",
  '}',
  "app.get('/doc', (req, res) => {",
  '  res.send(readDoc(req.query.doc));',
  '});',
  '',
].join('\n');

describe('SARIF for path flows', () => {
  it('carries the source and steps as relatedLocations and a codeFlows entry, and validates', async () => {
    const findings = await scan(TEXT, { path: 'src/docs.js', gitState: 'untracked' });
    assert.equal(findings.length, 1);
    const outcome = { files: [{ path: 'src/docs.js', gitState: 'untracked' as const, findings }], stats: emptyStats(), problems: [] };
    const log = JSON.parse(formatSarif(outcome, { version: '0.0.0', root: '/tmp/project', color: false, maxFileSize: 1_000_000 }, new Map())) as SarifLog;
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    const [result] = log.runs[0].results as unknown as { locations: Located[]; relatedLocations: (Located & { id: number })[]; codeFlows: { threadFlows: { locations: { location: Located }[] }[] }[] }[];
    assert.equal(result.locations[0].physicalLocation.region.startLine, 4, 'the result sits at the sink');
    assert.deepEqual(result.relatedLocations.map((related) => [related.id, related.physicalLocation.region.startLine]), [[1, 7], [2, 7]]);
    assert.match(result.relatedLocations[0].message!.text, /untrusted input: req\.query\.doc/);
    assert.equal(result.codeFlows.length, 1);
    const steps = result.codeFlows[0].threadFlows[0].locations.map((step) => step.location);
    assert.deepEqual(steps.map((step) => step.physicalLocation.region.startLine), [7, 7, 4]);
    assert.ok(steps.every((step) => step.physicalLocation.artifactLocation.uri === 'src/docs.js'));
    assert.match(steps[2].message!.text, /fs\.readFileSync/);
  });

  it('leaves relatedLocations and codeFlows out of a finding without related locations', async () => {
    const findings = await scan(`const key = '${['AKIA', 'QYLPMN5HHHFPZAM2'].join('')}';\n`, { path: 'a.js', gitState: 'untracked' });
    assert.ok(findings.length > 0);
    const outcome = { files: [{ path: 'a.js', gitState: 'untracked' as const, findings }], stats: emptyStats(), problems: [] };
    const log = JSON.parse(formatSarif(outcome, { version: '0.0.0', root: '/tmp/project', color: false, maxFileSize: 1_000_000 }, new Map())) as SarifLog;
    assert.ok(validate(log));
    for (const result of log.runs[0].results) {
      assert.equal(result.relatedLocations, undefined);
      assert.equal(result.codeFlows, undefined);
    }
  });
});
