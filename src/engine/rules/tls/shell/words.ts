import { lineBreakFrom, lineBreakLength } from '../../../text';

// A small shell word splitter: enough of POSIX sh to find simple commands and their words with
// their offsets in the original file, while skipping comments, quoted text and here-documents.
// It works on a "virtual" text assembled from pieces of the original (a Dockerfile RUN line
// without its comment lines, a YAML block scalar, a JSON string), keeping an offset map back.

export interface Word {
  /** The word as the shell sees it: quotes removed, escapes resolved. */
  text: string;
  /** Offsets of the raw word in the original text. */
  start: number;
  end: number;
  /** Whether any part of the word was quoted (then it cannot be a reserved word or assignment). */
  quoted: boolean;
}

export interface SimpleCommand {
  words: Word[];
}

/** Text assembled from pieces of the original, each character remembering where it came from. */
export class ShellSource {
  text = '';
  readonly map: number[] = [];

  constructor(private readonly original: string) {}

  /** Appends original[start, end). */
  add(start: number, end: number): this {
    this.text += this.original.slice(start, end);
    for (let i = start; i < end; i += 1) this.map.push(i);
    return this;
  }

  /** Appends characters that are not in the original (a joining newline), mapped to `at`. */
  addSynthetic(chars: string, at: number): this {
    this.text += chars;
    for (let i = 0; i < chars.length; i += 1) this.map.push(at);
    return this;
  }

  /** Appends decoded characters, each with its own original offset (a JSON string's content). */
  addMapped(chars: string, offsets: number[]): this {
    this.text += chars;
    this.map.push(...offsets);
    return this;
  }

  static of(original: string, start = 0, end = original.length): ShellSource {
    return new ShellSource(original).add(start, end);
  }
}

const SEPARATORS = new Set([';', '&', '|', '(', ')', '`']);

interface HereDoc {
  delimiter: string;
  stripTabs: boolean;
}

