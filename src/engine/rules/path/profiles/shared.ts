import { callInfo, type GrammarName, type SyntaxNode } from '../../../syntax';
import type { CheckMatch } from '../profile';

// Small building blocks the language profiles share.

/** A check written as a method call on the checked value (`p.startsWith(base)`, `p.start_with?(base)`). */
export function methodCheck(node: SyntaxNode, grammar: GrammarName, prefixMethods: ReadonlySet<string>, memberMethods: ReadonlySet<string>, matchMethods: ReadonlySet<string>): CheckMatch | undefined {
  const call = callInfo(node, grammar);
  if (!call || !call.receiver) return undefined;
  if (prefixMethods.has(call.name)) return { checked: [call.receiver], needsNormalized: true };
  // ALLOWED.contains(name), name.contains(".."): an allowlist, or a value refused when it holds "..".
  if (memberMethods.has(call.name)) return { checked: [call.receiver, ...call.args], needsNormalized: false };
  if (matchMethods.has(call.name)) return { checked: [call.receiver, ...call.args], needsNormalized: false };
  return undefined;
}

/** `text` (the file) imports or mentions `module` as a string literal. */
export function mentions(text: string, module: string): boolean {
  return text.includes(`"${module}"`) || text.includes(`'${module}'`);
}
