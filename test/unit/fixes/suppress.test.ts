import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse as parseDotenv } from 'dotenv';
import { LineIndex } from '../../../src/engine/text';
import { findSuppressions, judge } from '../../../src/engine/suppressions';
import { applyOffsetEdits, fileSuppression, lineSuppression } from '../../../src/engine/fixes';
import { parse as parseSyntax } from '../../../src/engine/syntax';
import { ALNUM, synth } from '../../../src/engine/rules/samples';
import { TEMPLATES } from './sources';

const RULE = 'secret/generic-api-key';
const TODAY = '2025-01-01';

const reasonArb = fc.string({ unit: fc.constantFrom(...'abc XYZ-*/#<>!\n\r\t"\'é'.split('')), maxLength: 40 });
const untilArb = fc.option(fc.date({ min: new Date('2025-01-02'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined });

/** What the scan would decide for the finding's line after the edit. */
function suppressedAt(text: string, offset: number): boolean {
  const lines = new LineIndex(text);
  const verdict = judge(findSuppressions(text, lines), RULE, 'secret', lines.positionAt(offset).line, TODAY);
  return verdict.kind === 'suppressed';
}

const EXTRA = [
  { language: 'dotenv', text: 'A=1\r\nAPI_KEY=§\r\nB=2' },
  { language: 'properties', text: 'a=1\napi.key=§\n' },
  { language: 'yaml', text: 'a:\n  key: "§"\n' },
  { language: 'xml', text: '<?xml version="1.0"?>\n<conf>\n  <key>§</key>\n</conf>\n' },
  { language: 'sql', text: "INSERT INTO k VALUES ('§');\n" },
  { language: 'ini', text: '[core]\n\tkey = §\n' },
  { language: 'markdown', text: '---\ntitle: x\n---\nKey: `§`\n' },
  { language: 'css', text: '.a { --key: "§"; }\n' },
];

describe('fixes/suppress', () => {
  const cases = [...TEMPLATES.map((t) => ({ language: t.language, text: t.text })), ...EXTRA];

  it('the line suppression suppresses exactly that finding, keeps every byte, and the code still parses', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...cases), reasonArb, untilArb, fc.constantFrom('', '    ', '\t')), { numRuns: 2500, seed: 7 });
    for (const [template, reason, until, indent] of samples) {
      const value = synth(ALNUM, 24, reason.length + 1);
      const text = indent && template.language === 'javascript' ? template.text.replace('const ', `${indent}const `) : template.text;
      const at = text.indexOf('§');
      const full = text.slice(0, at) + value + text.slice(at + 1);
      const edit = lineSuppression(full, template.language, at, at + value.length, { rules: [RULE], reason, until });
      if (!edit.ok) {
        assert.match(edit.reason, /block scalar|no comments/);
        continue;
      }
      assert.equal(edit.edit.start, edit.edit.end, 'an insertion only');
      const result = applyOffsetEdits(full, [edit.edit]);
      const findingAt = at + (edit.edit.start <= at ? edit.edit.newText.length : 0);
      assert.ok(suppressedAt(result, findingAt), `${template.language}: not suppressed\n${result}`);
      assert.ok(!suppressedAt(full, at));
      const tree = await parseSyntax(result, template.language);
      if (tree) assert.equal(tree.rootNode.hasError, false, `${template.language} no longer parses:\n${result}`);
      if (template.language === 'dotenv') assert.equal((parseDotenv(result) as Record<string, string>).API_KEY, value, 'the value is unchanged');
      if (edit.form === 'next-line') assert.ok(edit.edit.newText.startsWith(/^[ \t]*/.exec(full.slice(edit.edit.start))![0]), 'keeps indentation');
      assert.ok(!/[\r\n]/.test(edit.edit.newText.replace(/(\r\n|\n)$/, '')), 'one line');
      if (until) assert.ok(edit.edit.newText.includes(`until ${until}`));
    }
  });

  it('the file suppression covers every line and sits after a shebang, <?php or <?xml', async () => {
    for (const template of cases) {
      const value = synth(ALNUM, 24, 2);
      const at = template.text.indexOf('§');
      const full = template.text.slice(0, at) + value + template.text.slice(at + 1);
      const edit = fileSuppression(full, template.language, { rules: [RULE], reason: 'fixture' });
      assert.ok(edit.ok, template.language);
      const result = applyOffsetEdits(full, [edit.edit]);
      assert.ok(suppressedAt(result, at + edit.edit.newText.length), template.language);
      const tree = await parseSyntax(result, template.language);
      if (tree) assert.equal(tree.rootNode.hasError, false, `${template.language}:\n${result}`);
      if (full.startsWith('#!')) assert.ok(result.startsWith('#!'));
      if (full.startsWith('<?')) assert.ok(result.startsWith(full.slice(0, full.indexOf('\n'))));
      if (template.language === 'markdown') assert.ok(result.startsWith('---\ntitle: x\n---\n<!--'));
    }
  });

  it('JSON has no comments and a YAML block scalar has no safe place: both say so', () => {
    const json = lineSuppression('{"k": "v"}', 'json', 7, 8, { rules: [RULE], reason: 'x' });
    assert.equal(json.ok, false);
    const text = 'key: |\n  line one\n  secret here\n';
    const yaml = lineSuppression(text, 'yaml', text.indexOf('secret'), text.indexOf(' here'), { rules: [RULE], reason: 'x' });
    assert.equal(yaml.ok, false);
  });

  it('puts the comment on the line above, where a long line cannot hide it, and at the end only where a line above would break the code', () => {
    const plan = (language: string, text: string, at: string) => {
      const offset = text.indexOf(at);
      const edit = lineSuppression(text, language, offset, offset + at.length, { rules: [RULE], reason: 'r' });
      assert.ok(edit.ok);
      return { form: edit.form, after: applyOffsetEdits(text, [edit.edit]) };
    };
    const long = `const config = { region: "eu-west-1", endpoint: "https://example.invalid", retries: 3, key: "VALUE" };\n`;
    assert.deepEqual(plan('javascript', long, 'VALUE'), { form: 'next-line', after: `// secure-hygiene-ignore-next-line ${RULE} -- r\n${long}` });
    // A comment line inside a `\\` continuation would end the continued command.
    const shell = 'curl -s \\\n  -H "X-Key: VALUE" https://example.invalid\n';
    assert.deepEqual(plan('shellscript', shell, 'VALUE'), { form: 'line', after: `curl -s \\\n  -H "X-Key: VALUE" https://example.invalid # secure-hygiene-ignore ${RULE} -- r\n` });
    // Above `<?php` is HTML output, not PHP.
    assert.equal(plan('php', '<?php $key = "VALUE";\n', 'VALUE').form, 'line');
    assert.equal(plan('php', '<?php\n$key = "VALUE";\n', 'VALUE').form, 'next-line');
    // In the middle of a continuation no comment fits (shell); Docker drops comment lines there.
    const middle = 'a \\\n  KEY=VALUE \\\n  run\n';
    const refused = lineSuppression(middle, 'shellscript', middle.indexOf('VALUE'), middle.indexOf('VALUE') + 5, { rules: [RULE], reason: 'r' });
    assert.ok(!refused.ok && /continued from the one above/.test(refused.reason));
    assert.equal(plan('dockerfile', `RUN a \\\n  ${middle}`, 'VALUE').form, 'next-line');
  });

  it('writes the grammar of DESIGN.md in each comment syntax', () => {
    const check = (language: string, text: string, expected: string) => {
      const edit = lineSuppression(text, language, 0, 1, { rules: [RULE], reason: 'test key', until: '2030-01-31' });
      assert.ok(edit.ok);
      assert.equal(applyOffsetEdits(text, [edit.edit]), expected);
    };
    check('python', '    k = "v"\n', `    # secure-hygiene-ignore-next-line ${RULE} until 2030-01-31 -- test key\n    k = "v"\n`);
    check('html', '<a k="v">\n', `<!-- secure-hygiene-ignore-next-line ${RULE} until 2030-01-31 -- test key -->\n<a k="v">\n`);
    check('dotenv', '  K=v\r\n', `  # secure-hygiene-ignore-next-line ${RULE} until 2030-01-31 -- test key\r\n  K=v\r\n`);
    check('bat', 'set K=v\n', `REM secure-hygiene-ignore-next-line ${RULE} until 2030-01-31 -- test key\nset K=v\n`);
  });
});
