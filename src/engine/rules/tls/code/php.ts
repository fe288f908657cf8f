import { callInfo, walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { removeListItem, removeStatement, replaceNode, statementOf, stringValue } from './edits';
import { phpCurlVerify, phpVerifyPeer } from './rules';

// PHP: cURL options (curl_setopt and option arrays), stream-context ssl options and Guzzle's
// `'verify' => false`.

export const PHP_KEYWORDS = ['CURLOPT_SSL_VERIFY', 'verify_peer', 'allow_self_signed', 'verify', 'VERIFY', 'withoutVerifying'];

const STATEMENTS = new Set(['expression_statement']);
const GUZZLE_SIBLINGS = new Set(['base_uri', 'timeout', 'connect_timeout', 'headers', 'http_errors', 'auth', 'proxy', 'query', 'json', 'form_params', 'multipart', 'allow_redirects', 'cert', 'handler']);
const HTTP_METHODS = /^(request|requestAsync|get|post|put|patch|delete|head|options|send|sendAsync|Client|__construct|withOptions)$/i;

/** false, 0, or the string '0' (PHP casts it to false). */
function isOff(value: SyntaxNode): boolean {
  return /^(false|0|'0'|"0")$/i.test(value.text.trim());
}

/** A value the rule cannot judge: a variable, property, array item or call (not a literal). */
function isComputed(value: SyntaxNode): boolean {
  return /variable_name|member_access|subscript|call_expression|class_constant_access/.test(value.type);
}

/** `CURLOPT_SSL_VERIFYPEER`, `'verify_peer'`, `RequestOptions::VERIFY` as a key name. */
function keyName(key: SyntaxNode): string | undefined {
  if (key.type === 'name') return key.text;
  if (key.type === 'class_constant_access_expression') return key.text.replace(/^.*::/, '') === 'VERIFY' ? 'verify' : undefined;
  return stringValue(key);
}

function curlFinding(option: string, value: SyntaxNode, start: number, end: number): Detection {
  const peer = option === 'CURLOPT_SSL_VERIFYPEER';
  return finding(phpCurlVerify, {
    start,
    end,
    what: `${option} set to ${value.text} turns off ${peer ? 'certificate' : 'host name'} verification for this cURL handle.`,
    fixes: [fix(`Set ${option} to ${peer ? 'true' : '2'}`, [replaceNode(value, peer ? 'true' : '2')])],
  });
}

/** Guzzle options: the array is an argument of a client call, or holds other Guzzle option keys. */
function inHttpOptions(element: SyntaxNode): boolean {
  const array = element.parent;
  if (!array) return false;
  // Guzzle 5 and 6 client defaults: `new Client(['defaults' => ['verify' => false]])`.
  const holder = array.parent?.type === 'array_element_initializer' ? array.parent : undefined;
  if (holder && keyName(holder.namedChildren[0]!) === 'defaults' && inHttpOptions(holder)) return true;
  for (const sibling of array.namedChildren) {
    const key = sibling?.namedChildren[0];
    if (sibling !== null && key && sibling.namedChildCount === 2 && GUZZLE_SIBLINGS.has(keyName(key) ?? '')) return true;
  }
  const call = array.parent?.type === 'argument' ? array.parent.parent?.parent : undefined;
  const info = call ? callInfo(call, 'php') : undefined;
  return !!info && (HTTP_METHODS.test(info.name) || /Client$/.test(info.callee) || /HttpClient\W{1,2}create$/.test(info.callee));
}

export function scanPhp(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  const facts = fileFacts(root);
  walk(root, (node) => {
    if (node.type === 'function_call_expression') {
      checkCurlSetopt(node, facts, out);
      checkStreamOption(node, out);
      return;
    }
    if (node.type === 'scoped_call_expression' || node.type === 'member_call_expression') {
      checkWithoutVerifying(node, out);
      checkSetDefaultOption(node, out);
      return;
    }
    if (node.type === 'assignment_expression') {
      checkOptionAssignment(node, text, facts, out);
      return;
    }
    if (node.type !== 'array_element_initializer' || node.namedChildCount !== 2) return;
    const [key, value] = [node.namedChildren[0]!, node.namedChildren[1]!];
    const name = keyName(key);
    if (!name) return;
    if (/^CURLOPT_SSL_VERIFY(PEER|HOST)$/.test(name) && isOff(value)) {
      out.push(curlFinding(name, value, node.startIndex, node.endIndex));
    } else if ((name === 'verify_peer' || name === 'verify_peer_name' || (name === 'verify_host' && inHttpOptions(node))) && isOff(value)) {
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: `'${name}' => false turns off ${name === 'verify_peer' ? 'certificate' : 'host name'} verification for this stream or client.`,
        fixes: [fix(`Set ${name} to true`, [replaceNode(value, 'true')])],
      }));
    } else if (name === 'allow_self_signed' && /^(true|1)$/i.test(value.text)) {
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: "'allow_self_signed' => true accepts a self-signed certificate from anyone.",
        severity: 'warning',
        fixes: [fix('Set allow_self_signed to false', [replaceNode(value, 'false')])],
      }));
    } else if (name === 'sslverify' && isOff(value)) {
      // WordPress HTTP API (wp_remote_get/post, WP_Http): the key exists for nothing else.
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: "'sslverify' => false makes this WordPress HTTP request accept any certificate.",
        fixes: [fix('Set sslverify to true', [replaceNode(value, 'true')])],
      }));
    } else if (name === 'verify' && isOff(value) && (inHttpOptions(node) || facts.httpOptionVariables.has(assignedVariable(node.parent) ?? ''))) {
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: "'verify' => false makes this HTTP client accept any certificate.",
        // Guzzle and Laravel verify by default: dropping the option is the whole fix.
        fixes: [fix("Remove 'verify' => false (verification is on by default)", [removeListItem(text, node)]), fix('Set verify to true', [replaceNode(value, 'true')], false)],
      }));
    }
  });
  return out;
}

