import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix, ownsLine, removeLines, removeWord } from '../fixes';
import { ShellSource, splitCommands, type Word } from '../shell/words';
import { scanCommands, scanShell } from './commands';
import { envSetting } from './env';
import { splitLines, type Line } from './lines';

// Dockerfiles: RUN/CMD/ENTRYPOINT/HEALTHCHECK are shell (or exec-form JSON arrays); ENV and ARG
// set variables. Comment lines inside a continued instruction are dropped, as Docker does.

interface Instruction {
  keyword: string;
  /** Offset where the arguments start on the first line. */
  argsStart: number;
  lines: Line[];
  /** Index in the file's lines of the instruction's last line. */
  lastLine: number;
}

function instructions(lines: Line[]): Instruction[] {
  const result: Instruction[] = [];
  for (let n = 0; n < lines.length; n += 1) {
    const match = /^[ \t]*([A-Za-z]+)([ \t]+|$)/.exec(lines[n].text);
    if (!match || /^[ \t]*#/.test(lines[n].text)) continue;
    const parts = [lines[n]];
    let k = n;
    while (/\\[ \t]*$/.test(lines[k].text) && k + 1 < lines.length) {
      k += 1;
      if (/^[ \t]*(#|$)/.test(lines[k].text)) {
        // Docker drops comment and empty lines inside a continuation; keep going.
        if (k + 1 < lines.length) continue;
        break;
      }
      parts.push(lines[k]);
    }
    result.push({ keyword: match[1].toUpperCase(), argsStart: lines[n].start + match[0].length, lines: parts, lastLine: k });
    n = k;
  }
  return result;
}

function sourceOf(text: string, instruction: Instruction, from: number): ShellSource {
  const source = new ShellSource(text);
  instruction.lines.forEach((line, index) => {
    if (index > 0) source.addSynthetic('\n', line.start - 1);
    source.add(index === 0 ? from : line.start, line.end);
  });
  return source;
}

/** `["sh", "-c", "curl -k ..."]` or `["curl", "-k", ...]`: JSON strings with their offsets. */
function execForm(text: string, start: number, end: number): Word[] | undefined {
  const body = text.slice(start, end);
  if (!/^\s*\[/.test(body)) return undefined;
  const words: Word[] = [];
  // Not from a `"` after a backslash: an unterminated string of `\"` runs was re-read from each.
  for (const match of body.matchAll(/(?<!\\)"((?:[^"\\]|\\.)*)"/g)) {
    let value: string;
    try {
      value = JSON.parse(match[0]) as string;
    } catch {
      return undefined;
    }
    const at = start + (match.index ?? 0);
    words.push({ text: value, start: at, end: at + match[0].length, quoted: true });
  }
  return words;
}

export function scanDockerfile(text: string): Detection[] {
  const out: Detection[] = [];
  const lines = splitLines(text);
  for (const instruction of instructions(lines)) {
    const from = instruction.argsStart;
    switch (instruction.keyword) {
      case 'HEALTHCHECK': {
        const cmd = /\bCMD[ \t]+/i.exec(text.slice(from, instruction.lines[0].end));
        if (cmd) out.push(...shellInstruction(text, lines, instruction, from + (cmd.index ?? 0) + cmd[0].length));
        break;
      }
      case 'RUN':
      case 'CMD':
      case 'ENTRYPOINT':
        out.push(...shellInstruction(text, lines, instruction, from));
        break;
      case 'ENV':
      case 'ARG':
        out.push(...envInstruction(text, instruction, from));
        break;
      default:
        break;
    }
  }
  return out;
}

function shellInstruction(text: string, lines: Line[], instruction: Instruction, argsStart: number): Detection[] {
  const last = instruction.lines[instruction.lines.length - 1];
  const flags = /^(--[\w-]+=\S+[ \t]+)*/.exec(text.slice(argsStart, last.end));
  const from = argsStart + (flags ? flags[0].length : 0);
  // One line: `(.*)`, not `(.*)$`, whose `$` let `[ \t]*` and `.*` share a run of spaces (issue 13).
  const heredoc = /^<<-?[ \t]*(['"]?)(\w+)\1[ \t]*(.*)/.exec(text.slice(from, instruction.lines[0].end));
  if (heredoc) return hereDocBody(text, lines, instruction, heredoc[2]);
  const words = execForm(text, from, last.end);
  if (!words) return scanShell(text, sourceOf(text, instruction, from));
  const shell = words.length >= 3 && /(^|\/)(ba|da|z)?sh$/.test(words[0].text) && words[1].text === '-c';
  if (!shell) return scanCommands(text, [{ words }]);
  const script = words[2];
  // The script's characters map one to one when it has no JSON escapes.
  if (script.end - script.start - 2 !== script.text.length) return [];
  return scanShell(text, ShellSource.of(text, script.start + 1, script.end - 1));
}

function hereDocBody(text: string, lines: Line[], instruction: Instruction, delimiter: string): Detection[] {
  const first = instruction.lastLine + 1;
  let end = first;
  while (end < lines.length && lines[end].text.trim() !== delimiter) end += 1;
  if (end === first) return [];
  return scanShell(text, ShellSource.of(text, lines[first].start, lines[end - 1].end));
}

function envInstruction(text: string, instruction: Instruction, from: number): Detection[] {
  const out: Detection[] = [];
  const commands = splitCommands(sourceOf(text, instruction, from));
  const words = commands.flatMap((command) => command.words);
  if (words.length === 0) return out;
  const legacy = !words[0].text.includes('=');
  if (legacy && instruction.keyword === 'ENV' && words.length >= 2) {
    // ENV NAME value with spaces
    const value = text.slice(words[1].start, words[words.length - 1].end);
    const verdict = envSetting(words[0].text, value);
    if (verdict) {
      const first = instruction.lines[0];
      const last = instruction.lines[instruction.lines.length - 1];
      out.push(finding(verdict.rule, {
        start: words[0].start,
        end: words[words.length - 1].end,
        what: verdict.what,
        severity: verdict.severity,
        fixes: [fix(`Remove ENV ${words[0].text}`, [removeLines(text, first.start, last.end)])],
      }));
    }
    return out;
  }
  for (const word of words) {
    const eq = word.text.indexOf('=');
    if (eq <= 0) continue;
    const name = word.text.slice(0, eq);
    const verdict = envSetting(name, word.text.slice(eq + 1));
    if (!verdict) continue;
    const alone = words.length === 1 && ownsLine(text, word.start, word.end, /^\s*(ENV|ARG)\s+$/i);
    out.push(finding(verdict.rule, {
      start: word.start,
      end: word.end,
      what: verdict.what,
      severity: verdict.severity,
      fixes: [fix(`Remove ${name}`, [alone ? removeLines(text, word.start) : removeWord(text, word.start, word.end)])],
    }));
  }
  return out;
}
