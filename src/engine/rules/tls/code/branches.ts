import { namedChildren, type SyntaxNode } from '../../../syntax';
import type { Severity } from '../../../types';

// Library code and careful application code often honour an option: `verify ? VERIFY_PEER :
// VERIFY_NONE`, or `if verify … else ctx.verify_mode = CERT_NONE`. That is a switch, not a
// disabled check, and deserves a different message (and a Warning) than an unconditional one.

/** Conditional nodes of the grammars the TLS rules read, ternaries and if-statements alike. */
const CONDITIONALS = new Set(['conditional_expression', 'ternary_expression', 'conditional', 'if_statement', 'if', 'unless', 'elsif']);
/** Climbing stops at the enclosing function or class: a condition outside it is not this value's. */
const BOUNDARY = /function|method|class|lambda|^def$|^program$|^module$/;
const MAX_DEPTH = 8;

/** The condition as written, without the parentheses C-like grammars wrap it in. */
function shown(condition: SyntaxNode): string {
  return condition.type === 'parenthesized_expression' ? condition.text.slice(1, -1).trim() : condition.text;
}

function conditionOf(conditional: SyntaxNode): SyntaxNode | undefined {
  const field = conditional.childForFieldName('condition');
  if (field) return field;
  // Python's `a if condition else b` has no field names.
  return conditional.type === 'conditional_expression' ? namedChildren(conditional)[1] : undefined;
}

/**
 * The nearest conditional around `node` (within its function) that `node` is a branch of, and
 * that conditional's condition. Undefined when `node` sits in the condition itself or in none.
 */
function enclosingBranch(node: SyntaxNode): { conditional: SyntaxNode; condition: SyntaxNode } | undefined {
  let current = node.parent;
  for (let depth = 0; current && depth < MAX_DEPTH && !BOUNDARY.test(current.type); depth += 1, current = current.parent) {
    if (!CONDITIONALS.has(current.type)) continue;
    const condition = conditionOf(current);
    if (!condition || (node.startIndex >= condition.startIndex && node.endIndex <= condition.endIndex)) return undefined;
    return { conditional: current, condition };
  }
  return undefined;
}

/**
 * The condition that chooses between the secure value and `node` (the insecure one), when `node`
 * is a branch of a conditional whose other branch holds `secureValue`. Undefined otherwise.
 */
export function switchCondition(node: SyntaxNode, secureValue: string): string | undefined {
  const branch = enclosingBranch(node);
  return branch?.conditional.text.includes(secureValue) ? shown(branch.condition) : undefined;
}

/** A condition that names an opt-in to insecure TLS: the code honours a caller's explicit choice. */
// `\w{0,40}`, not `\w*`: `disabledisable…` read the rest of the word from every `disable` (quadratic).
const INSECURE_OPTION = /insecure|no[-_]?verify|skip[_-]?verify|allow[_-]?invalid|self[_-]?signed|disable\w{0,40}(?:tls|ssl|cert)|(?:tls|ssl|cert)\w{0,40}disable|strict[_-]?ssl|reject[_-]?unauthorized|\bverify(?:[_-]?(?:ssl|tls|certs?|peer))?\b|unsafe|dangerous/i;

/** The condition of the nearest conditional around `node`, when it names an insecure opt-in. */
export function optInCondition(node: SyntaxNode): string | undefined {
  const branch = enclosingBranch(node);
  return branch && INSECURE_OPTION.test(branch.condition.text) ? shown(branch.condition) : undefined;
}

/** The finding's text and severity for `subject`: a Warning naming the switch, or the rule's own severity. */
export function switchedOff(subject: string, condition: string | undefined, unconditionally: string): { what: string; severity?: Severity } {
  if (!condition) return { what: unconditionally };
  return {
    what: `${subject} turns off certificate verification when \`${condition.slice(0, 40)}\` selects it; make sure that cannot happen outside local development.`,
    severity: 'warning',
  };
}
