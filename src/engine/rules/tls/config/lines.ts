import { lineBreakFrom, nextLineStart } from '../../../text';

// Physical lines with their offsets; the line-level formats all start here.

export interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the content, before `\r\n`, `\n` or a lone `\r`. */
  end: number;
  text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const end = lineBreakFrom(text, start);
    lines.push({ start, end, text: text.slice(start, end) });
    if (end === text.length) break;
    start = nextLineStart(text, end);
  }
  return lines;
}

export function indentOf(text: string): number {
  return /^[ \t]*/.exec(text)![0].length;
}

/** Cuts a ` # comment` (or `;` for ini) that follows a value, outside quotes. */
export function stripTrailingComment(value: string, markers = '#'): string {
  let quote = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (markers.includes(c) && (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t')) {
      return value.slice(0, i).trimEnd();
    }
  }
  return value.trimEnd();
}
