// The fix command ids and SuppressionRequest now live in src/shared/protocol.ts, with every other
// id and custom request that the client and the server share; this module re-exports them for the
// server modules and tests that still import it from here.
export {
  APPLY_SUPPRESSION_COMMAND, FOLLOW_UP_COMMAND, MOVE_ALL_COMMAND, MOVE_ALL_SERVER_COMMAND, SUPPRESS_WITH_REASON_COMMAND,
  UNTRACK_ENV_COMMAND, type SuppressionKind, type SuppressionRequest,
} from '../shared/protocol';
