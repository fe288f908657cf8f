import { realpathSync } from 'node:fs';
import { git } from '../shared/git';
import { IoError } from './io';

// What every git-reading command (scan --staged, --history, --diff, hook) says when git cannot
// answer, and how it finds the repository's top: one wording, one place.

/** Git's own one-line reason ("fatal: ..."), or the error code when git did not start. */
export function gitReason(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  return message.split('\n').find((line) => line.startsWith('fatal:')) ?? (error as NodeJS.ErrnoException).code ?? message.split('\n')[0];
}

/** The top of the repository holding `dir` (symlinks resolved); `what` says who needs it, for the error. */
export async function repositoryTop(dir: string, what: string): Promise<string> {
  try {
    return realpathSync.native((await git(['rev-parse', '--show-toplevel'], dir)).trim());
  } catch (error) {
    throw new IoError(`${what}, but ${dir} is not in a git repository (${gitReason(error)})`);
  }
}
