import ignore from 'ignore';
import type { OffsetEdit } from '../types';
import { appendLines, BOM } from './text';

// Making git ignore the .env file: read the .gitignore the way git does (the `ignore` package
// implements git's rules; git skips a UTF-8 BOM) and append one line only when it is needed.

/** Does this .gitignore text ignore `relativePath` (forward slashes, relative to its folder)? */
export function gitignoreIgnores(text: string, relativePath: string): boolean {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  try {
    return ignore().add(body).ignores(relativePath);
  } catch {
    return false;
  }
}

/**
 * The edit that makes `.gitignore` (undefined when missing) ignore `relativePath`, or undefined
 * when it already does. The new line is anchored (`/.env`) when the file is not at the top of
 * the folder holding the .gitignore, so it matches exactly that file.
 */
export function planGitignore(text: string | undefined, relativePath: string): OffsetEdit | undefined {
  if (text !== undefined && gitignoreIgnores(text, relativePath)) return undefined;
  const pattern = relativePath.includes('/') ? `/${escapeGitignore(relativePath)}` : escapeGitignore(relativePath);
  return appendLines(text, [pattern]);
}

/** Escapes the characters git's patterns treat specially, so that a file name matches literally. */
function escapeGitignore(name: string): string {
  // `(?<! )`: the trailing run is read once from its first space, not from each (quadratic).
  return name.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/(?<! ) +$/, (spaces) => spaces.replace(/ /g, '\\ '));
}
