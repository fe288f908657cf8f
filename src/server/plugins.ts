// Features that plug into the server through features.ts (diagnosticProviders,
// codeActionProviders, commandHandlers). Each registers itself when imported; import it here, one
// line per feature. The server imports this module before answering `initialize`, so that the
// command ids are announced to the client.
export {};
import './codeActions';
import './policy';
import './historyFacts';
