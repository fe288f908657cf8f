import type { SupportedVersionRow } from './types';

// Versions: parsing release versions and tags, proposing the supported-versions table, and
// reading the table of an existing policy back to decide whether it covers a given release.

export interface Version {
  major: number;
  minor: number;
  patch: number;
}

/** `1.4.0`, `v1.4`, `release-2.0.1`, `pkg@3.1.0`; pre-releases and build metadata are ignored. */
export function parseVersion(text: string | undefined): Version | undefined {
  if (!text) return undefined;
  return versionAfterPrefix(text.trim());
}

/**
 * What `/^(?:.*[@/-])?v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,9}))?(?:[-+][0-9A-Za-z.-]*)?$/` read, as a
 * scan: the version after the LAST `@`, `/` or `-` (of the first line) that one follows, else
 * at the start. The pattern tried every separator with a run to the end each time (quadratic on
 * `-0.0-0.0-…`); here each candidate reads at most ~25 characters and one precomputed flag.
 */
function versionAfterPrefix(text: string): Version | undefined {
  const lineEnd = text.search(/[\n\r\u2028\u2029]/);
  // tailOk[i]: text[i..] is all `[0-9A-Za-z.-]` (a pre-release or build suffix may run to the end).
  const tailOk: boolean[] = new Array<boolean>(text.length + 1);
  tailOk[text.length] = true;
  for (let i = text.length - 1; i >= 0; i--) tailOk[i] = tailOk[i + 1] && /[0-9A-Za-z.-]/.test(text[i]);
  const digits = (from: number, max: number): number => {
    let at = from;
    while (at < text.length && text[at] >= '0' && text[at] <= '9') at++;
    return at - from >= 1 && at - from <= max ? at : -1;
  };
  const at = (start: number): Version | undefined => {
    let i = text[start] === 'v' ? start + 1 : start;
    const majorEnd = digits(i, 6);
    if (majorEnd === -1 || text[majorEnd] !== '.') return undefined;
    const minorEnd = digits(majorEnd + 1, 6);
    if (minorEnd === -1) return undefined;
    const version = { major: Number(text.slice(i, majorEnd)), minor: Number(text.slice(majorEnd + 1, minorEnd)), patch: 0 };
    i = minorEnd;
    if (text[i] === '.') {
      const patchEnd = digits(i + 1, 9);
      if (patchEnd === -1) return undefined;
      version.patch = Number(text.slice(i + 1, patchEnd));
      i = patchEnd;
    }
    if (i === text.length) return version;
    return (text[i] === '-' || text[i] === '+') && tailOk[i + 1] ? version : undefined;
  };
  for (let i = (lineEnd === -1 ? text.length : lineEnd) - 1; i >= 0; i--) {
    if (text[i] === '@' || text[i] === '/' || text[i] === '-') {
      const found = at(i + 1);
      if (found) return found;
    }
  }
  return at(0);
}

