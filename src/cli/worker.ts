import { isScanWorker, runScanWorker } from './workers';

// The scan workers' own entry point (dist/cliWorker.js): only what scanning a batch needs (the
// engine, reading files), not the commands, formats, walk or policy, so each worker loads less.

if (isScanWorker()) runScanWorker();
