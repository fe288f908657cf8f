import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { removeListItem, removeStatement, statementOf } from './edits';
import { csharpAcceptAny } from './rules';

// C#: certificate validation callbacks that return true, and the framework's accept-any validator.

export const CSHARP_KEYWORDS = ['ValidationCallback', 'DangerousAcceptAnyServerCertificateValidator', 'SslStream'];

const CALLBACKS = /^(ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)$/;
const STATEMENTS = new Set(['expression_statement']);

function statements(block: SyntaxNode): SyntaxNode[] {
  return block.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
}

/** `true`, `(true)`, `((true))`. */
function isTrue(node: SyntaxNode | null | undefined): boolean {
  let at = node;
  while (at?.type === 'parenthesized_expression') at = at.namedChildren[0];
  return at?.type === 'boolean_literal' && at.text === 'true';
}

/** A lambda, method or accessor body that can only produce true: `=> (true)`, `{ return true; }`. */
function bodyReturnsTrue(body: SyntaxNode | null | undefined): boolean {
  if (!body) return false;
  if (body.type === 'arrow_expression_clause') return isTrue(body.namedChildren[0]);
  if (body.type !== 'block') return isTrue(body);
  const list = statements(body);
  return list.length === 1 && list[0].type === 'return_statement' && isTrue(list[0].namedChildren[0]);
}

/** `(...) => true`, `(...) => { return true; }`, `delegate { return true; }`. */
function alwaysTrue(node: SyntaxNode): boolean {
  // `((sender, cert, chain, errors) => true)`: the parentheses change nothing.
  let fn = node;
  while (fn.type === 'parenthesized_expression' && fn.namedChildren[0]) fn = fn.namedChildren[0];
  if (fn.type !== 'lambda_expression' && fn.type !== 'anonymous_method_expression') return false;
  return bodyReturnsTrue(fn.childForFieldName('body') ?? fn.namedChildren.find((child) => child?.type === 'block') ?? null);
}

/**
 * Methods of this file that always return true, by name; a name also declared with a body that
 * decides is left out (overloads the rule cannot tell apart).
 */
function trueMethods(root: SyntaxNode): Map<string, SyntaxNode> {
  const found = new Map<string, SyntaxNode>();
  const deciding = new Set<string>();
  walk(root, (node) => {
    if (node.type !== 'method_declaration' && node.type !== 'local_function_statement') return;
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    const body = node.childForFieldName('body') ?? node.namedChildren.find((child) => child?.type === 'arrow_expression_clause' || child?.type === 'block');
    if (bodyReturnsTrue(body) && (node.childForFieldName('parameters')?.namedChildCount ?? 0) === 4) found.set(name, node);
    else deciding.add(name);
  });
  for (const name of deciding) found.delete(name);
  return found;
}

/** `Validator`, `this.Validator`, `new RemoteCertificateValidationCallback(Validator)`: the method named. */
function methodGroup(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'member_access_expression' && node.childForFieldName('expression')?.type === 'this_expression') return node.childForFieldName('name')?.text;
  if (node.type === 'object_creation_expression' && /ValidationCallback$/.test(node.childForFieldName('type')?.text ?? '')) {
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const only = args.length === 1 ? args[0]?.namedChildren[0] : undefined;
    return only ? methodGroup(only) : undefined;
  }
  return undefined;
}

function targetName(left: SyntaxNode): string {
  if (left.type === 'member_access_expression') return left.childForFieldName('name')?.text ?? '';
  return left.type === 'identifier' ? left.text : '';
}

export function scanCSharp(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  let methods: Map<string, SyntaxNode> | undefined;
  /** The always-true method a method group names, found lazily: most files have no callbacks. */
  const trueMethod = (node: SyntaxNode) => {
    const name = methodGroup(node);
    if (!name) return undefined;
    methods ??= trueMethods(root);
    return methods.get(name);
  };
  walk(root, (node) => {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right || !CALLBACKS.test(targetName(left))) return;
      const method = alwaysTrue(right) ? undefined : trueMethod(right);
      if (!alwaysTrue(right) && !method) return;
      const statement = statementOf(node, STATEMENTS);
      const inInitializer = node.parent?.type === 'initializer_expression';
      const edit = statement ? removeStatement(text, statement) : inInitializer ? removeListItem(text, node) : undefined;
      out.push(finding(csharpAcceptAny, {
        start: node.startIndex,
        end: node.endIndex,
        what: method
          ? `${targetName(left)} is set to ${method.childForFieldName('name')?.text ?? 'a method'} (line ${method.startPosition.row + 1}), which always returns true, so every certificate is accepted, whatever its errors.`
          : `This ${targetName(left)} returns true, so every certificate is accepted, whatever its errors.`,
        fixes: edit && [fix('Remove the callback (use the default validation)', [edit])],
        related: method && [{ start: (method.childForFieldName('name') ?? method).startIndex, end: (method.childForFieldName('name') ?? method).endIndex, message: `${method.childForFieldName('name')?.text ?? 'this method'} always returns true` }],
      }));
    } else if (node.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'DangerousAcceptAnyServerCertificateValidator') {
      out.push(finding(csharpAcceptAny, { start: node.startIndex, end: node.endIndex, what: 'DangerousAcceptAnyServerCertificateValidator accepts every certificate.' }));
    } else if (node.type === 'object_creation_expression' && /^(System\.Net\.Security\.)?SslStream$/.test(node.childForFieldName('type')?.text ?? '')) {
      // new SslStream(stream, leaveOpen, Validator[, selector]): the third argument is the validation callback.
      const callback = node.childForFieldName('arguments')?.namedChildren[2]?.namedChildren[0];
      const method = callback ? trueMethod(callback) : undefined;
      if (!callback || !method) return;
      const name = method.childForFieldName('name') ?? method;
      out.push(finding(csharpAcceptAny, {
        start: callback.startIndex,
        end: callback.endIndex,
        what: `This SslStream validates certificates with ${name.text} (line ${method.startPosition.row + 1}), which always returns true, so every certificate is accepted.`,
        related: [{ start: name.startIndex, end: name.endIndex, message: `${name.text} always returns true` }],
      }));
    } else if ((node.type === 'lambda_expression' || node.type === 'anonymous_method_expression') && node.parent?.type === 'argument' && alwaysTrue(node)) {
      const creation = node.parent.parent?.parent;
      const type = creation?.type === 'object_creation_expression' ? creation.childForFieldName('type')?.text ?? '' : '';
      if (/^(SslStream|RemoteCertificateValidationCallback)$/.test(type.replace(/^.*\./, ''))) {
        out.push(finding(csharpAcceptAny, { start: node.startIndex, end: node.endIndex, what: `This ${type} validation callback returns true, so every certificate is accepted.` }));
      }
    }
  });
  return out;
}
