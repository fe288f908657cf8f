import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { COMMANDS_BUNDLE, SCAN_WORKER_ROLE, WORKER_BUNDLE } from './bundles';

// The CLI's entry point (dist/cli.js), kept tiny on purpose: for a scan of the working tree it
// starts the first scan worker before the commands bundle (dist/cliMain.js) is even loaded, so
// that the worker loads its own bundle on the other core while this thread loads, parses the
// arguments and starts walking, instead of after. The scan adopts that worker (workers.ts); a
// worker nobody adopts (the arguments asked for no worker after all, or were wrong) was unref'd
// and ends with the process. Only node: modules here: whatever this file imports, every run loads
// before the worker starts.

/** A scan that will want a worker: a walk of the working tree (not git's index, history or diff), not a help text. */
function wantsWorker(args: readonly string[]): boolean {
  if (args[0] !== 'scan') return false;
  return !args.some((arg) => ['--staged', '--history', '--diff', '-h', '--help'].includes(arg) || arg.startsWith('--diff='));
}

// V8 first runs a regular expression in its bytecode interpreter and compiles it to machine code
// on its second use. A CLI run uses each secret pattern thousands of times and exits: compiling
// the large case-insensitive ones twice (bytecode, then machine code) cost more than interpreting
// saved. Native from the first use: 3-4% less wall and CPU time on the bench's synthetic tree
// (11 alternating whole-process pairs). Set before any pattern is compiled, here or in a worker
// (V8's flags are the process's). The language server, which runs for hours, keeps the default.
setFlagsFromString('--no-regexp-tier-up');

const args = process.argv.slice(2);
const prestarted = wantsWorker(args) ? new Worker(path.join(__dirname, WORKER_BUNDLE), { workerData: { role: SCAN_WORKER_ROLE } }) : undefined;
prestarted?.unref();
// Required by its path (a separate bundle, not bundled into this one) and after the worker started: an import would be hoisted.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(__dirname, COMMANDS_BUNDLE)) as typeof import('./main');
if (prestarted) cli.offerPrestartedWorker(prestarted);
cli.run(args);
