import type { RuleMeta } from '../../types';

// Findings about a file rather than a value in it: a .env that git would commit.

export const envFileCommitted: RuleMeta = {
  id: 'secret/env-file-committed',
  category: 'secret',
  title: '.env file committed to git',
  cwe: 'CWE-538',
  severity: 'error',
  help: 'A .env file holds the secrets the code must not; untrack it (git rm --cached), add it to .gitignore, and rotate every secret it ever held.',
};

export const envFileNotIgnored: RuleMeta = {
  id: 'secret/env-file-not-ignored',
  category: 'secret',
  title: '.env file not ignored by git',
  cwe: 'CWE-538',
  severity: 'warning',
  help: 'Nothing stops the next `git add .` from committing this .env; add `.env` to .gitignore.',
};
