import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runServer } from './server';

// Entry point of dist/server.js. The transport comes from the command line, as every LSP client
// passes it: `--stdio` (Neovim, tests, any editor), `--node-ipc` (the VS Code client) or
// `--socket=PORT`.
runServer(createConnection(ProposedFeatures.all));
