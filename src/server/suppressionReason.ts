import { ErrorCodes, MessageType, ResponseError, ShowMessageRequest, type MessageActionItem } from 'vscode-languageserver/node';
import type { SuppressionRequest } from '../shared/protocol';
import type { ServerContext } from './features';

// The reason behind a suppression, when the editor ran the server's command without one: any LSP
// editor (Neovim, Helix, Emacs, Sublime) gets the same "Ignore … (with reason)" actions as VS Code,
// whose client asks with an input box first (src/client/fixPrompts.ts) and sends the reason along.
// Here the server asks with window/showMessageRequest, offering a few canned reasons; an editor
// that cannot show such a request gets a default reason that says how it was written, so that a
// reviewer sees the suppression was not argued.

/** The reasons offered as the message's actions, in this order. */
export const CANNED_REASONS: readonly string[] = [
  'Test fixture or example, not a real secret',
  'False positive',
  'Revoked: the key no longer works',
  'Accepted risk, reviewed',
];

/** Written when the editor cannot ask (no window/showMessageRequest): honest about it. */
export const DEFAULT_REASON = 'no reason asked: the editor cannot prompt; review this suppression';

const CANCEL = 'Cancel';

export type ReasonAnswer = { reason: string; asked: boolean } | { cancelled: true };

function what(request: SuppressionRequest): string {
  switch (request.kind) {
    case 'baseline': return `adding this ${request.ruleId} finding to the baseline`;
    case 'allowPath': return 'allowing secrets in this file';
    case 'file': return `ignoring ${request.ruleId} in this file`;
    default: return `ignoring ${request.ruleId} on this line`;
  }
}

/** Errors that mean "this editor does not implement window/showMessageRequest" (Helix answers MethodNotFound), not "the user said no". */
export function cannotAsk(error: unknown): boolean {
  return error instanceof ResponseError && (error.code === ErrorCodes.MethodNotFound || error.code === ErrorCodes.InvalidRequest);
}

/** The request's own reason when it has one, else the user's pick, else DEFAULT_REASON. */
export async function reasonFor(ctx: ServerContext, request: SuppressionRequest): Promise<ReasonAnswer> {
  const given = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (given) return { reason: given, asked: false };
  const actions: MessageActionItem[] = [...CANNED_REASONS, CANCEL].map((title) => ({ title }));
  let answer: MessageActionItem | null;
  try {
    answer = await ctx.connection.sendRequest(ShowMessageRequest.type, {
      type: MessageType.Info,
      message: `Secure Hygiene: why is ${what(request)} acceptable? The reason is written next to it for reviewers.`,
      actions,
    });
  } catch (error) {
    if (cannotAsk(error)) return { reason: DEFAULT_REASON, asked: false };
    throw error;
  }
  const title = answer?.title;
  if (!title || title === CANCEL || !CANNED_REASONS.includes(title)) return { cancelled: true };
  return { reason: title, asked: true };
}
