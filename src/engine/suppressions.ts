import type { Category } from './types';
import type { LineIndex } from './text';

// One grammar for every category, written in the file's own comment syntax:
//   secure-hygiene-ignore <rule-id>[,<rule-id>...] [until YYYY-MM-DD] -- reason
//   secure-hygiene-ignore-next-line ...   (the line below; for .env and .properties values)
//   secure-hygiene-ignore-file ...        (the whole file)
// plus the markers of peer tools, so that a team can switch without rewriting its code.

export interface Suppression {
  /** Rule ids, `category/*`, or `*` for every rule. */
  rules: string[];
  until?: string;
  reason?: string;
  /** Zero-based line the comment is on. */
  line: number;
  marker: string;
}

export interface SuppressionIndex {
  file: Suppression[];
  /** Keyed by the line each suppression applies to. */
  byLine: Map<number, Suppression[]>;
}

export const IGNORE_MARKER = 'secure-hygiene-ignore';

// Linear (issue 13): a comma with spaces around it is read one way only (a plain `,` belongs to the
// rule list's run), the reason runs to the end of the line (the comment's closer is cut from it in
// code), and the spaces before a closer are tried once. The earlier form split a list of rules, a
// reason and a run of spaces in n ways each (quadratic on a long marker line). Anchored: it reads
// the line from its first marker on, and unanchored a rule list could run from every later marker
// to the end of the line (`secure-hygiene-ignore ,secure-hygiene-ignore ,…`).
const OWN = /^secure-hygiene-ignore(?<form>-next-line|-file)?(?:[ \t]+(?<rules>[\w*/.,-]+(?:(?:[ \t]+,[ \t]*|,[ \t]+)[\w*/.-]+(?:,[\w*/.-]+)*)*))?(?:[ \t]+until[ \t]+(?<until>\d{4}-\d{2}-\d{2}))?(?:[ \t]+--(?<reason>.*)|(?:[ \t]*(?:\*\/|-->|#>))?[ \t]*$)/;

// A reason without the comment's closer after it (`*/`, `-->`, `#>`) and the spaces around.
function reasonText(raw: string | undefined): string | undefined {
  let reason = raw?.trim() ?? '';
  for (const closer of ['*/', '-->', '#>']) {
    if (reason.endsWith(closer)) {
      reason = reason.slice(0, -closer.length).trim();
      break;
    }
  }
  return reason || undefined;
}

interface PeerMarker {
  pattern: RegExp;
  rules: string[];
  nextLine: boolean;
}

const PEER_MARKERS: PeerMarker[] = [
  { pattern: /gitleaks:allow/, rules: ['secret/*'], nextLine: false },
  { pattern: /pragma:\s*allowlist\s+nextline\s+secret/, rules: ['secret/*'], nextLine: true },
  { pattern: /pragma:\s*allowlist\s+secret/, rules: ['secret/*'], nextLine: false },
  { pattern: /trufflehog:ignore/, rules: ['secret/*'], nextLine: false },
  { pattern: /secretlint-disable-next-line/, rules: ['secret/*'], nextLine: true },
  { pattern: /secretlint-disable-line/, rules: ['secret/*'], nextLine: false },
  { pattern: /nosemgrep/, rules: ['*'], nextLine: false },
];

const CHEAP_CHECK = /secure-hygiene-ignore|gitleaks:allow|pragma:\s*allowlist|trufflehog:ignore|secretlint-disable|nosemgrep/g;
const ANY_MARKER = new RegExp(CHEAP_CHECK.source);

/** Whether a line's text holds something findSuppressions would read (a marker of ours or a peer's). */
export function mayHoldSuppression(lineText: string): boolean {
  return ANY_MARKER.test(lineText);
}

export function findSuppressions(text: string, lines: LineIndex): SuppressionIndex {
  const index: SuppressionIndex = { file: [], byLine: new Map() };
  const add = (target: number, suppression: Suppression) => {
    const list = index.byLine.get(target) ?? [];
    list.push(suppression);
    index.byLine.set(target, list);
  };
  const seenLines = new Set<number>();
  for (const hit of text.matchAll(CHEAP_CHECK)) {
    const line = lines.positionAt(hit.index ?? 0).line;
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    const lineText = lines.lineText(line);

    const own = OWN.exec(lineText.slice(lineText.indexOf(IGNORE_MARKER)));
    if (lineText.includes(IGNORE_MARKER) && own?.groups) {
      const { form, rules, until, reason } = own.groups;
      const suppression: Suppression = {
        rules: rules ? rules.split(',').map((rule) => rule.trim()).filter(Boolean) : ['*'],
        until,
        reason: reasonText(reason),
        line,
        marker: IGNORE_MARKER + (form ?? ''),
      };
      if (form === '-file') index.file.push(suppression);
      else add(form === '-next-line' ? line + 1 : line, suppression);
      continue;
    }
    for (const peer of PEER_MARKERS) {
      const found = peer.pattern.exec(lineText);
      if (!found) continue;
      add(peer.nextLine ? line + 1 : line, { rules: peer.rules, line, marker: found[0] });
      break;
    }
  }
  return index;
}

export function suppressionCovers(suppression: Suppression, ruleId: string, category: Category): boolean {
  return suppression.rules.some((rule) => rule === '*' || rule === 'all' || rule === ruleId || rule === `${category}/*`);
}

export type SuppressionVerdict =
  | { kind: 'none' }
  | { kind: 'suppressed'; by: Suppression }
  | { kind: 'expired'; by: Suppression };

/** `today` is YYYY-MM-DD; a suppression is good through its `until` day. */
export function judge(index: SuppressionIndex, ruleId: string, category: Category, line: number, today: string): SuppressionVerdict {
  const candidates = [...(index.byLine.get(line) ?? []), ...index.file].filter((s) => suppressionCovers(s, ruleId, category));
  const active = candidates.find((s) => !s.until || s.until >= today);
  if (active) return { kind: 'suppressed', by: active };
  const expired = candidates.find((s) => s.until && s.until < today);
  return expired ? { kind: 'expired', by: expired } : { kind: 'none' };
}

/**
 * The verdict over several lines: the finding's own line first, then the lines of what it names
 * (a tls finding sits on the construct, `tls.Config{`, and its setting, `InsecureSkipVerify: true`,
 * is a related location: a comment on either line speaks for it). Suppressed on any line wins;
 * otherwise an expired suppression on any of them is reported.
 */
export function judgeLines(index: SuppressionIndex, ruleId: string, category: Category, lines: readonly number[], today: string): SuppressionVerdict {
  let expired: SuppressionVerdict = { kind: 'none' };
  for (const line of new Set(lines)) {
    const verdict = judge(index, ruleId, category, line, today);
    if (verdict.kind === 'suppressed') return verdict;
    if (verdict.kind === 'expired' && expired.kind === 'none') expired = verdict;
  }
  return expired;
}
