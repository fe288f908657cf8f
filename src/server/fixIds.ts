// Command ids shared by the server's quick fixes and the client's prompts (src/client/fixPrompts.ts).
// Plain constants, so that the client bundle can import them without pulling in the server.

/** Server: applies a suppression or baseline entry. Args: [SuppressionRequest]. */
export const APPLY_SUPPRESSION_COMMAND = 'secureHygiene.fix.applySuppression';
/** Server: shows a fix's follow-up notes (rotate the key, nothing loads .env). Args: [string[]]. */
export const FOLLOW_UP_COMMAND = 'secureHygiene.fix.followUp';
/** Server: untracks a .env (git rm --cached) after a confirmation. Args: [{ uri, confirmed? }]. */
export const UNTRACK_ENV_COMMAND = 'secureHygiene.fix.untrackEnv';
/** Server: moves every secret of a document to .env. Args: [documentUri]. */
export const MOVE_ALL_SERVER_COMMAND = 'secureHygiene.fix.moveAllSecrets';

/** Client: asks for a reason (and an expiry date), then runs APPLY_SUPPRESSION_COMMAND. */
export const SUPPRESS_WITH_REASON_COMMAND = 'secureHygiene.suppressWithReason';
/** Client, in the command palette: "Secure Hygiene: Move all secrets in this file to .env". */
export const MOVE_ALL_COMMAND = 'secureHygiene.moveAllSecretsToEnv';

export type SuppressionKind = 'line' | 'file' | 'baseline' | 'allowPath';

export interface SuppressionRequest {
  uri: string;
  fingerprint: string;
  ruleId: string;
  kind: SuppressionKind;
  /** Asked by the client; required for every kind. */
  reason?: string;
  /** YYYY-MM-DD, optional, for `line` and `file`. */
  until?: string;
}
