import type { Detection } from '../types';
import type { FileKind } from '../fileKind';
import type { SecretRule } from '../rules/secrets/rule';
import { isBenignValue, looksRandomEnough, repeatsName, shannonEntropy } from './values';
import { toEnvName } from './envName';
import { keywordLines, mergeLines, rulesRunningEverywhere, type Segment } from './keywordIndex';
import type { SegmentCache } from './segmentCache';
import { lineBreakFrom, nextLineStart } from '../text';

export interface SecretDetectOptions {
  kind: FileKind;
  /** Values the project has declared not secret (config `allowlist.values`). */
  allowedValues?: ReadonlySet<string>;
  /** Compiled `allowlist.patterns` (linear-time, see userPatterns.ts): a value matching one is not reported. */
  allowedPatterns?: readonly { test(value: string): boolean }[];
  /**
   * What the previous scan of this document found in each line segment, keyed on the segment's
   * text: a segment that did not change is not matched again (the editor re-scans on every edit).
   */
  cache?: SegmentCache;
  /** The rules' keyword lines, when a keyword pass over the text already found them. */
  lineStarts?: readonly (readonly number[])[];
}

/** A match that passed every gate, with offsets relative to the segment it was found in. */
export interface Candidate {
  start: number;
  end: number;
  value: string;
  envName: string;
}

const QUOTES = new Set(['"', "'", '`']);
const NO_CANDIDATES: readonly Candidate[] = [];

/**
 * Runs each rule whose keywords occur in the text, and only on the lines that hold a keyword
 * (unless the rule spans lines): most of a file is never seen by most patterns. Provider rules
 * come before generic ones, so when both match the same value the specific provider wins.
 */
export function detectSecrets(text: string, rules: readonly SecretRule[], options: SecretDetectOptions): Detection[] {
  const lineStarts = options.lineStarts ?? keywordLines(text, rules, options.kind === 'code');
  const everywhere = rulesRunningEverywhere(rules);
  const { cache } = options;
  let detections: Detection[] | undefined;
  let claimed: number[] | undefined;

  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index];
    let segments: Segment[];
    if (everywhere[index]) segments = [[0, text.length]];
    else if (lineStarts[index].length === 0) continue;
    else segments = rule.spansLines ? [[0, text.length]] : mergeLines(text, lineStarts[index]);

    for (const [segmentStart, segmentEnd] of segments) {
      const whole = segmentStart === 0 && segmentEnd === text.length;
      const segment = whole ? text : text.slice(segmentStart, segmentEnd);
      // Whole-text segments change with every edit: never worth remembering.
      const found = cache && !whole ? cache.get(index, segment, () => matchSegment(segment, rule, options)) : matchSegment(segment, rule, options);
      for (const candidate of found) {
        const start = candidate.start + segmentStart;
        const end = candidate.end + segmentStart;
        claimed ??= [];
        if (overlaps(claimed, start, end)) continue;
        claimed.push(start, end);
        (detections ??= []).push({
          ruleId: rule.id,
          start,
          end,
          message: '',
          secret: { value: candidate.value, start, end, envName: candidate.envName, ...literalAround(text, start, end) },
        });
      }
    }
  }
  cache?.endScan();
  return detections ? detections.sort((a, b) => a.start - b.start) : [];
}

function overlaps(claimed: readonly number[], start: number, end: number): boolean {
  for (let i = 0; i < claimed.length; i += 2) if (start < claimed[i + 1] && end > claimed[i]) return true;
  return false;
}

/**
 * Every match of the rule's patterns in one segment that passes the rule's gates, in pattern order.
 * A segment of a rule bound to lines can hold several lines (consecutive keyword lines are matched
 * together, which is cheaper); a match crossing a line break means it is matched again a line at a
 * time, so that what such a rule finds never depends on what the neighbouring lines hold.
 */
function matchSegment(segment: string, rule: SecretRule, options: SecretDetectOptions): readonly Candidate[] {
  const found = matchText(segment, rule, options);
  if (found !== CROSSES_LINES) return found;
  const inLines: Candidate[] = [];
  for (let start = 0; start <= segment.length;) {
    const end = lineBreakFrom(segment, start);
    const line = matchText(segment.slice(start, end), rule, options) as readonly Candidate[];
    for (const candidate of line) inLines.push({ ...candidate, start: candidate.start + start, end: candidate.end + start });
    if (end === segment.length) break;
    start = nextLineStart(segment, end);
  }
  return inLines;
}

const CROSSES_LINES = Symbol('a match crosses a line break');
// A lone `\r` ends a line too (text.ts): a match holding one crosses lines as surely as with `\n`.
const LINE_BREAK = /[\r\n]/;

function matchText(text: string, rule: SecretRule, options: SecretDetectOptions): readonly Candidate[] | typeof CROSSES_LINES {
  let found: Candidate[] | undefined;
  for (const pattern of rule.patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex += 1;
      if (!rule.spansLines && LINE_BREAK.test(match[0])) return CROSSES_LINES;
      const candidate = toCandidate(rule, match, options);
      if (candidate) (found ??= []).push(candidate);
    }
  }
  return found ?? NO_CANDIDATES;
}

function toCandidate(rule: SecretRule, match: RegExpExecArray, options: SecretDetectOptions): Candidate | undefined {
  const indices = match.indices!;
  const span = indices.groups?.secret ?? indices[0];
  const value = match.groups?.secret ?? match[0];

  // In code an unquoted value is a variable; a URL's query parameter is inside a string already.
  if (rule.generic && options.kind === 'code' && !match.groups?.q && match.groups?.query === undefined) return undefined;
  if (rule.generic && !looksRandomEnough(value, rule.minEntropy)) return undefined;
  if (rule.generic && match.groups?.name && repeatsName(match.groups.name, value)) return undefined;
  if (!rule.generic && rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) return undefined;
  if (!rule.skipPlaceholderCheck && isBenignValue(value)) return undefined;
  if (rule.validate && !rule.validate(value)) return undefined;
  if (options.allowedValues?.has(value)) return undefined;
  if (options.allowedPatterns?.some((pattern) => pattern.test(value))) return undefined;

  const name = match.groups?.name;
  const envName = rule.generic && name ? toEnvName(name) : rule.envName;
  return { start: span[0], end: span[1], value, envName };
}

/** The quoted string literal holding exactly this value, when there is one. */
function literalAround(text: string, start: number, end: number): { literalStart?: number; literalEnd?: number } {
  const open = text[start - 1];
  if (start > 0 && QUOTES.has(open) && text[end] === open) return { literalStart: start - 1, literalEnd: end + 1 };
  return {};
}
