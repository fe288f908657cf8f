import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { removeListItem, replaceNode } from './edits';
import { goInsecureSkipVerify } from './rules';

// Go: `InsecureSkipVerify: true` in a tls.Config literal (reported on the literal's `tls.Config{`,
// the setting as a related location), or assigned to a config's field.

export const GO_KEYWORDS = ['InsecureSkipVerify'];

/**
 * Where a reviewer looks: the `tls.Config{` the keyed element belongs to (type and opening brace),
 * not the setting inside a literal that may span many lines. The element itself when it is not
 * in a composite literal (it always is in valid Go, but a broken tree may say otherwise).
 */
function configLiteral(element: SyntaxNode): { start: number; end: number; name: string } {
  const body = element.parent?.type === 'literal_value' ? element.parent : undefined;
  const literal = body?.parent?.type === 'composite_literal' ? body.parent : undefined;
  const type = literal?.childForFieldName('type');
  if (!body || !literal || !type) return { start: element.startIndex, end: element.endIndex, name: 'this tls.Config' };
  return { start: literal.startIndex, end: body.startIndex + 1, name: `${type.text}{}` };
}

export function scanGo(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  walk(root, (node) => {
    if (node.type === 'keyed_element') {
      const [key, value] = node.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
      if (!key || !value || key.text !== 'InsecureSkipVerify') return;
      const at = configLiteral(node);
      const setting = { start: node.startIndex, end: node.endIndex, message: `${node.text.slice(0, 60)}: the setting` };
      if (value.text === 'true') {
        out.push(finding(goInsecureSkipVerify, {
          ...at,
          what: `${at.name} sets InsecureSkipVerify: true, so this TLS client accepts any certificate for any host.`,
          fixes: [fix('Remove InsecureSkipVerify', [removeListItem(text, node)])],
          related: at.start === node.startIndex ? undefined : [setting],
        }));
      } else if (value.text !== 'false') {
        out.push(finding(goInsecureSkipVerify, {
          ...at,
          what: `InsecureSkipVerify in ${at.name} comes from \`${value.text.slice(0, 40)}\`; make sure it cannot be true outside local development.`,
          severity: 'hint',
          related: at.start === node.startIndex ? undefined : [setting],
        }));
      }
    } else if (node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((target, index) => {
        const value = right[index];
        if (!target || !value || target.type !== 'selector_expression') return;
        if (target.childForFieldName('field')?.text !== 'InsecureSkipVerify' || value.text !== 'true') return;
        out.push(finding(goInsecureSkipVerify, {
          start: node.startIndex,
          end: node.endIndex,
          what: `${target.text} = true makes this TLS client accept any certificate for any host.`,
          fixes: [fix('Set InsecureSkipVerify to false', [replaceNode(value, 'false')])],
        }));
      });
    }
  });
  return out;
}
