import type { RuleSamples } from '../samples';
import type { RuleMeta } from '../../types';
import { samplesFor } from './samples';

// The path/* rules (CWE-22). One taint analysis produces all three; the source decides the rule.

export interface PathRule extends RuleMeta {
  samples: RuleSamples;
}

export const traversal: PathRule = {
  id: 'path/traversal',
  category: 'path',
  title: 'Untrusted input reaches a file path',
  cwe: 'CWE-22',
  severity: 'warning',
  help: 'Keep only the file name (basename) or resolve the path and check that it stays inside the base folder.',
  samples: samplesFor('traversal'),
};

export const zipSlip: PathRule = {
  id: 'path/zip-slip',
  category: 'path',
  title: 'Archive entry name used as a file path (zip slip)',
  cwe: 'CWE-22',
  severity: 'warning',
  help: 'Resolve each entry against the destination folder and skip entries that land outside it.',
  samples: samplesFor('zip-slip'),
};

export const cliArgument: PathRule = {
  id: 'path/cli-argument',
  category: 'path',
  title: 'Command-line argument used as a file path',
  cwe: 'CWE-22',
  severity: 'hint',
  help: 'Usually intended for a CLI; check containment if the program runs with more privilege than its caller.',
  samples: samplesFor('cli-argument'),
};

export const pathRules: readonly PathRule[] = [traversal, zipSlip, cliArgument];
