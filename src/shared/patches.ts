// Reads the patches git prints (`git log -p --unified=0`, `git diff --unified=0`) as a stream of
// lines and hands back, per commit and file, only the lines the change added, each with its line
// number in the new version of the file. Pure: no git, no file system, so it is tested on its own.

/** The lines one commit (or one diff) added to one file, in order. */
export interface AddedLines {
  /** The commit that added them; undefined for a plain diff. */
  commit?: CommitInfo;
  /** The file's path in the new version, from the repository's top, forward slashes. */
  path: string;
  /** Each added line without its `\n` (a `\r` of a CRLF file stays), and its 1-based line number. */
  lines: string[];
  lineNumbers: number[];
}

export interface CommitInfo {
  sha: string;
  /** Author date, ISO 8601 strict (`%aI`). */
  date: string;
}

/** Put before each commit's header line by the `--format` we ask for: it cannot start a patch line. */
export const COMMIT_MARK = '\u0001commit ';
/** The `--format` that makes git print the header line `COMMIT_MARK` expects. */
export const COMMIT_FORMAT = '--format=%x01commit %H %aI';

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Undoes git's C-style quoting of unusual paths (`"a\tb"`, octal bytes for non-ASCII). */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i];
    if (char !== '\\' || i + 1 >= body.length) {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next) && /^[0-7]{3}$/.test(body.slice(i + 1, i + 4))) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path after `+++ b/` (or undefined for `+++ /dev/null`: the file was deleted). */
function newPath(line: string): string | undefined {
  const raw = line.slice(4).replace(/\t$/, '');
  if (raw === '/dev/null') return undefined;
  const unquoted = unquoteGitPath(raw);
  return unquoted.startsWith('b/') ? unquoted.slice(2) : unquoted;
}

/**
 * A push parser: feed it lines (without their `\n`) as they come and it calls `onFile` each time a
 * file's added lines are complete. Lines inside a hunk are counted from its header, so an added line
 * that reads `++ b/x` (shown as `+++ b/x`) is content, never taken for a file header.
 */
export class PatchReader {
  private commit: CommitInfo | undefined;
  private current: AddedLines | undefined;
  private oldLeft = 0;
  private newLeft = 0;
  private nextLine = 0;
  /** Commits seen so far, and bytes of patch text read (for progress). */
  commits = 0;
  bytes = 0;

  constructor(private readonly onFile: (added: AddedLines) => void) {}

  push(line: string): void {
    this.bytes += line.length + 1;
    if (this.oldLeft > 0 || this.newLeft > 0) {
      this.hunkLine(line);
      return;
    }
    if (line.startsWith(COMMIT_MARK)) {
      this.flush();
      const [sha, date] = line.slice(COMMIT_MARK.length).split(' ');
      this.commit = { sha, date };
      this.commits += 1;
    } else if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.flush();
    } else if (line.startsWith('+++ ')) {
      this.flush();
      const path = newPath(line);
      if (path !== undefined) this.current = { commit: this.commit, path, lines: [], lineNumbers: [] };
    } else if (line.startsWith('@@ ')) {
      const match = HUNK_HEADER.exec(line);
      if (!match) return;
      this.oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      this.nextLine = Number(match[2]);
      this.newLeft = match[3] === undefined ? 1 : Number(match[3]);
    }
  }

  /** Call once the stream has ended. */
  end(): void {
    this.flush();
  }

  private hunkLine(line: string): void {
    const marker = line[0];
    if (marker === '\\') return; // "\ No newline at end of file"
    if (marker === '+') {
      this.current?.lines.push(line.slice(1));
      this.current?.lineNumbers.push(this.nextLine);
      this.nextLine += 1;
      this.newLeft -= 1;
    } else if (marker === '-') {
      this.oldLeft -= 1;
    } else {
      // Context (only with --unified above 0): in both versions.
      this.nextLine += 1;
      this.newLeft -= 1;
      this.oldLeft -= 1;
    }
  }

  private flush(): void {
    this.oldLeft = 0;
    this.newLeft = 0;
    if (this.current && this.current.lines.length > 0) this.onFile(this.current);
    this.current = undefined;
  }
}

/**
 * The added lines as one text for the engine, and the map back to real line numbers. Runs of
 * consecutive lines stay together (a private key block spans many); a gap between hunks becomes an
 * empty line that maps nowhere, so that nothing matches across two unrelated hunks' lines as one line.
 */
export function textOfAdded(added: AddedLines): { text: string; lineMap: number[] } {
  const parts: string[] = [];
  const lineMap: number[] = [];
  added.lines.forEach((line, index) => {
    const number = added.lineNumbers[index];
    if (index > 0 && number !== added.lineNumbers[index - 1] + 1) {
      parts.push('');
      lineMap.push(-1);
    }
    parts.push(line);
    lineMap.push(number);
  });
  return { text: parts.join('\n'), lineMap };
}
