import { posix } from 'node:path';
import { fingerprint } from '../baseline';
import { findSuppressions, judge } from '../suppressions';
import { LineIndex } from '../text';
import type { Finding, SuggestedFix } from '../types';
import { isPlaceholderHost } from './contact';
import { findLinks, findTables, headingText, maskBlocks, maskCode, sentenceAround, type MarkdownLink, type MarkdownTable } from './markdown';
import { lineAround, nextLineStart } from '../text';
import { endsWithLineBreak, eolOf } from '../fixes/text';
import { privateChannelOf } from './remote';
import { CREATE_POLICY_COMMAND, POLICY_RULES, type PolicyRule } from './rules';
import type { PolicyCheckFacts } from './types';
import { cellCovers, cellSaysSupported, formatVersion, parseVersion, type Version } from './versions';

// Checks an existing SECURITY.md for the defects that make a policy fail the people who need it.
// Pure: the caller passes the text, the project's facts and a file-existence test.

class Collector {
  private readonly found: { finding: Finding; start: number; value: string }[] = [];
  private readonly lines: LineIndex;

  constructor(private readonly text: string, private readonly file: string) {
    this.lines = new LineIndex(text);
  }

  add(rule: PolicyRule, start: number, end: number, detail: string, fixes?: SuggestedFix[], data?: Finding['data']): void {
    const line = this.lines.lineText(this.lines.positionAt(start).line).trim();
    const value = this.text.slice(start, end).replace(/\s+/g, ' ').trim();
    const finding: Finding = {
      ruleId: rule.id,
      category: rule.category,
      title: rule.title,
      cwe: rule.cwe,
      severity: rule.severity,
      message: `${detail} ${rule.help}`,
      range: this.lines.rangeOf(start, end),
      excerpt: line.length > 200 ? `${line.slice(0, 199)}…` : line,
      fingerprint: fingerprint(rule.id, value, this.file),
      fixes: fixes?.length ? fixes : undefined,
      data,
    };
    this.found.push({ finding, start, value });
  }

  /**
   * The findings, each with a fingerprint of its own. Findings of one rule on the same text (two
   * `[your email]` fill-ins) would share `fingerprint(rule, text, file)`, and accepting one in the
   * baseline would accept the other: from the second on, each is told apart by the heading of its
   * section and its rank under it (no line number, so edits elsewhere keep it). The first keeps
   * the plain fingerprint, which baselines written before this hold.
   */
  findings(): Finding[] {
    const plainTaken = new Set<string>();
    const ranks = new Map<string, number>();
    for (const { finding, start, value } of [...this.found].sort((x, y) => x.start - y.start)) {
      if (!plainTaken.has(finding.fingerprint)) {
        plainTaken.add(finding.fingerprint);
        continue;
      }
      const heading = this.headingAbove(start);
      const alike = `${finding.fingerprint}\0${heading}`;
      const rank = ranks.get(alike) ?? 0;
      ranks.set(alike, rank + 1);
      finding.fingerprint = fingerprint(finding.ruleId, `${value}\0${heading}\0${rank}`, this.file);
      plainTaken.add(finding.fingerprint);
    }
    return this.found.map(({ finding }) => finding);
  }

  /** The nearest Markdown heading line above `offset`, squeezed ('' when there is none). */
  private headingAbove(offset: number): string {
    for (let line = this.lines.positionAt(offset).line; line >= 0; line -= 1) {
      const text = this.lines.lineText(line);
      if (headingText(text) !== undefined) return text.replace(/\s+/g, ' ').trim();
    }
    return '';
  }
}

