// The CLI's bundle file names (esbuild.js writes them next to each other in dist/) and the scan
// worker's role, in a module that imports nothing: the launcher (launch.ts) must stay small.

/** The entry point users run: the launcher (launch.ts). */
export const LAUNCHER_BUNDLE = 'cli.js';
/** The commands the launcher loads (main.ts). */
export const COMMANDS_BUNDLE = 'cliMain.js';
/** The scan workers' bundle (worker.ts). */
export const WORKER_BUNDLE = 'cliWorker.js';
/** workerData.role of a scan worker; its configuration comes in its first message (ScanWorkerInit). */
export const SCAN_WORKER_ROLE = 'secure-hygiene-scan-worker';
