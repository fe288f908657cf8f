import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { defaultConfig, scan } from '../../../src/engine';
import { pathDetector } from '../../../src/engine/detectors/path';
import { applyRandomEdit, randomEdit, scanFromScratch, wholeFilePath } from './randomEdits';
import { JS_KEYWORDS } from '../../../src/engine/rules/tls/code/javascript';
import { nodesAroundWords, parse, releaseSyntaxState, walk, type SyntaxNode } from '../../../src/engine/syntax';

// A scan that reuses the document's state (the previous tree, and the path findings of statements
// the edit did not touch) must give exactly what a scan from scratch gives, whatever the edit.
// Also: the statement-by-statement path analysis finds what the whole-file analysis finds, and
// the TLS matcher's word search reaches exactly the nodes a full walk would check.

const HEADER = "import * as fs from 'node:fs';\nimport * as path from 'node:path';\nimport https from 'node:https';\n\nconst ROOT = '/srv/files';\n\n";

/** Statements of a realistic service file: path flows, sanitized flows, TLS settings, plain code. */
const BLOCKS = [
  'export function readDoc(req: any, res: any) {\n  const name = req.params.name;\n  res.sendFile(path.join(ROOT, name));\n}\n',
  'export function safeDoc(req: any) {\n  const name = path.basename(req.query.f);\n  return fs.readFileSync(path.join(ROOT, name));\n}\n',
  "export function checked(req: any) {\n  const full = path.resolve(ROOT, req.query.p);\n  if (!full.startsWith(ROOT)) throw new Error('outside');\n  return fs.readFileSync(full);\n}\n",
  'export const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n',
  "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n",
  'const clientOptions = { ca: caPem, rejectUnauthorized: cfg.verify };\n',
  "export async function loadUser(input: { id?: string }): Promise<unknown[]> {\n  // reads one user\n  const userId: string = String(input.id ?? '');\n  const result = await db.query('users', { id: userId, limit: 10 });\n  logger.debug('loadUser done', { count: result.length });\n  return result;\n}\n",
  "app.get('/download', (req, res) => {\n  res.download(`/data/${req.query.file}`);\n});\n",
  "zip.on('entry', (entry: any) => {\n  entry.pipe(fs.createWriteStream(path.join(dest, entry.fileName)));\n});\n",
  'export function optional(req: any) {\n  return fs.readFileSync(req?.query?.f);\n}\n',
  'const tlsOptions = { checkServerIdentity: () => undefined, servername: host };\n',
  "export class Files {\n  read(req: any) {\n    return fs.promises.readFile('/srv/' + req.body.name);\n  }\n}\n",
  '// req.params are validated upstream; rejectUnauthorized stays on\n',
  "export const handler = async (request: any) => {\n  const target = request.headers['x-file'];\n  await fs.promises.writeFile(target, 'data');\n};\n",
  "export function cli() {\n  const file = process.argv[2];\n  return fs.readFileSync(file, 'utf8');\n}\n",
];
/** A top-level binding of input: flows may cross statements, so the detector analyses the whole file. */
const TOP_LEVEL_SOURCE = "const fromArgs = process.argv[3];\nexport function dump() {\n  return fs.readFileSync(fromArgs, 'utf8');\n}\n";

const SNIPPETS = ['x', ' ', '\n', ';', '{', '}', '(', ')', "'", '`', '/', '*', '.', '?', 'req.params.f', 'process.argv[2]', 'rejectUnauthorized: false, ', 'const p = req.query.p;\n', 'path.basename(', 'fs.readFileSync(n);\n'];

const edit = randomEdit(SNIPPETS);


const file = { path: 'src/server/routes.ts', languageId: 'typescript' };
const config = defaultConfig();

const fromScratch = (text: string) => scanFromScratch(text, file, config);

async function detectorPath(text: string) {
  const state = new Map<string, unknown>();
  try {
    return await pathDetector.detect({ text, file, language: 'typescript', kind: 'code', config, state });
  } finally {
    releaseSyntaxState(state);
  }
}

const CHECKED_TYPES = new Set(['pair', 'method_definition', 'assignment_expression']);

function describeNodes(nodes: SyntaxNode[]): string[] {
  return nodes.map((node) => `${node.type}@${node.startIndex}-${node.endIndex}`);
}

describe('syntax/incremental scan', () => {
  it('gives the same findings after random edits with the state kept as from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 4, maxLength: 30 }), fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 8 }), async (picks, topLevel, edits) => {
        let text = HEADER + picks.map((i) => BLOCKS[i]).join('\n') + (topLevel ? `\n${TOP_LEVEL_SOURCE}` : '');
        const state = new Map<string, unknown>();
        try {
          await scan(text, file, config, { state });
          for (const change of edits) {
            text = applyRandomEdit(text, change);
            const kept = await scan(text, file, config, { state });
            assert.deepStrictEqual(kept, await fromScratch(text));
          }
        } finally {
          releaseSyntaxState(state);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('finds the path flows of a realistic file, statement by statement as in a whole-file analysis', async () => {
    const text = HEADER + BLOCKS.join('\n');
    const findings = await fromScratch(text);
    const path = findings.filter((finding) => finding.category === 'path');
    const tls = findings.filter((finding) => finding.category === 'tls');
    assert.ok(path.length >= 6, `path findings: ${path.map((f) => f.excerpt).join(' | ')}`);
    assert.ok(tls.length >= 3, `tls findings: ${tls.map((f) => f.excerpt).join(' | ')}`);
    assert.deepStrictEqual(await detectorPath(text), await wholeFilePath(text, 'typescript'));
    const withTopLevel = `${text}\n${TOP_LEVEL_SOURCE}`;
    const crossing = await detectorPath(withTopLevel);
    assert.ok(crossing.some((detection) => detection.message.includes('`fromArgs`')), 'a flow through a top-level variable is found');
    assert.deepStrictEqual(crossing, await wholeFilePath(withTopLevel, 'typescript'));
  });

  it('path analysis by statement equals the whole-file analysis on edited files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 2, maxLength: 20 }), fc.boolean(), fc.array(edit, { maxLength: 4 }), async (picks, topLevel, edits) => {
        const text = edits.reduce(applyRandomEdit, HEADER + picks.map((i) => BLOCKS[i]).join('\n') + (topLevel ? `\n${TOP_LEVEL_SOURCE}` : ''));
        assert.deepStrictEqual(await detectorPath(text), await wholeFilePath(text, 'typescript'));
      }),
      { numRuns: 80 },
    );
  });

  it('reaches exactly the TLS-checked nodes whose text holds a keyword, in walk order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: BLOCKS.length - 1 }), { minLength: 2, maxLength: 20 }), fc.array(edit, { maxLength: 4 }), async (picks, edits) => {
        const text = edits.reduce(applyRandomEdit, HEADER + picks.map((i) => BLOCKS[i]).join('\n'));
        const state = new Map<string, unknown>();
        try {
          const root = (await parse(text, 'typescript', state))!.rootNode;
          const walked: SyntaxNode[] = [];
          walk(root, (node) => {
            if (CHECKED_TYPES.has(node.type) && JS_KEYWORDS.some((word) => node.text.includes(word))) walked.push(node);
          });
          assert.deepStrictEqual(describeNodes(nodesAroundWords(root, text, JS_KEYWORDS, CHECKED_TYPES)), describeNodes(walked));
        } finally {
          releaseSyntaxState(state);
        }
      }),
      { numRuns: 60 },
    );
  });
});
