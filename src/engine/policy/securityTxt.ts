import { policyPathFor } from './render';
import { privateChannelOf } from './remote';
import type { PolicyAnswers, RepositoryRef } from './types';

// RFC 9116 security.txt: served at /.well-known/security.txt, it points researchers who found a
// problem on the website at the same channels as SECURITY.md. Contact and Expires are required;
// Expires must be under a year out, so the scaffold sets it one year (less a day) ahead.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a file in the repository can be read in a browser, on the host's default branch. */
export function browseUrl(repository: RepositoryRef, filePath: string): string {
  switch (repository.provider) {
    case 'gitlab': return `${repository.webUrl}/-/blob/HEAD/${filePath}`;
    case 'bitbucket': return `${repository.webUrl}/src/HEAD/${filePath}`;
    default: return `${repository.webUrl}/blob/HEAD/${filePath}`;
  }
}

/** `2026-05-01T00:00:00Z`: RFC 3339 as RFC 9116 asks, whole seconds. */
function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export interface SecurityTxtOptions {
  /** Defaults to now; Expires is 364 days later. */
  now?: Date;
  /** Languages the maintainers read, in order of preference. */
  languages?: string[];
}

/** Where the scaffold writes security.txt: under the site's web root, else at the project root. */
export function securityTxtPathFor(webRoot: string | undefined): string {
  if (!webRoot) return '.well-known/security.txt';
  // Trailing slashes cut by a scan: `\/+$` re-read a run of `/` from each of them (quadratic).
  let end = webRoot.length;
  while (end > 0 && webRoot[end - 1] === '/') end--;
  return `${webRoot.slice(0, end)}/.well-known/security.txt`;
}

export function renderSecurityTxt(answers: PolicyAnswers, options: SecurityTxtOptions = {}): string {
  const now = options.now ?? new Date();
  const expires = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 364 * DAY_MS);
  const lines = [`# Where to report security problems in ${answers.projectName} (RFC 9116).`];
  if (answers.contactEmail) lines.push(`Contact: mailto:${answers.contactEmail}`);
  const channel = answers.usePrivateChannel ? privateChannelOf(answers.repository) : undefined;
  if (channel) lines.push(`Contact: ${channel.url}`);
  if (lines.length === 1) throw new Error('security.txt needs at least one contact.');
  lines.push(`Expires: ${rfc3339(expires)}`);
  if (answers.pgpKey?.url) lines.push(`Encryption: ${answers.pgpKey.url}`);
  if (answers.repository) {
    const policy = browseUrl(answers.repository, policyPathFor(answers.location));
    lines.push(`Policy: ${policy}`);
  }
  lines.push(`Preferred-Languages: ${(options.languages ?? ['en']).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
