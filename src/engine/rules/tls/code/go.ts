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
      // Newer grammars wrap a literal's key and value in a literal_element.
      const bare = value.type === 'literal_element' && value.namedChildren.length === 1 ? value.namedChildren[0]! : value;
      const defined = bare.type === 'identifier' ? constantTrue(node, bare.text) : undefined;
      if (value.text === 'true') {
        out.push(finding(goInsecureSkipVerify, {
          ...at,
          what: `${at.name} sets InsecureSkipVerify: true, so this TLS client accepts any certificate for any host.`,
          fixes: [fix('Remove InsecureSkipVerify', [removeListItem(text, node)])],
          related: at.start === node.startIndex ? undefined : [setting],
        }));
      } else if (defined) {
        // `skip := true` ... `InsecureSkipVerify: skip`: a local (or package) name only ever set to true.
        out.push(finding(goInsecureSkipVerify, {
          ...at,
          what: `${at.name} sets InsecureSkipVerify: ${value.text}, and ${value.text} is always true here, so this TLS client accepts any certificate for any host.`,
          fixes: [fix('Remove InsecureSkipVerify', [removeListItem(text, node)])],
          related: [...(at.start === node.startIndex ? [] : [setting]), { start: defined.startIndex, end: defined.endIndex, message: `${defined.text.slice(0, 60)}: where ${value.text} is set` }],
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

const SCOPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/**
 * The declaration that makes `name` true, when every write to it in the enclosing function (or,
 * for a package-level name, the file) is the literal `true` and it is not a parameter; otherwise
 * undefined (a flag, a field read from config: the hint stands).
 */
function constantTrue(from: SyntaxNode, name: string): SyntaxNode | undefined {
  let scope: SyntaxNode | null = from.parent;
  while (scope && !SCOPES.has(scope.type)) scope = scope.parent;
  const search = (root: SyntaxNode): { writes: SyntaxNode[]; allTrue: boolean; parameter: boolean } => {
    const writes: SyntaxNode[] = [];
    let allTrue = true;
    let parameter = false;
    walk(root, (node) => {
      if (node.type === 'parameter_declaration' && node.childrenForFieldName('name').some((id) => id?.text === name)) parameter = true;
      let names: (SyntaxNode | null)[] = [];
      let values: (SyntaxNode | null)[] = [];
      if (node.type === 'short_var_declaration' || node.type === 'assignment_statement') {
        names = node.childForFieldName('left')?.namedChildren ?? [];
        values = node.childForFieldName('right')?.namedChildren ?? [];
      } else if (node.type === 'var_spec' || node.type === 'const_spec') {
        names = node.childrenForFieldName('name');
        values = node.childForFieldName('value')?.namedChildren ?? [];
      } else {
        return;
      }
      names.forEach((id, index) => {
        if (id?.type !== 'identifier' || id.text !== name) return;
        writes.push(node);
        if (values[index]?.text !== 'true') allTrue = false;
      });
    });
    return { writes, allTrue, parameter };
  };
  let found = scope ? search(scope) : undefined;
  if (!found || (found.writes.length === 0 && !found.parameter)) {
    let root: SyntaxNode = from;
    while (root.parent) root = root.parent;
    found = search(root);
  }
  return !found.parameter && found.allTrue && found.writes.length > 0 ? found.writes[0] : undefined;
}
