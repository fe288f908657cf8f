import { strict as assert } from 'node:assert';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { parse as parseDotenv } from 'dotenv';
import ignore from 'ignore';
import { applyOffsetEdits, planMoveSecrets, REWRITE_LANGUAGES, type MoveInputs, type MovePlan } from '../../../src/engine/fixes';
import { parse as parseSyntax } from '../../../src/engine/syntax';
import { ALNUM, join, synth } from '../../../src/engine/rules/samples';
import { envFileArb, gitignoreFileArb } from './arbitraries';
import { instantiate, TEMPLATES, type SourceTemplate } from './sources';

import { parse as loadYaml } from 'yaml';

/** Does the text parse without errors in this language (tree-sitter; the yaml package for YAML)? */
async function parsesCleanly(text: string, language: string): Promise<boolean> {
  if (language === 'yaml') {
    try {
      loadYaml(text);
      return true;
    } catch {
      return false;
    }
  }
  const tree = await parseSyntax(text, language);
  assert.ok(tree, `no grammar for ${language}`);
  return !tree.rootNode.hasError;
}

function inputsFor(template: SourceTemplate, text: string, env?: string, gitignore?: string, example?: string): MoveInputs {
  return {
    source: { path: template.path, text, language: template.language },
    env: { path: '.env', text: env, tracked: false },
    envExample: example === undefined ? undefined : { path: '.env.example', text: example },
    gitignore: { path: '.gitignore', text: gitignore, envRelative: '.env' },
    envLoaded: true,
  };
}

function applied(plan: MovePlan, files: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [role, text] of Object.entries(files)) if (text !== undefined) out[role] = text;
  for (const change of plan.changes) {
    const before = files[change.role];
    assert.equal(change.create, before === undefined, `${change.role}: create only a missing file`);
    out[change.role] = applyOffsetEdits(before ?? '', change.edits);
  }
  return out;
}

/** Token-like values as providers issue them, built at run time (never a literal in the repo). */
const tokenArb = fc.tuple(fc.constantFrom('', 'sk_', 'tok-', 'A1'), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 8, max: 48 }))
  .map(([prefix, seed, length]) => join(prefix, synth(`${ALNUM}_-+/=.`, length, seed)));

