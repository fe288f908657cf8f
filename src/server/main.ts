import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runServer } from './server';
import { isServerScanWorker, runServerScanWorker } from './scanWorker';

// Entry point of dist/server.js. The transport comes from the command line, as every LSP client
// passes it: `--stdio` (Neovim, tests, any editor), `--node-ipc` (the VS Code client) or
// `--socket=PORT`.
// Without dist/serverWorker.js, this bundle also serves as the scan worker (see scanPool.ts).
if (isServerScanWorker()) runServerScanWorker();
else runServer(createConnection(ProposedFeatures.all));
