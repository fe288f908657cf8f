import { isServerScanWorker, runServerScanWorker } from './scanWorker';

// Entry point of dist/serverWorker.js: the engine and the worker loop, without the LSP wiring.
if (isServerScanWorker()) runServerScanWorker();
