// A small unified line diff, for showing what `policy init` would change in an existing file
// before it asks. Longest-common-subsequence on lines; the policy files are short.

import { splitLines } from '../text';

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  type Op = { kind: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++], oldNo: i, newNo: ++j });
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: a[i++], oldNo: i, newNo: j });
    else ops.push({ kind: '+', line: b[j++], oldNo: i, newNo: j });
  }
  const changed = ops.map((op, index) => (op.kind !== ' ' ? index : -1)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k] - context);
    let to = Math.min(ops.length - 1, changed[k] + context);
    while (k + 1 < changed.length && changed[k + 1] - context <= to + 1) {
      k += 1;
      to = Math.min(ops.length - 1, changed[k] + context);
    }
    const hunk = ops.slice(from, to + 1);
    const oldStart = hunk.find((op) => op.kind !== '+')?.oldNo ?? hunk[0].oldNo;
    const newStart = hunk.find((op) => op.kind !== '-')?.newNo ?? hunk[0].newNo;
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${oldStart}${oldCount === 1 ? '' : `,${oldCount}`} +${newStart}${newCount === 1 ? '' : `,${newCount}`} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k += 1;
  }
  return `${out.join('\n')}\n`;
}