interface PhpFacts {
  /** Variables passed to an HTTP client call (`$client->get($url, $options)`): their 'verify' keys count. */
  httpOptionVariables: Set<string>;
  /** Variables assigned a literal false/0 somewhere in the file (`$verify = false;`). */
  offVariables: Set<string>;
  /** Variables also assigned something else: a flag that chooses, not a constant. */
  otherVariables: Set<string>;
}

/** One pass over the file for the facts the per-node checks need about names. */
function fileFacts(root: SyntaxNode): PhpFacts {
  const facts: PhpFacts = { httpOptionVariables: new Set(), offVariables: new Set(), otherVariables: new Set() };
  walk(root, (node) => {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'variable_name' && right) (isOff(right) ? facts.offVariables : facts.otherVariables).add(left.text);
      return;
    }
    const call = callInfo(node, 'php');
    if (!call || !(HTTP_METHODS.test(call.name) || /Client$/.test(call.callee))) return;
    for (const arg of call.args) if (arg.type === 'variable_name') facts.httpOptionVariables.add(arg.text);
  });
  return facts;
}

/** `$options` for the array in `$options = [...]`. */
function assignedVariable(array: SyntaxNode | null): string | undefined {
  const assignment = array?.parent;
  if (!array || assignment?.type !== 'assignment_expression') return undefined;
  const left = assignment.childForFieldName('left');
  return left?.type === 'variable_name' && assignment.childForFieldName('right')?.startIndex === array.startIndex ? left.text : undefined;
}

/**
 * `curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, off)`, positional or with named arguments. A variable
 * assigned false in this file is as good as false; any other computed value is a hint, since a
 * configuration flag may choose it.
 */
