import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { removeListItem, replaceNode } from './edits';
import { goInsecureSkipVerify } from './rules';

// Go: `InsecureSkipVerify: true` in a tls.Config literal, or assigned to a config's field.

export const GO_KEYWORDS = ['InsecureSkipVerify'];

export function scanGo(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  walk(root, (node) => {
    if (node.type === 'keyed_element') {
      const [key, value] = node.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
      if (!key || !value || key.text !== 'InsecureSkipVerify') return;
      if (value.text === 'true') {
        out.push(finding(goInsecureSkipVerify, {
          start: node.startIndex,
          end: node.endIndex,
          what: 'InsecureSkipVerify: true makes this TLS client accept any certificate for any host.',
          fixes: [fix('Remove InsecureSkipVerify', [removeListItem(text, node)])],
        }));
      } else if (value.text !== 'false') {
        out.push(finding(goInsecureSkipVerify, {
          start: node.startIndex,
          end: node.endIndex,
          what: `InsecureSkipVerify comes from \`${value.text.slice(0, 40)}\`; make sure it cannot be true outside local development.`,
          severity: 'hint',
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
