import type { HostingProvider, RepositoryRef } from './types';

// Reads a git remote address (scp-like ssh, ssh://, https://, git://) into host and project path,
// and names the private reporting channel each host offers.

function providerOf(host: string): HostingProvider {
  if (host === 'github.com' || host === 'ssh.github.com' || host.startsWith('github.')) return 'github';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  if (host === 'bitbucket.org' || host.startsWith('bitbucket.')) return 'bitbucket';
  return 'other';
}

function cleanPath(raw: string): string | undefined {
  // Trailing slashes cut by a scan: `\/+$` re-read a run of `/` from each of them.
  let end = raw.length;
  while (end > 0 && raw[end - 1] === '/') end--;
  const trimmed = raw.slice(0, end).replace(/^\/+/, '').replace(/\.git$/i, '');
  const parts = trimmed.split('/').filter((part) => part.length > 0);
  if (parts.length < 2 || parts.some((part) => part === '.' || part === '..')) return undefined;
  return parts.join('/');
}

/** The hosting facts of a remote address, or undefined for a local path or anything unreadable. */
export function parseRemoteUrl(remote: string): RepositoryRef | undefined {
  const url = remote.trim();
  let host: string;
  let rawPath: string;
  let webPort = '';
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(url);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.protocol === 'file:' || !parsed.hostname) return undefined;
    host = parsed.hostname.toLowerCase();
    rawPath = decodeURIComponent(parsed.pathname);
    // An https remote on a custom port serves the web pages on that port too; ssh ports never do.
    if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.port) webPort = `:${parsed.port}`;
  } else if (scp && !/^[a-z]:[\\/]/i.test(url)) {
    host = scp[1].toLowerCase();
    rawPath = scp[2];
  } else {
    return undefined;
  }
  if (host === 'ssh.github.com') host = 'github.com';
  const path = cleanPath(rawPath);
  if (!path) return undefined;
  return { provider: providerOf(host), host, path, webUrl: `https://${host}${webPort}/${path}` };
}

/** GitHub's private vulnerability reporting form for the repository. */
export function githubAdvisoryUrl(repository: RepositoryRef): string {
  return `${repository.webUrl}/security/advisories/new`;
}

/** A new GitLab issue that starts out confidential (only members can read it). */
export function gitlabConfidentialIssueUrl(repository: RepositoryRef): string {
  return `${repository.webUrl}/-/issues/new?issue%5Bconfidential%5D=true`;
}

export interface PrivateChannel {
  url: string;
  /** How the policy names it: "GitHub's private vulnerability reporting". */
  label: string;
}

/** The host's own private reporting channel, when it has one (Bitbucket and others do not). */
export function privateChannelOf(repository: RepositoryRef | undefined): PrivateChannel | undefined {
  if (!repository) return undefined;
  if (repository.provider === 'github') return { url: githubAdvisoryUrl(repository), label: "GitHub's private vulnerability reporting" };
  if (repository.provider === 'gitlab') return { url: gitlabConfidentialIssueUrl(repository), label: 'a confidential GitLab issue' };
  return undefined;
}