function checkCurlSetopt(node: SyntaxNode, facts: PhpFacts, out: Detection[]): void {
  const call = callInfo(node, 'php');
  if (!call || call.name.toLowerCase() !== 'curl_setopt') return;
  const optionNode = call.keywords.get('option') ?? call.args[1];
  const value = call.keywords.get('value') ?? call.args[call.keywords.has('option') ? 0 : 2];
  if (!optionNode || !value) return;
  const option = optionNode.text;
  if (!/^CURLOPT_SSL_VERIFY(PEER|HOST)$/.test(option)) return;
  if (isOff(value) || (value.type === 'variable_name' && facts.offVariables.has(value.text) && !facts.otherVariables.has(value.text))) {
    out.push(curlFinding(option, value, node.startIndex, node.endIndex));
  } else if (isComputed(value)) {
    out.push(finding(phpCurlVerify, {
      start: node.startIndex,
      end: node.endIndex,
      what: `${option} comes from \`${value.text.slice(0, 40)}\`; make sure it cannot be false or 0 outside local development.`,
      severity: 'hint',
    }));
  }
}

/** `stream_context_set_option($ctx, 'ssl', 'verify_peer', false)`: the four-argument form. */
function checkStreamOption(node: SyntaxNode, out: Detection[]): void {
  const call = callInfo(node, 'php');
  if (!call || call.name.toLowerCase() !== 'stream_context_set_option' || call.args.length < 4) return;
  const [, wrapper, option, value] = call.args;
  const name = stringValue(option);
  if (stringValue(wrapper) !== 'ssl' || (name !== 'verify_peer' && name !== 'verify_peer_name') || !isOff(value)) return;
  out.push(finding(phpVerifyPeer, {
    start: node.startIndex,
    end: node.endIndex,
    what: `stream_context_set_option(..., 'ssl', '${name}', ${value.text}) turns off ${name === 'verify_peer' ? 'certificate' : 'host name'} verification for this stream.`,
    fixes: [fix(`Set ${name} to true`, [replaceNode(value, 'true')])],
  }));
}

/** Guzzle 5 `$client->setDefaultOption('verify', false)`: every request of the client. */
function checkSetDefaultOption(node: SyntaxNode, out: Detection[]): void {
  if (node.childForFieldName('name')?.text !== 'setDefaultOption') return;
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).map((arg) => arg?.namedChildren[0] ?? arg);
  const [option, value] = args;
  if (!option || !value || stringValue(option) !== 'verify' || !isOff(value)) return;
  out.push(finding(phpVerifyPeer, {
    start: node.startIndex,
    end: node.endIndex,
    what: "setDefaultOption('verify', false) makes every request of this Guzzle client accept any certificate.",
    fixes: [fix('Set verify to true', [replaceNode(value, 'true')])],
  }));
}

/** Laravel `Http::withoutVerifying()`: the client skips certificate verification. */
function checkWithoutVerifying(node: SyntaxNode, out: Detection[]): void {
  const name = node.childForFieldName('name');
  if (name?.text !== 'withoutVerifying') return;
  out.push(finding(phpVerifyPeer, {
    start: name.startIndex,
    end: node.childForFieldName('arguments')?.endIndex ?? node.endIndex,
    what: 'withoutVerifying() makes this Laravel HTTP client accept any certificate.',
  }));
}

/** `$options['verify'] = false;` on an options array later passed to an HTTP client call. */
function checkOptionAssignment(node: SyntaxNode, text: string, facts: PhpFacts, out: Detection[]): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left?.type !== 'subscript_expression' || !right || !isOff(right)) return;
  const [target, key] = left.namedChildren;
  const name = key ? stringValue(key) : undefined;
  if (!target || target.type !== 'variable_name' || !facts.httpOptionVariables.has(target.text)) return;
  if (name !== 'verify' && name !== 'verify_peer' && name !== 'sslverify') return;
  const statement = statementOf(node, STATEMENTS);
  out.push(finding(phpVerifyPeer, {
    start: node.startIndex,
    end: node.endIndex,
    what: `${left.text} = false makes the HTTP client that receives ${target.text} accept any certificate.`,
    fixes: [
      ...(statement ? [fix(`Remove ${left.text} = false (verification is on by default)`, [removeStatement(text, statement)])] : []),
      fix(`Set ${name} to true`, [replaceNode(right, 'true')], !statement),
    ],
  }));
}
