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

/** `(...) => true`, `(...) => { return true; }`, `delegate { return true; }`. */
function alwaysTrue(fn: SyntaxNode): boolean {
  if (fn.type !== 'lambda_expression' && fn.type !== 'anonymous_method_expression') return false;
  const body = fn.childForFieldName('body') ?? fn.namedChildren.find((child) => child?.type === 'block') ?? null;
  if (!body) return false;
  if (body.type === 'boolean_literal') return body.text === 'true';
  if (body.type !== 'block') return false;
  const list = statements(body);
  return list.length === 1 && list[0].type === 'return_statement' && list[0].namedChildren[0]?.text === 'true';
}

function targetName(left: SyntaxNode): string {
  if (left.type === 'member_access_expression') return left.childForFieldName('name')?.text ?? '';
  return left.type === 'identifier' ? left.text : '';
}

export function scanCSharp(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  walk(root, (node) => {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right || !CALLBACKS.test(targetName(left)) || !alwaysTrue(right)) return;
      const statement = statementOf(node, STATEMENTS);
      const inInitializer = node.parent?.type === 'initializer_expression';
      const edit = statement ? removeStatement(text, statement) : inInitializer ? removeListItem(text, node) : undefined;
      out.push(finding(csharpAcceptAny, {
        start: node.startIndex,
        end: node.endIndex,
        what: `This ${targetName(left)} returns true, so every certificate is accepted, whatever its errors.`,
        fixes: edit && [fix('Remove the callback (use the default validation)', [edit])],
      }));
    } else if (node.type === 'member_access_expression' && node.childForFieldName('name')?.text === 'DangerousAcceptAnyServerCertificateValidator') {
      out.push(finding(csharpAcceptAny, { start: node.startIndex, end: node.endIndex, what: 'DangerousAcceptAnyServerCertificateValidator accepts every certificate.' }));
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
