// Every regular expression the engine's source spells out, found with the TypeScript compiler:
// regex literals (source and flags exactly as the engine compiles them) and the call sites of
// `new RegExp(...)` / `RegExp(...)`, whose patterns are built from strings and so are only known
// at run time (see collect.ts, which records them as the engine builds them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface LiteralPattern {
  source: string;
  flags: string;
  /** `src/engine/...ts:LINE`. */
  site: string;
}

export interface ConstructorSite {
  /** `src/engine/...ts:LINE` of the call. */
  site: string;
  file: string;
  /** The first and last line the call spans (a long argument list wraps). */
  line: number;
  endLine: number;
  /** The call's text, whitespace collapsed: how an allow-list entry names it. */
  text: string;
}

export const repoRoot = path.resolve(__dirname, '..', '..');
export const engineDir = path.join(repoRoot, 'src', 'engine');

/**
 * The other faces' folders: their patterns run on the user's text too (a hunk header of a patch, a
 * document's uri, an argument). They build none at run time today, so their literals are all of
 * them; a `new RegExp` there is never seen running (collect.ts loads only the engine) and so must
 * be named in UNRUN_SITES.
 */
export const otherDirs = ['cli', 'server', 'shared'].map((name) => path.join(repoRoot, 'src', name));

export function engineFiles(dir = engineDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return engineFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');

export function staticPatterns(files = engineFiles()): { literals: LiteralPattern[]; constructors: ConstructorSite[] } {
  const literals: LiteralPattern[] = [];
  const constructors: ConstructorSite[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const end = text.lastIndexOf('/');
        literals.push({ source: text.slice(1, end), flags: text.slice(end + 1), site: `${rel(file)}:${lineOf(node.getStart())}` });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const line = lineOf(node.getStart());
        constructors.push({ site: `${rel(file)}:${line}`, file: rel(file), line, endLine: lineOf(node.getEnd()), text: node.getText().replace(/\s+/g, ' ') });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructors };
}
