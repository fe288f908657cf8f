import type { Config } from '../config';
import { defaultConfig } from '../config';
import type { RuleMeta } from '../types';
import type { Detector } from './detector';
import { isLiteralList } from './keywordPass';
import { secretDetector } from './secrets';
import { pathDetector } from './path';
import { tlsDetector } from './tls';
import { envFileCommitted, envFileNotIgnored } from '../rules/secrets/gitRules';
import { keyStoreFile } from '../keyStoreScan';
import { credentialFileDetector } from './credentialFiles';
import grammarsByLanguage from '../syntax/grammars.json';

/** Every detector the engine runs, in order. A new family of rules is one entry here. */
export const detectors: readonly Detector[] = [secretDetector, credentialFileDetector, tlsDetector, pathDetector];

/**
 * Rules that are not produced by a detector but by the scan itself (git facts about a file) or,
 * for binary key stores, by keyStoreFindings.
 */
export const fileRules: readonly RuleMeta[] = [envFileCommitted, envFileNotIgnored, keyStoreFile];

export function allRules(config: Config = defaultConfig()): RuleMeta[] {
  return [...detectors.flatMap((detector) => detector.rules(config)), ...fileRules];
}

export function findRule(ruleId: string, config: Config = defaultConfig()): RuleMeta | undefined {
  return allRules(config).find((rule) => rule.id === ruleId);
}

const literalLists = new Map<string, readonly (readonly string[])[]>();

/** The plain-word lists the detectors filter on for a language, found by the keyword pass. */
export function literalKeywordLists(language: string): readonly (readonly string[])[] {
  let lists = literalLists.get(language);
  if (!lists) {
    lists = detectors.flatMap((detector) => detector.literalKeywords?.(language) ?? []).filter(isLiteralList);
    literalLists.set(language, lists);
  }
  return lists;
}

let allLists: readonly (readonly string[])[] | undefined;

/**
 * Every language's plain-word lists in one array (each list once): the keyword pass builds one
 * automaton from them and the secret keywords, once per thread, and answers each file's own
 * lists from it. An automaton per language cost 5-20 ms of CPU each to build, in every worker.
 */
export function allLiteralKeywordLists(): readonly (readonly string[])[] {
  allLists ??= [...new Set(Object.keys(grammarsByLanguage).flatMap((language) => literalKeywordLists(language)))];
  return allLists;
}
