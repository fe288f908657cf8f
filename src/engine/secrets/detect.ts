import type { Detection } from '../types';
import type { FileKind } from '../fileKind';
import type { SecretRule } from '../rules/secrets/rule';
import { isBenignValue, looksRandomEnough, shannonEntropy } from './values';
import { toEnvName } from './envName';
import { keywordSegments, type Segment } from './keywordIndex';

export interface SecretDetectOptions {
  kind: FileKind;
  /** Values the project has declared not secret (config `allowlist.values`). */
  allowedValues?: ReadonlySet<string>;
  /** Compiled `allowlist.patterns`: a value matching one is not reported. */
  allowedPatterns?: readonly RegExp[];
}

const QUOTES = new Set(['"', "'", '`']);

/**
 * Runs each rule whose keywords occur in the text, and only on the lines that hold a keyword
 * (unless the rule spans lines): most of a file is never seen by most patterns. Provider rules
 * come before generic ones, so when both match the same value the specific provider wins.
 */
export function detectSecrets(text: string, rules: readonly SecretRule[], options: SecretDetectOptions): Detection[] {
  const lower = text.toLowerCase();
  const detections: Detection[] = [];
  const claimed: [number, number][] = [];
  const overlapsClaimed = (start: number, end: number) => claimed.some(([s, e]) => start < e && end > s);

  const lineSegments = keywordSegments(lower, rules);
  rules.forEach((rule, index) => {
    const lines = lineSegments[index];
    const segments: Segment[] = rule.spansLines && lines.length > 0 ? [[0, text.length]] : lines;
    for (const [segmentStart, segmentEnd] of segments) {
      const segment = segmentStart === 0 && segmentEnd === text.length ? text : text.slice(segmentStart, segmentEnd);
      for (const pattern of rule.patterns) {
        pattern.lastIndex = 0;
        for (let match = pattern.exec(segment); match; match = pattern.exec(segment)) {
          if (match[0].length === 0) pattern.lastIndex += 1;
          const candidate = toDetection(text, rule, match, segmentStart, options);
          if (!candidate || overlapsClaimed(candidate.start, candidate.end)) continue;
          claimed.push([candidate.start, candidate.end]);
          detections.push(candidate);
        }
      }
    }
  });
  return detections.sort((a, b) => a.start - b.start);
}

function toDetection(text: string, rule: SecretRule, match: RegExpExecArray, offset: number, options: SecretDetectOptions): Detection | undefined {
  const indices = match.indices!;
  const span = indices.groups?.secret ?? indices[0];
  const value = match.groups?.secret ?? match[0];
  const start = span[0] + offset;
  const end = span[1] + offset;

  if (rule.generic && options.kind === 'code' && !match.groups?.q) return undefined;
  if (rule.generic && !looksRandomEnough(value, rule.minEntropy)) return undefined;
  if (!rule.generic && rule.minEntropy !== undefined && shannonEntropy(value) < rule.minEntropy) return undefined;
  if (!rule.skipPlaceholderCheck && isBenignValue(value)) return undefined;
  if (rule.validate && !rule.validate(value)) return undefined;
  if (options.allowedValues?.has(value)) return undefined;
  if (options.allowedPatterns?.some((pattern) => pattern.test(value))) return undefined;

  const name = match.groups?.name;
  const envName = rule.generic && name ? toEnvName(name) : rule.envName;
  const literal = literalAround(text, start, end);
  return {
    ruleId: rule.id,
    start,
    end,
    message: '',
    secret: { value, start, end, envName, ...literal },
  };
}

/** The quoted string literal holding exactly this value, when there is one. */
function literalAround(text: string, start: number, end: number): { literalStart?: number; literalEnd?: number } {
  const open = text[start - 1];
  if (start > 0 && QUOTES.has(open) && text[end] === open) return { literalStart: start - 1, literalEnd: end + 1 };
  return {};
}
