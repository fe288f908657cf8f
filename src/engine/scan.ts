import { Minimatch, minimatch } from 'minimatch';
import type { Config } from './config';
import { defaultConfig, ruleSetting } from './config';
import type { Detection, FileInfo, Finding, RuleMeta, Severity } from './types';
import type { DetectorInput } from './detectors/detector';
import { allLiteralKeywordLists, allRules, detectors } from './detectors';
import { ONE_SHOT_STATE, secretRulesFor, valuesAllowlistedIn } from './detectors/secrets';
import { keywordPass, type KeywordPass } from './detectors/keywordPass';
import { envFileCommitted, envFileNotIgnored } from './rules/secrets/gitRules';
import { isEnvTemplate, kindOf, languageOf } from './fileKind';
import { LineIndex, changedStretch, lineBreakFrom, type ChangedStretch } from './text';
import { findSuppressions, mayHoldSuppression, type SuppressionIndex, judgeLines } from './suppressions';
import { detectionFingerprints } from './baseline';
import { maskSecret, masker } from './mask';
import type { SecretRule } from './rules/secrets/rule';
import { credentialStoreMessage, credentialStoreOf } from './credentialStores';
import { keyStoreTextFindings } from './keyStoreScan';
import { looksBinary } from './fileKind';
import { commitStateOf, secretMessage } from './commitState';

export interface ScanOptions {
  /** Decides whether a dated suppression has expired. Defaults to now. */
  now?: Date;
  /** Per-document state kept by the caller between scans (see DetectorInput.state). */
  state?: Map<string, unknown>;
  /** Fingerprints the project accepted (the baseline file). */
  baseline?: ReadonlySet<string>;
  /** Called when one detector throws, so that the others' findings still come through. */
  onDetectorError?: (detector: string, error: unknown) => void;
}

const rulesByConfig = new WeakMap<Config, Map<string, RuleMeta>>();

function ruleIndex(config: Config): Map<string, RuleMeta> {
  let index = rulesByConfig.get(config);
  if (!index) {
    index = new Map(allRules(config).map((rule) => [rule.id, rule]));
    rulesByConfig.set(config, index);
  }
  return index;
}

/** Exclude globs compiled once per list (the walk asks for every file and folder; `minimatch()` compiles the glob on every call). */
const compiledExcludes = new WeakMap<readonly string[], { count: number; matchers: Minimatch[] }>();

