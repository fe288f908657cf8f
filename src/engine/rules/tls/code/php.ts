import { callInfo, walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { replaceNode, stringValue } from './edits';
import { phpCurlVerify, phpVerifyPeer } from './rules';

// PHP: cURL options (curl_setopt and option arrays), stream-context ssl options and Guzzle's
// `'verify' => false`.

export const PHP_KEYWORDS = ['CURLOPT_SSL_VERIFY', 'verify_peer', 'allow_self_signed', 'verify', 'VERIFY'];

const GUZZLE_SIBLINGS = new Set(['base_uri', 'timeout', 'connect_timeout', 'headers', 'http_errors', 'auth', 'proxy', 'query', 'json', 'form_params', 'multipart', 'allow_redirects', 'cert', 'handler']);
const HTTP_METHODS = /^(request|requestAsync|get|post|put|patch|delete|head|options|send|sendAsync|Client|__construct)$/i;

function isOff(value: SyntaxNode): boolean {
  return /^(false|0)$/i.test(value.text.trim());
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
  for (const sibling of array.namedChildren) {
    const key = sibling?.namedChildren[0];
    if (sibling !== null && key && sibling.namedChildCount === 2 && GUZZLE_SIBLINGS.has(keyName(key) ?? '')) return true;
  }
  const call = array.parent?.type === 'argument' ? array.parent.parent?.parent : undefined;
  const info = call ? callInfo(call, 'php') : undefined;
  return !!info && (HTTP_METHODS.test(info.name) || /Client$/.test(info.callee));
}

export function scanPhp(root: SyntaxNode, _text: string): Detection[] {
  const out: Detection[] = [];
  walk(root, (node) => {
    if (node.type === 'function_call_expression') {
      const call = callInfo(node, 'php');
      if (!call || call.name.toLowerCase() !== 'curl_setopt' || call.args.length < 3) return;
      const option = call.args[1].text;
      if (/^CURLOPT_SSL_VERIFY(PEER|HOST)$/.test(option) && isOff(call.args[2])) out.push(curlFinding(option, call.args[2], node.startIndex, node.endIndex));
      return;
    }
    if (node.type !== 'array_element_initializer' || node.namedChildCount !== 2) return;
    const [key, value] = [node.namedChildren[0]!, node.namedChildren[1]!];
    const name = keyName(key);
    if (!name) return;
    if (/^CURLOPT_SSL_VERIFY(PEER|HOST)$/.test(name) && isOff(value)) {
      out.push(curlFinding(name, value, node.startIndex, node.endIndex));
    } else if ((name === 'verify_peer' || name === 'verify_peer_name') && isOff(value)) {
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: `'${name}' => false turns off ${name === 'verify_peer' ? 'certificate' : 'host name'} verification for this stream.`,
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
    } else if (name === 'verify' && isOff(value) && inHttpOptions(node)) {
      out.push(finding(phpVerifyPeer, {
        start: node.startIndex,
        end: node.endIndex,
        what: "'verify' => false makes this HTTP client accept any certificate.",
        fixes: [fix('Set verify to true', [replaceNode(value, 'true')])],
      }));
    }
  });
  return out;
}
