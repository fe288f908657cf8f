import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { defaultConfig, scan } from '../../../src/engine';
import { parse } from '../../../src/engine/syntax';

// The snippets: declared in package.json, well formed, and once expanded with their defaults the
// code parses in its language and gives no Secure Hygiene finding (they are the secure versions).

const ROOT = path.join(__dirname, '..', '..', '..');

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

interface Contribution {
  language: string;
  path: string;
}

const contributions = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets?: Contribution[] } }).contributes.snippets ?? [];

function load(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>;
}

/** What the editor inserts when the user accepts every default: `${1:x}` -> x, `${1|a,b|}` -> a. */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let round = 0; round < 3; round += 1) {
    text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\\\$/g, '$');
}


describe('snippets', () => {
  it('are declared for markdown, JS/TS, Python and Go, and every file exists', () => {
    const languages = new Set(contributions.map((entry) => entry.language));
    for (const language of ['markdown', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'go']) assert.ok(languages.has(language), language);
    for (const entry of contributions) assert.ok(existsSync(path.join(ROOT, entry.path)), entry.path);
  });

  for (const entry of contributions.filter((item, index, all) => all.findIndex((other) => other.path === item.path) === index)) {
    describe(entry.path, () => {
      const snippets = load(entry.path);
      for (const [name, snippet] of Object.entries(snippets)) {
        it(`${name}: has a prefix, a description and a body`, () => {
          assert.ok((Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]).every((prefix) => prefix.length > 2));
          assert.ok(snippet.description.startsWith('Secure Hygiene:'));
          assert.ok(snippet.body.length > 0);
        });
      }
    });
  }

  const code = ['snippets/javascript.json', 'snippets/typescript.json', 'snippets/python.json', 'snippets/go.json'];
  for (const file of code) {
    const snippets = load(file);
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${file} ${name}: parses and gives no finding`, async () => {
        const text = expand(snippet.body);
        let sample: string;
        if (file.includes('script')) {
          const typescript = file.includes('typescript');
          sample = typescript ? 'sample.ts' : 'sample.js';
          const result = ts.transpileModule(text, { reportDiagnostics: true, fileName: sample, compilerOptions: { allowJs: true } });
          assert.deepEqual(result.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
        } else if (file.includes('python')) {
          sample = 'sample.py';
          const tree = await parse(text, 'python');
          assert.ok(tree && !tree.rootNode.hasError, `${name} does not parse as Python`);
        } else {
          // Tree-sitter's Go grammar (the one the detectors use) stands in for gofmt, which is
          // not on every machine.
          sample = 'sample.go';
          const wrapped = /^func /m.test(text) ? `package sample\n\n${text}\n` : `package sample\n\nfunc run() {\n${text}\n}\n`;
          const tree = await parse(wrapped, 'go');
          assert.ok(tree && !tree.rootNode.hasError, `${name} does not parse as Go`);
        }
        const findings = await scan(text, { path: sample, gitState: 'untracked' }, defaultConfig());
        assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.excerpt}`), []);
      });
    }
  }
});