export function isExcluded(path: string, config: Config): boolean {
  let compiled = compiledExcludes.get(config.exclude);
  // A list still being built (config layers push onto it) is compiled again.
  if (!compiled || compiled.count !== config.exclude.length) {
    compiled = { count: config.exclude.length, matchers: config.exclude.map((glob) => new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') })) };
    compiledExcludes.set(config.exclude, compiled);
  }
  return compiled.matchers.some((matcher) => matcher.match(path));
}

function isCommitted(file: FileInfo): boolean {
  return file.gitState === 'tracked' || file.gitState === 'staged';
}

/**
 * Text in, findings out. Runs every detector that wants the file, then applies what the project
 * said: rule settings, allowlisted paths, suppression comments, the baseline, and git's facts.
 */
export async function scan(text: string, file: FileInfo, config: Config = defaultConfig(), options: ScanOptions = {}): Promise<Finding[]> {
  // A key store the editor opened as text: the file itself is the finding, its bytes are not text
  // (the name first: it is cheaper than looking for a NUL).
  if (credentialStoreOf(file.path)?.kind === 'key store' && looksBinary(text)) return keyStoreTextFindings(text, file, config, options.baseline);
  const kind = kindOf(file.path, text, file.languageId);
  if (kind === 'skip') return [];
  const language = languageOf(file.path, file.languageId);
  let pass: KeywordPass | undefined;
  const input: DetectorInput = {
    text,
    file,
    kind,
    config,
    language,
    state: options.state ?? new Map([[ONE_SHOT_STATE, true]]),
    // Asked for inside each detector's own try: should it throw, the detectors fail one by one.
    keywords: () => (pass ??= keywordPass(text, secretRulesFor(config), allLiteralKeywordLists(), kind === 'code', options.state)),
  };

  const detections: Detection[] = [];
  for (const detector of detectors) {
    try {
      if (detector.wants(input)) detections.push(...(await detector.detect(input)));
    } catch (error) {
      options.onDetectorError?.(detector.name, error);
    }
  }
  return toFindings(text, file, config, options, detections, kind === 'env');
}

const LINES_KEY = 'scan.lines';

/**
 * The line index and the suppression comments of `text`, from those of the document's last scan
 * when the caller keeps its state (the editor): the line index is updated around the edit
 * (LineIndex.edited), and the suppressions are the same while the edit neither adds nor removes
 * a line nor touches a line that holds a marker.
 */
function linesAndSuppressions(text: string, state: Map<string, unknown> | undefined): { lines: LineIndex; suppressions: SuppressionIndex } {
  const kept = state?.get(ONE_SHOT_STATE) === true ? undefined : (state?.get(LINES_KEY) as { lines: LineIndex; suppressions: SuppressionIndex } | undefined);
  const change = kept && changedStretch(kept.lines.text, text);
  const lines = kept ? LineIndex.edited(kept.lines, text, change) : new LineIndex(text);
  const suppressions = kept && change && sameSuppressions(kept.lines, lines, change) ? kept.suppressions : findSuppressions(text, lines);
  if (state && state.get(ONE_SHOT_STATE) !== true) state.set(LINES_KEY, { lines, suppressions });
  return { lines, suppressions };
}

/** True when the edit from `before` to `after` kept every line and touched no line holding a suppression marker. */
function sameSuppressions(before: LineIndex, after: LineIndex, change: ChangedStretch): boolean {
  if (before === after) return true;
  if (before.lineCount !== after.lineCount) return false;
  const first = after.positionAt(change.start).line;
  const last = after.positionAt(change.newEnd).line;
  for (let line = first; line <= last; line += 1) {
    if (mayHoldSuppression(before.lineText(line)) || mayHoldSuppression(after.lineText(line))) return false;
  }
  return true;
}

function toFindings(text: string, file: FileInfo, config: Config, options: ScanOptions, detections: Detection[], isEnvFile: boolean): Finding[] {
  const fileLevel = envFileFinding(file, text, isEnvFile && !isEnvTemplate(file.path));
  // Most files hold nothing: no line index, no suppression comments to read.
  if (detections.length === 0 && fileLevel.length === 0) return [];
  const { lines, suppressions } = linesAndSuppressions(text, options.state);
  const rules = ruleIndex(config);
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const pathAllowed = config.allowlist.paths.some((glob) => minimatch(file.path, glob, { dot: true }));
  const envTemplate = isEnvTemplate(file.path);
  // Excerpts and messages are masked against every value detected in the file, reported or not
  // (a suppressed secret beside a reported one), and against whatever else the rules find in them.
  const safe = masker([
    ...detections.flatMap((found) => (found.secret ? [{ value: found.secret.value, prefix: (rules.get(found.ruleId) as Partial<SecretRule> | undefined)?.prefix }] : [])),
    ...valuesAllowlistedIn(text, kindOf(file.path, text, file.languageId), config).map((value) => ({ value })),
  ], secretRulesFor(config));
  const findings: Finding[] = [];
  const all = [...fileLevel, ...detections];
  // Computed over every detection, before settings and suppressions, so a fingerprint never
  // depends on which other findings are on or suppressed.
  const prints = detectionFingerprints(text, file.path, lines, all);
  for (const [at, detection] of all.entries()) {
    const rule = rules.get(detection.ruleId);
    if (!rule) continue;
    const setting = ruleSetting(config, rule.id);
    if (setting === 'off') continue;
    if (rule.category === 'secret' && pathAllowed) continue;
    // A .env that git does not track is where secrets belong; the file-level rules speak for it.
    if (rule.category === 'secret' && isEnvFile && !envTemplate && !isCommitted(file) && detection.secret && config.envFiles !== 'alwaysReport') continue;

    const range = lines.rangeOf(detection.start, detection.end);
    // A tls finding sits on the construct; a comment on the line of its setting (a related
    // location) suppresses it too. Path findings do not: their source line may feed other sinks.
    const settingLines = rule.category === 'tls' ? (detection.related ?? []).map((related) => lines.positionAt(related.start).line) : [];
    const verdict = judgeLines(suppressions, rule.id, rule.category, [range.start.line, ...settingLines], today);
    if (verdict.kind === 'suppressed') continue;

    const print = prints[at];
    if (options.baseline?.has(print)) continue;

    const finding = buildFinding(rule, detection, file, lines, setting, print, safe);
    if (verdict.kind === 'expired') {
      finding.expiredSuppression = `the suppression on line ${verdict.by.line + 1} expired on ${verdict.by.until}`;
      finding.message += ` (The ${verdict.by.marker} comment on line ${verdict.by.line + 1} expired on ${verdict.by.until}.)`;
    }
    findings.push(finding);
  }
  return findings;
}

function buildFinding(rule: RuleMeta, detection: Detection, file: FileInfo, lines: LineIndex, setting: Severity | undefined, print: string, safe: (text: string) => string): Finding {
  // Severity follows the file (any secret in a tracked file is an Error); the message and the
  // move fix's advice follow the value (only a committed one needs rotating).
  const commitState = commitStateOf(file, detection.secret?.value);
  const committed = commitState === 'committed';
  const defaultSeverity = rule.category === 'secret' && detection.secret ? (isCommitted(file) ? 'error' : 'warning') : detection.severity ?? rule.severity;
  const secretRule = detection.secret ? (rule as Partial<SecretRule>) : undefined;
  const masked = detection.secret ? maskSecret(detection.secret.value, secretRule?.prefix) : undefined;
  const lineText = lines.lineText(lines.positionAt(detection.start).line);
  const excerpt = safe(lineText).trim();
  return {
    ruleId: rule.id,
    category: rule.category,
    title: rule.title,
    cwe: rule.cwe,
    severity: setting ?? defaultSeverity,
    message: safe(detection.secret ? credentialStoreMessage(file.path, secretRule?.provider ?? rule.title, masked!, isCommitted(file)) ?? secretMessage(secretRule?.provider ?? rule.title, masked!, commitState, file) : detection.message || `${rule.title}. ${rule.help}`),
    range: lines.rangeOf(detection.start, detection.end),
    excerpt: excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt,
    fingerprint: print,
    secret: detection.secret ? { envName: secretRule?.envName ?? 'SECRET', ...detection.secret } : undefined,
    related: detection.related?.map((related) => ({ range: lines.rangeOf(related.start, related.end), message: safe(related.message) })),
    fixes: detection.fixes,
    data: { ...detection.data, ...(detection.secret ? { provider: secretRule?.provider ?? rule.title, committed } : {}) },
  };
}

/** A .env that git tracks is a finding in itself; one that git would pick up is a warning. */
function envFileFinding(file: FileInfo, text: string, isRealEnvFile: boolean): Detection[] {
  if (!isRealEnvFile || text.trim().length === 0) return [];
  const firstLineEnd = lineBreakFrom(text, 0);
  if (isCommitted(file)) {
    return [{ ruleId: envFileCommitted.id, start: 0, end: firstLineEnd, message: `This .env file is committed to git. ${envFileCommitted.help}` }];
  }
  if (file.gitState === 'untracked') {
    return [{ ruleId: envFileNotIgnored.id, start: 0, end: firstLineEnd, message: `git does not ignore this .env file, so it can be committed by accident. ${envFileNotIgnored.help}` }];
  }
  return [];
}