/** Splits shell text into simple commands. Never throws; unterminated quotes run to the end. */
export function splitCommands(source: ShellSource): SimpleCommand[] {
  const t = source.text;
  const map = source.map;
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let chars = '';
  let first = -1;
  let last = -1;
  let quoted = false;
  let skipNext = false;
  const pending: HereDoc[] = [];

  const endWord = () => {
    if (first !== -1) {
      if (skipNext) skipNext = false;
      else words.push({ text: chars, start: map[first], end: map[last] + 1, quoted });
    }
    chars = '';
    first = -1;
    quoted = false;
  };
  const endCommand = () => {
    endWord();
    skipNext = false;
    if (words.length > 0) commands.push({ words });
    words = [];
  };
  const take = (index: number, char: string) => {
    if (first === -1) first = index;
    last = index;
    chars += char;
  };

  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (c === '\\') {
      // A line continuation, whichever line break follows.
      if (lineBreakLength(t, i + 1) > 0) {
        i += 1 + lineBreakLength(t, i + 1);
        continue;
      }
      if (i + 1 < t.length) {
        take(i, '');
        take(i + 1, t[i + 1]);
      }
      i += 2;
      continue;
    }
    if (c === "'") {
      quoted = true;
      take(i, '');
      let j = i + 1;
      while (j < t.length && t[j] !== "'") take(j, t[j++]);
      if (j < t.length) take(j, '');
      i = j + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      take(i, '');
      let j = i + 1;
      while (j < t.length && t[j] !== '"') {
        if (t[j] === '\\' && j + 1 < t.length && '"\\$`\n'.includes(t[j + 1])) {
          take(j, '');
          j += 1;
        }
        take(j, t[j]);
        j += 1;
      }
      if (j < t.length) take(j, '');
      i = j + 1;
      continue;
    }
    if (c === '#' && first === -1) {
      i = lineBreakFrom(t, i);
      continue;
    }
    // The \r of a \r\n pair is a blank; a lone \r ends the line, as it does for the editor (text.ts).
    if (c === ' ' || c === '\t' || (c === '\r' && t[i + 1] === '\n')) {
      endWord();
      i += 1;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endCommand();
      i = skipHereDocs(t, i + 1, pending);
      continue;
    }
    if (c === '$' && t[i + 1] === '{') {
      let j = i;
      while (j < t.length && t[j] !== '}' && t[j] !== '\n' && t[j] !== '\r') take(j, t[j++]);
      // An unclosed `${` stops at its line's end, and the line break still ends the command.
      if (t[j] === '}') take(j++, '}');
      i = j;
      continue;
    }
    if (c === '$' && t[i + 1] === '(') {
      endCommand();
      i += 2;
      continue;
    }
    if (SEPARATORS.has(c)) {
      endCommand();
      i += 1;
      continue;
    }
    if (c === '<' || c === '>') {
      // A file-descriptor number glued to the operator (`2>`) is not a word of the command.
      if (first !== -1 && /^\d+$/.test(chars)) {
        first = -1;
        chars = '';
      }
      endWord();
      if (c === '<' && t[i + 1] === '<' && t[i + 2] !== '<') {
        let j = i + 2;
        const stripTabs = t[j] === '-';
        if (stripTabs) j += 1;
        while (t[j] === ' ' || t[j] === '\t') j += 1;
        const match = /^(['"]?)([\w.-]+)\1/.exec(t.slice(j, j + 200));
        if (match) {
          pending.push({ delimiter: match[2], stripTabs });
          i = j + match[0].length;
          continue;
        }
        i = j;
        continue;
      }
      let j = i + 1;
      while (t[j] === '<' || t[j] === '>') j += 1;
      if (t[j] === '&') {
        j += 1;
        while (/[\d-]/.test(t[j] ?? '')) j += 1;
      } else {
        skipNext = true;
      }
      i = j;
      continue;
    }
    take(i, c);
    i += 1;
  }
  endCommand();
  return commands;
}

/** After a newline: skips the bodies of here-documents opened on the line that just ended. */
function skipHereDocs(t: string, from: number, pending: HereDoc[]): number {
  let i = from;
  while (pending.length > 0) {
    const doc = pending.shift()!;
    while (i < t.length) {
      const lineEnd = lineBreakFrom(t, i);
      let line = t.slice(i, lineEnd);
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      i = lineEnd + Math.max(1, lineBreakLength(t, lineEnd));
      if (line === doc.delimiter) break;
    }
  }
  return Math.min(i, t.length);
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function isAssignment(word: Word): boolean {
  return ASSIGNMENT.test(word.text) && !word.text.startsWith('"');
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', '}', 'time', 'in']);
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nohup', 'command', 'builtin', 'nice', 'ionice', 'stdbuf', 'timeout', 'xargs', 'doas', 'eval', 'watch']);
/** Options of wrappers that take a value (`sudo -u user`, `timeout -s KILL 10`). */
const WRAPPER_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-n', '-s', '-k', '-o', '-e', '-i', '-I', '-d', '-L', '-P']);

export interface CommandParts {
  /** Leading `NAME=value` words (the command's environment) and `export NAME=value` operands. */
  assignments: Word[];
  /** The command name's word (after wrappers such as `sudo`), if any. */
  name?: Word;
  /** `curl`, from `/usr/bin/curl` or `curl.exe`. */
  program?: string;
  args: Word[];
}

/** Separates a simple command into its environment, the program it runs and its arguments. */
export function commandParts(command: SimpleCommand): CommandParts {
  const words = command.words;
  const assignments: Word[] = [];
  let i = 0;
  for (;;) {
    const word = words[i];
    if (!word) return { assignments, args: [] };
    if (!word.quoted && RESERVED.has(word.text)) {
      i += 1;
      continue;
    }
    if (!word.quoted && isAssignment(word)) {
      assignments.push(word);
      i += 1;
      continue;
    }
    const program = programName(word.text);
    if (WRAPPERS.has(program)) {
      i += 1;
      // The wrapper's own options, then (for env, timeout) assignments or a duration.
      while (words[i] && words[i].text.startsWith('-')) {
        i += WRAPPER_VALUE_OPTIONS.has(words[i].text) && program !== 'env' ? 2 : 1;
      }
      if (program === 'timeout' && words[i] && /^\d/.test(words[i].text)) i += 1;
      continue;
    }
    if (program === 'export' || program === 'declare' || program === 'typeset' || program === 'local' || program === 'readonly') {
      for (const operand of words.slice(i + 1)) if (isAssignment(operand)) assignments.push(operand);
      return { assignments, args: [] };
    }
    return { assignments, name: word, program, args: words.slice(i + 1) };
  }
}

export function programName(text: string): string {
  const slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  return text.slice(slash + 1).replace(/\.exe$/i, '').toLowerCase();
}
