import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { switchCondition, switchedOff } from './branches';
import { removeListItem, removeStatement, replaceNode, stringValue } from './edits';
import { rubyVerifyNone } from './rules';

// Ruby: OpenSSL::SSL::VERIFY_NONE used as a setting, and `verify: false`-style options of the
// common HTTP clients (Faraday `ssl: { verify: false }`, HTTParty, RestClient, Excon).

export const RUBY_KEYWORDS = ['VERIFY_NONE', 'verify'];

/** Action Mailer / Mail `openssl_verify_mode: 'none'` (or `:none`): SMTP over TLS without certificate checks. */
const VERIFY_MODE_KEYS = new Set(['openssl_verify_mode', 'ssl_verify_mode', 'verify_mode']);

/** Keys that switch verification off when false, wherever they appear. */
const VERIFY_KEYS = new Set(['verify_ssl', 'ssl_verify_peer', 'ssl_verify', 'verify_peer']);
const HTTP_METHODS = /^(get|post|put|patch|delete|head|request|new|execute|start)$/;
/** Test matchers and comparisons read the value rather than set it. */
const READS = /^(eq|eql|equal|be|not_to|to|include|==|!=)$/;

function symbolName(key: SyntaxNode): string | undefined {
  if (key.type === 'hash_key_symbol') return key.text;
  if (key.type === 'simple_symbol') return key.text.slice(1);
  return stringValue(key);
}

function isComparedOrAsserted(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'binary') return /^(==|!=|===)$/.test(parent.childForFieldName('operator')?.text ?? '');
  if (parent?.type === 'argument_list') {
    const method = parent.parent?.childForFieldName('method')?.text ?? '';
    return READS.test(method);
  }
  return false;
}

/** Faraday's block form, `f.ssl.verify = false` (also `conn.ssl[:verify] = false`). */
function checkSslVerifyAssignment(node: SyntaxNode, text: string, out: Detection[]): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || right?.type !== 'false') return;
  // `Excon.defaults[:ssl_verify_peer] = false`, `opts[:verify_ssl] = false`: a verification key of an options hash.
  const key = left.type === 'element_reference' ? left.namedChildren[1] : undefined;
  const optionKey = key ? symbolName(key) : undefined;
  const sslVerify = (left.type === 'call' && left.childForFieldName('method')?.text === 'verify' && left.childForFieldName('receiver')?.childForFieldName('method')?.text === 'ssl')
    || (left.type === 'element_reference' && /\.ssl\[:verify\]$/.test(left.text))
    || (optionKey !== undefined && VERIFY_KEYS.has(optionKey));
  if (!sslVerify) return;
  const statement = node.parent?.type === 'body_statement' || node.parent?.type === 'program' || node.parent?.type === 'block_body' || node.parent?.type === 'do_block' ? node : undefined;
  out.push(finding(rubyVerifyNone, {
    start: node.startIndex,
    end: node.endIndex,
    what: `${left.text} = false turns off certificate verification for ${optionKey ? 'the clients these options configure' : 'this Faraday connection'}.`,
    fixes: [statement ? fix(`Remove ${left.text} = false (verification is on by default)`, [removeStatement(text, statement)]) : fix('Set it to true', [replaceNode(right, 'true')])],
  }));
}

export function scanRuby(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  walk(root, (node) => {
    if (node.type === 'scope_resolution' && node.childForFieldName('name')?.text === 'VERIFY_NONE' && node.parent?.type !== 'scope_resolution') {
      if (isComparedOrAsserted(node)) return false;
      const condition = switchCondition(node, 'VERIFY_PEER');
      out.push(finding(rubyVerifyNone, {
        start: node.startIndex,
        end: node.endIndex,
        ...switchedOff(node.text, condition, `${node.text} turns off certificate verification for this connection.`),
        fixes: [fix('Use VERIFY_PEER', [replaceNode(node, node.text.replace(/VERIFY_NONE$/, 'VERIFY_PEER'))])],
      }));
      return false;
    }
    if (node.type === 'assignment') {
      checkSslVerifyAssignment(node, text, out);
      return undefined;
    }
    if (node.type !== 'pair') return undefined;
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value');
    if (!key || !value) return undefined;
    const name = symbolName(key);
    if (name && VERIFY_MODE_KEYS.has(name) && (value.type === 'simple_symbol' ? value.text.slice(1) : stringValue(value)) === 'none') {
      out.push(finding(rubyVerifyNone, {
        start: node.startIndex,
        end: node.endIndex,
        what: `${name}: ${value.text} turns off certificate verification for this connection.`,
        fixes: [fix(`Use ${name}: 'peer'`, [replaceNode(value, value.type === 'simple_symbol' ? ':peer' : `'peer'`)])],
      }));
      return undefined;
    }
    if (value.type !== 'false') return undefined;
    if (!name) return undefined;
    let applies = VERIFY_KEYS.has(name);
    if (name === 'verify') {
      const holder = node.parent;
      const outer = holder?.parent;
      const sslHash = holder?.type === 'hash' && outer?.type === 'pair' && symbolName(outer.childForFieldName('key')!) === 'ssl';
      const httpCall = holder?.type === 'argument_list' && HTTP_METHODS.test(holder.parent?.childForFieldName('method')?.text ?? '');
      // HTTParty's class-level `default_options.update(verify: false)` applies to every request.
      const defaults = holder?.type === 'argument_list' && /^default_options\.(?:update|merge!)$/.test(`${holder.parent?.childForFieldName('receiver')?.text}.${holder.parent?.childForFieldName('method')?.text}`);
      applies = sslHash || httpCall || defaults;
    }
    if (!applies) return undefined;
    out.push(finding(rubyVerifyNone, {
      start: node.startIndex,
      end: node.endIndex,
      what: `${name}: false turns off certificate verification for this client.`,
      fixes: [fix(`Remove ${name}: false (verification is on by default)`, [removeListItem(text, node)])],
    }));
    return undefined;
  });
  return out;
}
