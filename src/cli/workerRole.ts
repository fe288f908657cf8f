// What the CLI's launcher (launch.ts) and its scan worker pool (workers.ts) both need to know
// about a scan worker, in a module that imports nothing: the launcher must stay small.

/** workerData.role of a scan worker; its configuration comes in its first message (ScanWorkerInit). */
export const SCAN_WORKER_ROLE = 'secure-hygiene-scan-worker';
/** The worker bundle, built next to the CLI bundles (dist/cliWorker.js, from worker.ts). */
export const WORKER_BUNDLE = 'cliWorker.js';
