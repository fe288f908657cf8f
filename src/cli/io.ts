// What a subcommand may touch of the outside world; main.ts provides the real one, tests may not
// need to (they run the built CLI), but keeping it explicit keeps commands free of globals.

export interface CliIo {
  cwd: string;
  version: string;
  /** Whether stdout is a terminal (colours on by default). */
  isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, read when a command is given `-` as its file. */
  readStdin(): Buffer;
}

/** An I/O problem the user must fix (unreadable config, unwritable output, no repository): exit 2, one line. */
export class IoError extends Error {}

/** A subcommand: parses its own arguments and returns the exit code. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Paths that disappear between being listed and being read: a build or a checkout running beside the scan. */
export const VANISHED_CODES: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR']);

/** A file-system error code in words, with the code kept for searching: "permission denied (EACCES)". */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'ENOTDIR': return 'not a directory (ENOTDIR)';
    case 'EACCES': return 'permission denied (EACCES)';
    case 'EPERM': return 'operation not permitted (EPERM)';
    case 'ELOOP': return 'too many levels of symbolic links (ELOOP)';
    case 'EISDIR': return 'is a directory (EISDIR)';
    default: return code ?? String((error as Error)?.message ?? error).split('\n')[0];
  }
}
