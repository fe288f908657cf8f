import type { FileInfo } from './types';
import { isDotEnv } from './fileKind';

// "Committed" is a fact about the secret, not the file: a key typed into a tracked file but not
// committed yet must not be told to rotate, and one that is in HEAD (or staged) must. The caller
// (server, CLI) reads the committed texts from git; this only compares.

/**
 * `committed`: the value is in HEAD's or the index's version of the file; `uncommitted`: the file
 * is tracked but the value only in the working copy; `tracked`: the file is tracked and git's
 * texts are not known (yet); `untracked`: untracked, ignored, or no git.
 */
export type CommitState = 'committed' | 'uncommitted' | 'tracked' | 'untracked';

export function isTrackedFile(file: FileInfo): boolean {
  return file.gitState === 'tracked' || file.gitState === 'staged';
}

export function commitStateOf(file: FileInfo, value: string | undefined): CommitState {
  if (!isTrackedFile(file)) return 'untracked';
  // No versions given: the caller did not ask git, and a tracked file stands for committed.
  if (file.committed === undefined) return 'committed';
  if (file.committed === 'pending' || value === undefined) return 'tracked';
  return file.committed.texts.some((text) => text.includes(value)) ? 'committed' : 'uncommitted';
}

/** What is wrong, why it matters and what to do, for a secret in this commit state. */
export function secretMessage(provider: string, masked: string, state: CommitState, file: FileInfo): string {
  const dotEnv = isDotEnv(file.path);
  const what = `${provider} (${masked})`;
  switch (state) {
    case 'committed':
      return `${what} ${dotEnv ? 'is in a .env file that git tracks' : 'is hard-coded'} and committed to git: anyone with the repository can use it. Rotate it now, then move it to .env.`;
    case 'uncommitted':
      return `${what} ${dotEnv ? 'is in a .env file that git tracks' : 'is hard-coded in a tracked file'}, not committed yet: it will be committed with your next commit. Move it to a git-ignored .env and read it from the environment.`;
    case 'tracked':
      return `${what} ${dotEnv ? 'is in a .env file that git tracks' : 'is hard-coded in a file git tracks'}: if it is not committed yet, it will be with your next commit. Move it to a git-ignored .env; if it was committed, rotate it.`;
    default:
      return `${what} is hard-coded. Move it to a git-ignored .env and read it from the environment before it is committed.`;
  }
}
