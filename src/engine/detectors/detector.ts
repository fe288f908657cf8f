import type { Config } from '../config';
import type { FileKind } from '../fileKind';
import type { Detection, FileInfo, RuleMeta } from '../types';
import type { Keyword } from '../syntax';
import type { KeywordPass } from './keywordPass';

export interface DetectorInput {
  text: string;
  file: FileInfo;
  /** Language id, given by the editor or inferred from the path. */
  language: string;
  kind: FileKind;
  config: Config;
  /**
   * Scratch space kept by the caller between scans of the same document, for state worth reusing
   * (a parse tree for incremental parsing). Each detector namespaces its own keys.
   */
  state: Map<string, unknown>;
  /**
   * The keyword pass over this text (computed on first call, then shared by every detector);
   * absent when the caller did not provide one, and then each detector looks for itself.
   */
  keywords?: () => KeywordPass;
}

/** A family of rules that share one way of looking at a file. */
export interface Detector {
  name: string;
  rules(config: Config): readonly RuleMeta[];
  /**
   * Lists of plain words whose presence `wants` asks the keyword pass about for this language
   * (`input.keywords().has(list)`): they are found in the same pass as the secret keywords.
   */
  literalKeywords?(language: string): readonly (readonly Keyword[])[];
  /** Cheap: decides whether `detect` needs to run at all (keywords, language). */
  wants(input: DetectorInput): boolean;
  detect(input: DetectorInput): Detection[] | Promise<Detection[]>;
}

/**
 * TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`) hold types and signatures, never a
 * value or a statement that runs: no flow and no TLS setting can be in one, and parsing them (large
 * ones ship in every node_modules) is pure cost.
 */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/.test(path);
}
