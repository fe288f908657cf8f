import type { Config } from '../config';
import type { FileKind } from '../fileKind';
import type { Detection, FileInfo, RuleMeta } from '../types';

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
}

/** A family of rules that share one way of looking at a file. */
export interface Detector {
  name: string;
  rules(config: Config): readonly RuleMeta[];
  /** Cheap: decides whether `detect` needs to run at all (keywords, language). */
  wants(input: DetectorInput): boolean;
  detect(input: DetectorInput): Detection[] | Promise<Detection[]>;
}