describe('fixes/moveSecret', () => {
  it('the templates parse before the fix (sanity)', async () => {
    for (const template of TEMPLATES) {
      const { text } = instantiate(template, synth(ALNUM, 20, 3));
      assert.ok(await parsesCleanly(text, template.language), `${template.language}: ${text}`);
    }
    const covered = new Set(TEMPLATES.map((template) => template.language));
    for (const language of REWRITE_LANGUAGES) assert.ok(covered.has(language) || language === 'javascriptreact', `no template for ${language}`);
  });

  it('every claimed language: the rewritten code parses, the secret is gone, .env reads it back, .gitignore ignores .env', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom(...TEMPLATES), tokenArb, envFileArb, fc.option(gitignoreFileArb, { nil: undefined }), fc.option(envFileArb, { nil: undefined })), { numRuns: 3000, seed: 42 });
    const failures: string[] = [];
    for (const [template, value, env, gitignore, example] of samples) {
      const { text, secret } = instantiate(template, value);
      const result = planMoveSecrets(inputsFor(template, text, env, gitignore, example), [{ secret }]);
      if (!result.ok) {
        failures.push(`${template.language} refused: ${result.reason}\n${text}`);
        continue;
      }
      const files = applied(result.plan, { source: text, env, gitignore, envExample: example });
      const name = result.plan.moved[0].name;
      if (!(await parsesCleanly(files.source, template.language))) failures.push(`${template.language} does not parse:\n${files.source}`);
      assert.ok(!files.source.includes(value), 'the secret left the source');
      const sourceEdits = result.plan.changes.find((change) => change.role === 'source')!.edits;
      const first = Math.min(...sourceEdits.map((edit) => edit.start));
      const last = Math.max(...sourceEdits.map((edit) => edit.end));
      assert.ok(files.source.startsWith(text.slice(0, first)) && files.source.endsWith(text.slice(last)), 'bytes outside the edits are kept');
      assert.equal((parseDotenv(files.env) as Record<string, string>)[name], value);
      assert.ok(ignore().add(files.gitignore.replace(/^\uFEFF/, '')).ignores('.env'));
      if (example !== undefined) {
        assert.ok(files.envExample.startsWith(example));
        assert.ok(!files.envExample.includes(value), 'the template never gets the value');
        assert.ok(name in (parseDotenv(files.envExample) as Record<string, string>));
      }
    }
    assert.deepEqual(failures.slice(0, 5), []);
  });

  it('JavaScript: the rewritten code evaluates to the same string at run time, escapes included', () => {
    const jsTemplates = [
      { code: 'result = "§";', literal: true },
      { code: "result = '§';", literal: true },
      { code: 'result = `§`;', literal: true },
      { code: 'result = "pre:§:post";', literal: false },
      { code: "result = 'x§y'.length + ':' + 'x§y';", literal: false },
      { code: 'result = `a ${1 + 1} §!`;', literal: false },
    ];
    const pieceArb = fc.oneof(
      fc.string({ unit: fc.constantFrom(...`${ALNUM}_-+/=. $#`.split('')), minLength: 1, maxLength: 6 }),
      fc.constantFrom('\\n', '\\t', '\\\\', '\\r'),
    );
    fc.assert(fc.property(fc.constantFrom(...jsTemplates), fc.array(pieceArb, { minLength: 1, maxLength: 8 }), (tpl, pieces) => {
      const raw = pieces.join('').replace(/^\s+|\s+$/g, '') || 'k';
      if (tpl.code.includes('${') && raw.includes('${')) return;
      const template: SourceTemplate = { language: 'javascript', path: 'a.js', literal: tpl.literal, text: tpl.code };
      // The second occurrence in a template is the same literal text; only the first is the finding.
      const { text, secret } = instantiate(template, raw);
      const full = text.replace('§', raw);
      const result = planMoveSecrets(inputsFor(template, full), [{ secret }]);
      const before = runInNewContext(`let result; ${full}; result`, {});
      if (!result.ok) {
        // Only a run-time value that no dotenv quoting carries may be refused; check that independently.
        const value = runInNewContext(`"${raw}"`, {}) as string;
        assert.match(result.reason, /no quoting lets dotenv/);
        for (const quote of ["'", '`', '"', '']) assert.notEqual((parseDotenv(`K=${quote}${value}${quote}`) as Record<string, string>).K, value);
        return;
      }
      const files = applied(result.plan, { source: full, env: undefined, gitignore: undefined });
      const env = parseDotenv(files.env) as Record<string, string>;
      const after = runInNewContext(`let result; ${files.source}; result`, { process: { env } });
      assert.equal(after, before, files.source);
    }), { numRuns: 3000 });
  });

  it('fix-all moves every secret with unique names and reuses the name of a repeated value', async () => {
    const a = synth(ALNUM, 24, 11);
    const b = synth(ALNUM, 24, 12);
    const text = `const one = "${a}";\nconst two = '${b}';\nconst three = "${a}";\n`;
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    const span = (value: string, start: number) => ({ value, start, end: start + value.length, literalStart: start - 1, literalEnd: start + value.length + 1, envName: 'API_KEY' });
    const secrets = [span(a, at(a)), span(b, at(b)), span(a, at(a, at(a) + 1))].map((secret) => ({ secret }));
    const result = planMoveSecrets(inputsFor(TEMPLATES[0], text, 'API_KEY=other\n', '.env\n'), secrets);
    assert.ok(result.ok);
    const files = applied(result.plan, { source: text, env: 'API_KEY=other\n', gitignore: '.env\n' });
    assert.equal(files.source, 'const one = process.env.API_KEY_2;\nconst two = process.env.API_KEY_3;\nconst three = process.env.API_KEY_2;\n');
    assert.deepEqual(parseDotenv(files.env), { API_KEY: 'other', API_KEY_2: a, API_KEY_3: b });
    assert.equal(result.plan.changes.find((c) => c.role === 'gitignore'), undefined, '.gitignore already ignores .env');
    assert.ok(await parsesCleanly(files.source, 'javascript'));
  });

  it('refuses to write into a tracked .env and offers to untrack it', () => {
    const { text, secret } = instantiate(TEMPLATES[0], synth(ALNUM, 24, 5));
    const inputs = inputsFor(TEMPLATES[0], text, 'A=1\n');
    inputs.env.tracked = true;
    const result = planMoveSecrets(inputs, [{ secret }]);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.untrack, true);
  });

  it('says why JSON gets no rewrite, and notes when nothing loads .env', () => {
    const json: SourceTemplate = { language: 'json', path: 'a.json', literal: true, text: '{ "key": "§" }' };
    const { text, secret } = instantiate(json, synth(ALNUM, 24, 5));
    const result = planMoveSecrets(inputsFor(json, text), [{ secret }]);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /JSON cannot read environment variables/);
    const js = instantiate(TEMPLATES[0], synth(ALNUM, 24, 5));
    const inputs = { ...inputsFor(TEMPLATES[0], js.text), envLoaded: false };
    const moved = planMoveSecrets(inputs, [{ secret: js.secret, committed: true }]);
    assert.ok(moved.ok);
    assert.match(moved.plan.title, /nothing loads \.env yet/);
    assert.ok(moved.plan.notes.some((note) => note.includes('Rotate')));
    assert.ok(moved.plan.notes.every((note) => !note.includes(js.secret.value)), 'notes mask the secret');
  });

  it('adds `import os` after the docstring and __future__ imports, and the Go import', async () => {
    const py = instantiate(TEMPLATES.find((x) => x.text.includes('__future__'))!, synth(ALNUM, 20, 9));
    const result = planMoveSecrets(inputsFor(TEMPLATES[10], py.text), [{ secret: py.secret }]);
    assert.ok(result.ok);
    const source = applyOffsetEdits(py.text, result.plan.changes[0].edits);
    assert.equal(source, '#!/usr/bin/env python3\n"""Client setup."""\nfrom __future__ import annotations\nimport os\n\nimport sys\n\nclient = Client(api_key=os.environ["API_KEY"])\n');
    const goTemplate = TEMPLATES.find((x) => x.language === 'go')!;
    const go = instantiate(goTemplate, synth(ALNUM, 20, 9));
    const goResult = planMoveSecrets(inputsFor(goTemplate, go.text), [{ secret: go.secret }]);
    assert.ok(goResult.ok);
    const goSource = applyOffsetEdits(go.text, goResult.plan.changes[0].edits);
    assert.equal(goSource, 'package main\n\nimport "fmt"\nimport "os"\n\nvar apiKey = os.Getenv("API_KEY")\n\nfunc main() { fmt.Println(apiKey) }\n');
  });
});