function isPrerelease(tag: string): boolean {
  return /\d-(?:alpha|beta|rc|pre|dev|canary|next|snapshot)/i.test(tag);
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** Release versions among git tags, highest first, pre-releases left out. */
export function releaseVersions(tags: string[]): Version[] {
  const versions = tags.filter((tag) => !isPrerelease(tag)).map(parseVersion).filter((v): v is Version => v !== undefined);
  return versions.sort((a, b) => compareVersions(b, a));
}

/** The release line a version belongs to: its major from 1.0 on, its minor below 1.0. */
function seriesOf(version: Version): { key: string; start: Version } {
  if (version.major >= 1) return { key: `${version.major}.x`, start: { major: version.major, minor: 0, patch: 0 } };
  return { key: `0.${version.minor}.x`, start: { major: 0, minor: version.minor, patch: 0 } };
}

/** The current version: the manifest's when it parses, else the highest release tag. */
export function currentVersion(manifestVersion: string | undefined, tags: string[]): Version | undefined {
  return parseVersion(manifestVersion) ?? releaseVersions(tags)[0];
}

const MAX_OLD_ROWS = 3;

/**
 * The table the scaffold proposes: the current release line is supported (current major, or
 * current minor below 1.0); older lines seen in the tags are listed as unsupported, then one row
 * for everything older.
 */
export function supportedVersionRows(manifestVersion: string | undefined, tags: string[]): SupportedVersionRow[] {
  const current = currentVersion(manifestVersion, tags);
  if (!current) {
    return [{ label: 'Latest commit on the default branch', supported: true, note: 'Nothing is released yet; fixes land on the default branch.' }];
  }
  const series = seriesOf(current);
  const rows: SupportedVersionRow[] = [{ label: series.key, supported: true, note: `Current release line (${formatVersion(current)}); fixes ship as new releases in this line.` }];
  const older: { key: string; start: Version }[] = [];
  for (const version of releaseVersions(tags)) {
    if (compareVersions(version, series.start) >= 0) continue;
    // From 1.0 on, everything before the current major is grouped by major (0.x is one line).
    const line = current.major >= 1 ? { key: `${version.major}.x`, start: { major: version.major, minor: 0, patch: 0 } } : seriesOf(version);
    if (!older.some((entry) => entry.key === line.key)) older.push(line);
  }
  for (const line of older.slice(0, MAX_OLD_ROWS)) {
    rows.push({ label: line.key, supported: false, note: `Upgrade to ${series.key}.` });
  }
  const oldestListed = older.length > 0 ? older[Math.min(older.length, MAX_OLD_ROWS) - 1].start : series.start;
  if (compareVersions(oldestListed, { major: 0, minor: 0, patch: 0 }) > 0) {
    const bound = oldestListed.major >= 1 ? `${oldestListed.major}.0` : `0.${oldestListed.minor}`;
    rows.push({ label: `< ${bound}`, supported: false, note: `Upgrade to ${series.key}.` });
  }
  return rows;
}

// Reading a table back. A cell such as `1.x`, `>= 1.2`, `< 1.0`, `^2.1`, `1.4.0`, `latest`.

const ALWAYS = /^(?:latest|current|newest|main|master|head|trunk|all|any|default branch|latest (?:release|version|commit).*)$/i;

function partial(text: string): { parts: number[]; wildcard: boolean } | undefined {
  const match = /^v?(\d+)(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?(\+)?$/i.exec(text.trim());
  if (!match) return undefined;
  const parts: number[] = [];
  let wildcard = false;
  for (const piece of [match[1], match[2], match[3]]) {
    if (piece === undefined) break;
    if (/^[x*]$/i.test(piece)) {
      wildcard = true;
      break;
    }
    parts.push(Number(piece));
  }
  if (match[4]) return { parts: [...parts, -1], wildcard: false };
  return { parts, wildcard };
}

function toVersion(parts: number[]): Version {
  return { major: parts[0] ?? 0, minor: parts[1] ?? 0, patch: parts[2] ?? 0 };
}

function prefixMatches(parts: number[], version: Version): boolean {
  const own = [version.major, version.minor, version.patch];
  return parts.every((part, index) => own[index] === part);
}

/** One comparator (`>=1.2`, `<1.0`, `^1.2`, `~1.2`, `1.x`, `1.4.0`); undefined when unreadable. */
function comparatorMatches(text: string, version: Version): boolean | undefined {
  // No `$`: the comparator holds no line break, and `\s*(.+)$` let two runs share its spaces.
  const match = /^(>=|<=|>|<|\^|~|=)?\s*(.+)/.exec(text.trim());
  if (!match) return undefined;
  const operator = match[1] ?? '';
  const target = partial(match[2]);
  if (!target) return undefined;
  if (target.parts[target.parts.length - 1] === -1) {
    // `1.4+`: this release and everything after it.
    return compareVersions(version, toVersion(target.parts.slice(0, -1))) >= 0;
  }
  const bound = toVersion(target.parts);
  const cmp = compareVersions(version, bound);
  switch (operator) {
    case '>=': return cmp >= 0;
    case '>': return cmp > 0 && !prefixMatches(target.parts, version);
    case '<': return cmp < 0;
    case '<=': return cmp <= 0 || prefixMatches(target.parts, version);
    case '^': return cmp >= 0 && (bound.major > 0 ? version.major === bound.major : version.major === 0 && version.minor === bound.minor);
    case '~': return cmp >= 0 && version.major === bound.major && version.minor === bound.minor;
    default: return prefixMatches(target.parts, version);
  }
}

/** Each `(…)` removed, up to the first `)` after it; a scan: `\(.*?\)` read to the end from every unclosed `(`. */
function withoutParentheses(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', at)) {
    const close = text.indexOf(')', open + 1);
    if (close === -1) break;
    out += text.slice(at, open);
    at = close + 1;
  }
  return out + text.slice(at);
}

/**
 * Whether a versions-table cell covers `version`: true, false, or undefined when the cell does not
 * read as versions at all (a heading row, prose).
 */
export function cellCovers(cell: string, version: Version): boolean | undefined {
  const text = withoutParentheses(cell.replace(/[`*_]/g, '')).replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (ALWAYS.test(text)) return true;
  const range = /^v?([\d.x*]+)\s*(?:-|–|to)\s*v?([\d.x*]+)$/i.exec(text);
  if (range) {
    const low = partial(range[1]);
    const high = partial(range[2]);
    if (!low || !high) return undefined;
    return compareVersions(version, toVersion(low.parts)) >= 0
      && (compareVersions(version, toVersion(high.parts)) <= 0 || prefixMatches(high.parts, version));
  }
  // Alternatives separated by `||` or commas; comparators separated by spaces must all hold.
  // ` ?`, not `\s*`: spaces are single here, and `\s*` split a run of them in n ways.
  const alternatives = text.split(/ ?(?:\|\||,|\bor\b) ?/i).filter(Boolean);
  let readable = false;
  for (const alternative of alternatives) {
    const comparators = alternative.replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1').split(/\s+/);
    const results = comparators.map((comparator) => comparatorMatches(comparator, version));
    if (results.some((result) => result === undefined)) continue;
    readable = true;
    if (results.every(Boolean)) return true;
  }
  return readable ? false : undefined;
}

/** Whether a "Supported" cell says yes (true), no (false) or something else (undefined). */
export function cellSaysSupported(cell: string): boolean | undefined {
  const text = cell.toLowerCase();
  if (/❌|✗|✘|⛔|🚫|:x:|:no_entry|:heavy_multiplication_x:|\bno\b|\bnot\b|unsupported|end[- ]of[- ]life|\beol\b|\bfalse\b|\bnone\b/.test(text)) return false;
  if (/✅|✔|✓|☑|:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:|\byes\b|\bsupported\b|\btrue\b|security fixes|critical fixes|\buntil\b/.test(text)) return true;
  return undefined;
}
