import type { BenchSection } from './types';
import { throughput } from './throughput';
import { editorLatency } from './editorLatency';
import { timeBudget } from './timeBudget';
import { syntax } from './syntax';
import { codeActionsBench } from './codeActions';
import { preCommit } from './preCommit';
import { regex } from './regex';
import { history } from './history';
import { secrets } from './secrets';
import { workspaceScanBench } from './workspaceScan';
import { editorStart } from './editorStart';

/** Every section `npm run bench` runs, in order; `npm run bench -- NAME...` runs only those. */
export const sections: BenchSection[] = [
  throughput,
  editorLatency,
  timeBudget,
  codeActionsBench,
  preCommit,
  history,
  secrets,
  syntax,
  regex,
  workspaceScanBench,
  editorStart,
];
