import type { Connection } from 'vscode-languageserver/node';
import { maskSecretsIn } from '../engine';
import type { MaskedLog } from './features';

// Every line the server logs goes through here. It masks each secret the server currently knows of
// (the values behind the published findings) and any the caller passes, so that an error message
// quoting a line of code, or a careless format string, cannot print a whole secret.

export type SecretSource = () => Iterable<{ value: string; prefix?: string }>;

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function createLog(connection: Connection, knownSecrets: SecretSource): MaskedLog {
  const mask = (text: string, extra: string[]) => {
    const secrets = [...knownSecrets(), ...extra.map((value) => ({ value }))]
      // Longest first, so that a secret containing another is masked whole.
      .sort((a, b) => b.value.length - a.value.length);
    // Known secrets, and any value the secret rules find in the line (a suppressed one in a quoted line of code).
    return maskSecretsIn(text, secrets);
  };
  return {
    info: (message, ...secrets) => connection.console.info(mask(message, secrets)),
    warn: (message, ...secrets) => connection.console.warn(mask(message, secrets)),
    error: (message, error, ...secrets) =>
      connection.console.error(mask(error === undefined ? message : `${message}: ${describe(error)}`, secrets)),
  };
}