// Template leftovers: markers of GitHub's SECURITY.md template (instructions addressed to the
// author, and its sample version rows), kept as patterns that survive light rewording.
const TEMPLATE_INSTRUCTIONS: { pattern: RegExp; what: string }[] = [
  { pattern: /\bwhich\s+versions?\s+of\s+your\s+(?:project|software|library|package|code)\b/gi, what: 'an instruction to list which versions get security updates' },
  { pattern: /\b(?:tell|inform|let)\s+(?:people|users|readers|them|your users)\b[^.\n]{0,40}?\bwhich\s+versions?\b[^.\n]{0,80}?\bsupported\b/gi, what: 'an instruction to list which versions get security updates' },
  { pattern: /\buse\s+this\s+section\s+to\b/gi, what: 'a template instruction ("use this section to ...")' },
  { pattern: /\btell\s+(?:people|them|users)\s+(?:how|where)\s+to\b/gi, what: 'a template instruction on how to report' },
  { pattern: /\bwhat\s+to\s+expect\s+if\s+the\s+vulnerability\s+is\s+(?:accepted|declined)\b/gi, what: 'a template instruction on what reporters can expect' },
];
// `[ \t]*`, not `\s*`: a row is one line, and `^\s*` re-read a run of blank lines from each of them.
const TEMPLATE_ROWS = [/^[ \t]*\|[ \t]*5\.1\.x[ \t]*\|/m, /^[ \t]*\|[ \t]*5\.0\.x[ \t]*\|/m, /^[ \t]*\|[ \t]*4\.0\.x[ \t]*\|/m, /^[ \t]*\|[ \t]*<[ \t]*4\.0[ \t]*\|/m];
const FILL_INS: RegExp[] = [
  /\[(?:insert|add|enter|replace|your)\b[^\]\n]{0,60}\](?!\()/gi,
  /<(?:insert|enter|replace|your)[ _-][^>\n]{0,60}>/gi,
  // One class between the braces, bounded: `\{\{\s*[\w .-]{1,40}\s*\}\}` let three runs share the
  // spaces after a `{{` (cubic on `{{` and a long run of spaces).
  /\{\{[\s\w.-]{1,80}\}\}/g,
  /\b(?:TODO|TBD|FIXME|XXX)\b/g,
  /\blorem ipsum\b/gi,
];

function removeSentenceFix(text: string, start: number, end: number): SuggestedFix {
  const sentence = sentenceAround(text, start, end);
  const line = lineAround(text, start);
  const rest = text.slice(line.start, sentence.start) + text.slice(sentence.end, line.end);
  const edit = rest.trim() === '' ? { start: line.start, end: line.next, newText: '' } : { start: sentence.start, end: sentence.end, newText: '' };
  return { title: 'Remove the template instruction', edits: [edit], preferred: true };
}

function checkTemplate(text: string, masked: string, out: Collector): void {
  const seen = new Set<number>();
  for (const { pattern, what } of TEMPLATE_INSTRUCTIONS) {
    for (const match of masked.matchAll(pattern)) {
      const sentence = sentenceAround(masked, match.index, match.index + match[0].length);
      if (seen.has(sentence.start)) continue;
      seen.add(sentence.start);
      out.add(POLICY_RULES.templateLeftover, sentence.start, sentence.end, `This is ${what} from GitHub's SECURITY.md template, not policy text.`, [removeSentenceFix(text, match.index, match.index + match[0].length)]);
    }
  }
  if (TEMPLATE_ROWS.every((row) => row.test(masked))) {
    const first = TEMPLATE_ROWS[0].exec(masked)!;
    const last = TEMPLATE_ROWS[3].exec(masked)!;
    out.add(POLICY_RULES.templateLeftover, first.index, lineAround(masked, last.index + last[0].length - 1).end,
      'These version rows (5.1.x, 5.0.x, 4.0.x, < 4.0) are the sample rows of GitHub\'s template, not this project\'s releases.');
  }
  for (const pattern of FILL_INS) {
    for (const match of masked.matchAll(pattern)) {
      out.add(POLICY_RULES.templateLeftover, match.index, match.index + match[0].length, `"${match[0]}" is a fill-in that was never filled.`);
    }
  }
}

// Starts only where a run of local-part characters starts: from every character of a long run
// (`aaaa…`, `....`) the search read to its end looking for the `@` (quadratic). The leftmost match
// is the same: every start inside a run reaches the same `@`.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;
/** Non-global twin for `test` (a global regex keeps `lastIndex`, which `matchAll` copies). */
const EMAIL_ONCE = new RegExp(EMAIL.source);
const URL_HOST = /\bhttps?:\/\/(?:[^\s/@)>\]]+@)?([A-Za-z0-9.-]+)/gi;

function linkHolding(links: MarkdownLink[], offset: number): MarkdownLink | undefined {
  return links.find((link) => link.kind !== 'html' && link.start <= offset && offset < link.end);
}

