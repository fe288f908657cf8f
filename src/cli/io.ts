// What a subcommand may touch of the outside world; main.ts provides the real one, tests may not
// need to (they run the built CLI), but keeping it explicit keeps commands free of globals.

export interface CliIo {
  cwd: string;
  version: string;
  /** Whether stdout is a terminal (colours on by default). */
  isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** An I/O problem the user must fix (unreadable config, unwritable output, no repository): exit 2, one line. */
export class IoError extends Error {}

/** A subcommand: parses its own arguments and returns the exit code. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