function checkPlaceholders(text: string, links: MarkdownLink[], facts: PolicyCheckFacts, out: Collector): void {
  const channel = privateChannelOf(facts.repository);
  const reported = new Set<number>();
  const spans: { start: number; end: number; value: string }[] = [];
  // Code blocks and comments hold examples, not the contact; an inline `address` may still be it.
  const prose = maskBlocks(text);
  for (const match of prose.matchAll(EMAIL)) if (isPlaceholderHost(match[1])) spans.push({ start: match.index, end: match.index + match[0].length, value: match[0] });
  for (const match of prose.matchAll(URL_HOST)) if (isPlaceholderHost(match[1])) spans.push({ start: match.index, end: match.index + match[0].length, value: match[0] });
  spans.sort((a, b) => a.start - b.start);
  for (const span of spans) {
    const link = linkHolding(links, span.start);
    const start = link?.kind === 'inline' || link?.kind === 'autolink' ? link.start : span.start;
    const end = link?.kind === 'inline' || link?.kind === 'autolink' ? link.end : span.end;
    if (reported.has(start)) continue;
    reported.add(start);
    const fixes: SuggestedFix[] = channel
      ? [{ title: `Use ${channel.label} instead`, edits: [{ start, end, newText: `[${channel.label}](${channel.url})` }], preferred: true }]
      : [];
    const host = span.value.includes('@') && !span.value.includes('//') ? span.value.slice(span.value.indexOf('@') + 1) : span.value.replace(/^https?:\/\/(?:[^@]*@)?/i, '');
    out.add(POLICY_RULES.placeholderContact, start, end, `${span.value} is on ${host.toLowerCase()}, a domain reserved for examples or a fill-in name, so nobody receives what is sent there.`, fixes);
  }
}

function checkAdvisoryLinks(text: string, facts: PolicyCheckFacts, out: Collector): void {
  const repository = facts.repository;
  if (repository?.provider !== 'github') return;
  // The host is one run, checked for `github` below: `[…]*github[…]*` tried every `github` in a
  // long host with a second run to its end each time (quadratic).
  const pattern = /\bhttps?:\/\/([A-Za-z0-9.-]+)\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/security\/advisories\b/gi;
  for (const match of text.matchAll(pattern)) {
    if (!/github/i.test(match[1])) continue;
    const linked = `${match[2]}/${match[3].replace(/\.git$/i, '')}`;
    if (match[1].toLowerCase() === repository.host && linked.toLowerCase() === repository.path.toLowerCase()) continue;
    const prefixEnd = match.index + match[0].length - '/security/advisories'.length;
    out.add(POLICY_RULES.advisoryLinkMismatch, match.index, match.index + match[0].length,
      `This advisory link goes to ${linked}, but this repository's remote is ${repository.path}.`,
      [{ title: `Link ${repository.path}'s advisory form`, edits: [{ start: match.index, end: prefixEnd, newText: repository.webUrl }], preferred: true }]);
  }
}

const PUBLIC_ISSUE_URL = /\/(?:-\/)?issues(?:\/new)?(?:[/?#]|$)/i;
const PRIVATE_URL = /\/security\/advisories|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com)|immunefi\.com|security\.txt|confidential|\/security(?:\.html?)?\/?(?:[?#]|$)|vulnerab|disclos|bug-?bounty/i;
const PRIVATE_WORDS = /private vulnerability reporting|\bsecurity tab\b|\bconfidential (?:gitlab )?issues?\b|\bsecurity advisory form\b/i;
const PUBLIC_ASK = /\b(?:open|file|create|submit|raise|post|log|use)\b[^.\n]{0,30}?\b(?:issues?|tickets?|bug reports?|issue tracker|bug tracker)\b|\b(?:issue|bug) tracker\b|\breport\b[^.\n]{0,40}?\b(?:in|on|via|through|as)\s+(?:an?\s+|the\s+|our\s+)?(?:public\s+|github\s+|gitlab\s+)?(?:issues?|tickets?)\b/gi;
const NOT_PUBLIC = /\b(?:not|never|don't|do not|avoid|instead of|rather than|without|except|non-security|other than|unrelated)\b|\bconfidential\b|\bprivate(?:ly)?\b/i;

function hasPrivateChannel(text: string, masked: string, links: MarkdownLink[]): boolean {
  if (EMAIL_ONCE.test(text)) return true;
  if (PRIVATE_WORDS.test(masked)) return true;
  const urls = [...text.matchAll(/\bhttps?:\/\/[^\s)>\]"']+/gi)].map((match) => match[0]).concat(links.map((link) => link.target));
  return urls.some((url) => /^https?:/i.test(url) && PRIVATE_URL.test(url) && !(PUBLIC_ISSUE_URL.test(url) && !/confidential/i.test(url)));
}

function publicAsks(masked: string, links: MarkdownLink[]): { start: number; end: number }[] {
  const asks: { start: number; end: number }[] = [];
  for (const match of masked.matchAll(PUBLIC_ASK)) asks.push({ start: match.index, end: match.index + match[0].length });
  for (const link of links) {
    if (/^https?:/i.test(link.target) && PUBLIC_ISSUE_URL.test(link.target) && !/confidential/i.test(link.target)) asks.push({ start: link.start, end: link.end });
  }
  return asks
    .filter((ask) => {
      const sentence = sentenceAround(masked, ask.start, ask.end);
      return !NOT_PUBLIC.test(masked.slice(sentence.start, sentence.end));
    })
    .sort((a, b) => a.start - b.start);
}

function checkChannels(text: string, masked: string, links: MarkdownLink[], facts: PolicyCheckFacts, out: Collector): void {
  if (hasPrivateChannel(text, masked, links)) return;
  const channel = privateChannelOf(facts.repository);
  const asks = publicAsks(masked, links);
  if (asks.length > 0) {
    const first = asks[0];
    const line = lineAround(text, first.end);
    // In the file's own line ending (a lone \r too), as every fix writes.
    const eol = eolOf(text);
    const fixes: SuggestedFix[] = channel
      ? [{ title: `Add ${channel.label} as the private channel`, preferred: true, edits: [{ start: line.next, end: line.next, newText: `${line.next === text.length && !endsWithLineBreak(text) ? eol : ''}${eol}Security problems must not go to public issues: report them privately through [${channel.label}](${channel.url}).${eol}${eol}` }] }]
      : [];
    out.add(POLICY_RULES.publicIssuesOnly, first.start, first.end, 'The policy sends reporters to public issues and offers no private channel.', fixes);
    return;
  }
  const heading = /^ {0,3}#{1,6}[ \t]+\S[^\r\n]*/m.exec(masked);
  const start = heading?.index ?? 0;
  const end = heading ? start + heading[0].replace(/\r$/, '').length : lineAround(text, 0).end;
  const eol = eolOf(text);
  const separator = text.length === 0 || text.endsWith(eol + eol) ? '' : endsWithLineBreak(text) ? eol : eol + eol;
  const fixes: SuggestedFix[] = channel
    ? [{ title: `Add a "Reporting a vulnerability" section using ${channel.label}`, preferred: true, edits: [{ start: text.length, end: text.length, newText: `${separator}## Reporting a vulnerability${eol}${eol}Report security problems privately through [${channel.label}](${channel.url}), not in public issues.${eol}` }] }]
    : [];
  out.add(POLICY_RULES.noReportingChannel, start, end, 'The policy names no e-mail address, private reporting link or bug-bounty platform.', fixes);
}

function versionColumns(table: MarkdownTable): { version: number; support: number } | undefined {
  const cells = table.header.cells.map((cell) => cell.toLowerCase());
  let version = cells.findIndex((cell) => /version|release|branch/.test(cell));
  if (version === -1) {
    if (!/version|release/i.test(table.heading)) return undefined;
    version = 0;
  }
  let support = cells.findIndex((cell, index) => index !== version && /support|status|maintain|security|fix|patch/.test(cell));
  if (support === -1) support = version + 1;
  return { version, support };
}

function seriesLabel(version: Version): string {
  return version.major >= 1 ? `${version.major}.x` : `0.${version.minor}.x`;
}

function checkVersions(text: string, masked: string, facts: PolicyCheckFacts, out: Collector): void {
  const current = parseVersion(facts.version);
  if (!current) return;
  let firstReadable: { table: MarkdownTable; columns: { version: number; support: number }; denied: boolean } | undefined;
  for (const table of findTables(masked)) {
    const columns = versionColumns(table);
    if (!columns) continue;
    let readable = false;
    let denied = false;
    for (const row of table.rows) {
      const covers = cellCovers(row.cells[columns.version] ?? '', current);
      if (covers === undefined) continue;
      readable = true;
      if (!covers) continue;
      if (cellSaysSupported(row.cells[columns.support] ?? '') !== false) return;
      denied = true;
    }
    if (readable && !firstReadable) firstReadable = { table, columns, denied };
  }
  if (!firstReadable) return;
  const { table, columns, denied } = firstReadable;
  const label = seriesLabel(current);
  const yes = table.rows.map((row) => row.cells[columns.support] ?? '').find((cell) => cellSaysSupported(cell) === true) ?? 'Yes';
  const cells = table.header.cells.map((_, index) => (index === columns.version ? label : index === columns.support ? yes : ''));
  const eol = text.slice(table.header.end, nextLineStart(text, table.header.end)) || eolOf(text);
  const fixes: SuggestedFix[] = denied ? [] : [{
    title: `Add ${label} as a supported version`,
    preferred: true,
    edits: [{ start: table.bodyStart, end: table.bodyStart, newText: `| ${cells.join(' | ')} |${eol}` }],
  }];
  const detail = denied
    ? `The versions table marks ${formatVersion(current)}, the current release, as unsupported.`
    : `The versions table does not cover ${formatVersion(current)}, the current release.`;
  out.add(POLICY_RULES.unsupportedCurrentVersion, table.start, table.end, detail, fixes, { currentVersion: formatVersion(current) });
}

function resolveRelative(policyPath: string, target: string): string | undefined {
  // Cut at the query or fragment (a link target holds no line break); `[?#].*$` read the rest from each `?`/`#`.
  const query = target.search(/[?#]/);
  let clean = query === -1 ? target : target.slice(0, query);
  if (!clean) return undefined;
  try {
    clean = decodeURI(clean);
  } catch {
    return undefined;
  }
  const resolved = clean.startsWith('/') ? posix.normalize(clean.slice(1)) : posix.normalize(posix.join(posix.dirname(policyPath), clean));
  // Links that climb out of the repository lead to the host's own pages (../../security/...).
  if (resolved === '..' || resolved.startsWith('../')) return undefined;
  return resolved.replace(/\/$/, '') || '.';
}

function checkLinks(text: string, links: MarkdownLink[], facts: PolicyCheckFacts, out: Collector): void {
  const exists = facts.fileExists;
  if (!exists) return;
  for (const link of links) {
    const target = link.target.trim();
    if (!target || target.startsWith('#') || target.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const resolved = resolveRelative(facts.policyPath, target);
    if (!resolved || exists(resolved)) continue;
    const fixes: SuggestedFix[] = link.kind === 'inline' && !text.slice(link.start, link.start + 1).startsWith('!')
      ? [{ title: 'Remove the link, keep its text', edits: [{ start: link.start, end: link.end, newText: link.text }] }]
      : [];
    out.add(POLICY_RULES.deadLink, link.targetStart, link.targetStart + link.target.length, `"${target}" points at ${resolved}, which does not exist in this project.`, fixes);
  }
}

/** The problems in a security policy's text, given the project's facts. */
export function checkPolicy(text: string, facts: PolicyCheckFacts): Finding[] {
  const out = new Collector(text, facts.policyPath);
  const masked = maskCode(text);
  const links = findLinks(masked);
  checkTemplate(text, masked, out);
  checkPlaceholders(text, links, facts, out);
  checkAdvisoryLinks(text, facts, out);
  checkChannels(text, masked, links, facts, out);
  checkVersions(text, masked, facts, out);
  checkLinks(text, links, facts, out);
  // The usual suppression comments work here too: <!-- secure-hygiene-ignore policy/dead-link -- reason -->
  const suppressions = findSuppressions(text, new LineIndex(text));
  const today = facts.today ?? new Date().toISOString().slice(0, 10);
  const kept: Finding[] = [];
  for (const finding of out.findings()) {
    const verdict = judge(suppressions, finding.ruleId, finding.category, finding.range.start.line, today);
    if (verdict.kind === 'suppressed') continue;
    if (verdict.kind === 'expired') {
      finding.expiredSuppression = `the suppression on line ${verdict.by.line + 1} expired on ${verdict.by.until}`;
      finding.message += ` (The ${verdict.by.marker} comment on line ${verdict.by.line + 1} expired on ${verdict.by.until}.)`;
    }
    kept.push(finding);
  }
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The hint shown on a manifest when the project has no policy: one Information finding on the
 * line that names the project (else the first line). The fix is the scaffold command, which the
 * server attaches as a code action (`data.command`).
 */
export function missingPolicyFinding(manifestText: string, manifestPath: string): Finding {
  const rule = POLICY_RULES.missing;
  const out = new Collector(manifestText, manifestPath);
  const named = /^[ \t]*(?:"name"\s*:|name\s*=|module\s|<artifactId>|<PackageId>|<AssemblyName>|[\w.]+\.name\s*=)/m.exec(manifestText);
  const firstContent = /\S[^\r\n]*/.exec(manifestText);
  let start = 0;
  let end = 0;
  if (named) {
    const line = lineAround(manifestText, named.index);
    start = line.start + (manifestText.slice(line.start, line.end).length - manifestText.slice(line.start, line.end).trimStart().length);
    end = line.end;
  } else if (firstContent) {
    start = firstContent.index;
    end = firstContent.index + firstContent[0].length;
  }
  out.add(rule, start, end, 'This project has no SECURITY.md (looked in the root, .github/ and docs/), so people who find a vulnerability do not know how to report it privately.', undefined, { command: CREATE_POLICY_COMMAND });
  return out.findings()[0];
}
