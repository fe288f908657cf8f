import { callInfo, walk, type SyntaxNode } from '../../../syntax';
import type { Detection, Severity } from '../../../types';
import { finding } from '../rule';
import { fix } from '../fixes';
import { switchCondition, switchedOff } from './branches';
import { removeListItem, removeStatement, replaceNode, statementOf, stringValue } from './edits';
import { assignmentAround, contextCreation, neverVerified, onCreations, type ContextCreation, type ContextSetting } from './pythonContexts';
import { pythonUnverifiedContext, pythonVerifyFalse, pythonWarningsDisabled } from './rules';

// Python: verify=False on HTTP clients, `session.verify = False`, aiohttp `ssl=False`, unverified
// SSL contexts, CERT_NONE and check_hostname = False; urllib3.disable_warnings as evidence.

export const PYTHON_KEYWORDS = ['verify', 'ssl', 'SSLContext', 'tlsAllowInvalid', 'tlsInsecure', 'CERT_NONE', 'check_hostname', '_create_unverified_context', '_create_stdlib_context', 'disable_warnings', 'cert_reqs', 'VERIFY_NONE', 'disable_ssl_certificate_validation', 'validate_cert', 'SSL_VERIFYPEER', 'SSL_VERIFYHOST'];

/** Private ssl helpers that build a context with CERT_NONE and no host name check. */
const UNVERIFIED_FACTORIES = new Set(['_create_unverified_context', '_create_stdlib_context']);

const STATEMENTS = new Set(['expression_statement']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'ws_connect', 'urlopen', 'Request']);
const HTTP_CLIENTS = new Set(['Client', 'AsyncClient', 'HTTPTransport', 'AsyncHTTPTransport', 'TCPConnector', 'ClientSession', 'Session', 'Elasticsearch', 'AsyncElasticsearch', 'OpenSearch', 'client', 'resource', 'PoolManager', 'HTTPSConnectionPool', 'Minio', 'Api', 'Github', 'Gitlab', 'Jira', 'Consul', 'Vault', 'Client']);
const HTTP_MODULES = /^(requests|httpx|aiohttp|boto3|botocore|urllib3|hvac|elasticsearch|opensearchpy)\./;
const MONGO_INSECURE = new Set(['tlsAllowInvalidCertificates', 'tlsInsecure', 'tlsAllowInvalidHostnames']);
const MOCK_ASSERTIONS = /^(?:assert_called_with|assert_called_once_with|assert_any_call|assert_has_calls)$/;
/** `verify` means something else here (JWT signatures, checksums). */
const NOT_TLS = /jwt|decode|signature|checksum|token|hash/i;
const VERIFY_KEYWORDS = new Set(['verify', 'verify_certs', 'verify_ssl', 'ssl_verify']);
/** A variable named like a CA bundle is the secure alternative, not a switch. */
const CA_LIKE = /ca|cert|bundle|path|file|pem/i;

function isFalse(node: SyntaxNode): boolean {
  return node.type === 'false' || node.text === '0';
}

function isLiteral(node: SyntaxNode): boolean {
  return ['true', 'false', 'none', 'string', 'integer', 'concatenated_string'].includes(node.type);
}

export function scanPython(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  const settings: ContextSetting[] = [];
  const creations: ContextCreation[] = [];
  const warningsOff = text.includes('disable_warnings');
  walk(root, (node) => {
    switch (node.type) {
      case 'call':
        checkCall(node, text, out, warningsOff, creations);
        break;
      case 'assignment':
        checkAssignment(node, text, out, settings);
        break;
      case 'pair':
        checkSplattedPair(node, text, out);
        break;
      case 'attribute':
      case 'identifier':
        checkName(node, text, out, settings);
        break;
      default:
        break;
    }
  });
  if (creations.length === 0) return out;
  // Settings of a context this file creates are reported on the creation (see pythonContexts.ts).
  const { moved, grouped } = onCreations(creations, settings);
  return [...out.filter((detection) => !moved.has(detection)), ...grouped, ...neverVerified(root, text, creations, grouped)];
}

function checkCall(node: SyntaxNode, text: string, out: Detection[], warningsOff: boolean, creations: ContextCreation[]): void {
  const call = callInfo(node, 'python');
  if (!call) return;
  const creation = contextCreation(node, call.callee);
  if (creation) creations.push(creation);
  if (call.name === 'disable_warnings' && /urllib3/.test(call.callee)) {
    const statement = statementOf(node, STATEMENTS);
    out.push(finding(pythonWarningsDisabled, {
      start: node.startIndex,
      end: node.endIndex,
      what: `${call.callee}() silences the warning urllib3 gives for unverified HTTPS requests.`,
      fixes: statement && [fix('Remove the call (and fix the unverified requests it hides)', [removeStatement(text, statement)])],
    }));
    return;
  }
  // A mock's assertion (`mock_get.assert_called_once_with(url, verify=False)`) reads a call made
  // elsewhere; it opens no connection itself.
  if (MOCK_ASSERTIONS.test(call.name) || /^(?:(?:unittest\.)?mock\.)?call$/.test(call.callee)) return;
  if (call.name === 'set_verify') {
    checkSetVerify(node, text, out);
    return;
  }
  if (call.name === 'setopt') {
    checkCurlSetopt(node, out);
    return;
  }
  const httpish = HTTP_VERBS.has(call.name) || HTTP_CLIENTS.has(call.name) || HTTP_MODULES.test(call.callee);
  for (const [keyword, value] of call.keywords) {
    const argument = value.parent!;
    if (VERIFY_KEYWORDS.has(keyword)) {
      if (NOT_TLS.test(call.callee)) continue;
      if (isFalse(value)) {
        const severity: Severity | undefined = httpish ? undefined : 'warning';
        out.push(finding(pythonVerifyFalse, {
          start: argument.startIndex,
          end: argument.endIndex,
          what: `${keyword}=False makes ${call.callee}() accept any certificate, including a forged one.`,
          severity,
          fixes: [fix(`Remove ${keyword}=False (verification is on by default)`, [removeListItem(text, argument)])],
        }));
      } else if (httpish && !isLiteral(value) && !CA_LIKE.test(value.text)) {
        out.push(finding(pythonVerifyFalse, {
          start: argument.startIndex,
          end: argument.endIndex,
          what: `${keyword} comes from \`${value.text.slice(0, 40)}\`; make sure it cannot be False outside local development${warningsOff ? ' (this file also silences urllib3\'s insecure-request warning)' : ''}.`,
          severity: warningsOff ? 'warning' : 'hint',
        }));
      }
    } else if (MONGO_INSECURE.has(keyword) && value.type === 'true') {
      // pymongo/motor: documented escape hatches that skip certificate or host name checks.
      out.push(finding(pythonVerifyFalse, {
        start: argument.startIndex,
        end: argument.endIndex,
        what: `${keyword}=True makes ${call.callee}() accept ${keyword === 'tlsAllowInvalidHostnames' ? 'a certificate issued for any host' : 'any certificate'}.`,
        severity: keyword === 'tlsAllowInvalidHostnames' ? 'warning' : undefined,
        fixes: [fix(`Remove ${keyword}=True (verification is on by default)`, [removeListItem(text, argument)])],
      }));
    } else if (keyword === 'ssl' && isFalse(value) && (HTTP_VERBS.has(call.name) || /TCPConnector|ClientSession|aiohttp\./.test(call.callee))) {
      out.push(finding(pythonVerifyFalse, {
        start: argument.startIndex,
        end: argument.endIndex,
        what: `ssl=False makes aiohttp's ${call.callee}() skip certificate verification.`,
        fixes: [fix('Remove ssl=False (aiohttp verifies by default)', [removeListItem(text, argument)])],
      }));
    } else if ((keyword === 'disable_ssl_certificate_validation' && value.type === 'true') || (keyword === 'validate_cert' && isFalse(value))) {
      // httplib2.Http(disable_ssl_certificate_validation=True); tornado HTTPRequest/fetch(validate_cert=False).
      out.push(finding(pythonVerifyFalse, {
        start: argument.startIndex,
        end: argument.endIndex,
        what: `${argument.text} makes ${call.callee}() accept any certificate, including a forged one.`,
        fixes: [fix(`Remove ${keyword} (verification is on by default)`, [removeListItem(text, argument)])],
      }));
    } else if ((keyword === 'cert_reqs' || keyword === 'ssl_cert_reqs') && /^(CERT_NONE|none)$/i.test(stringValue(value) ?? '')) {
      out.push(finding(pythonUnverifiedContext, {
        start: argument.startIndex,
        end: argument.endIndex,
        what: `${keyword}="${stringValue(value)}" turns off certificate verification.`,
        fixes: [fix(`Set ${keyword} to CERT_REQUIRED`, [replaceNode(value, keyword === 'ssl_cert_reqs' ? '"required"' : '"CERT_REQUIRED"')])],
      }));
    }
  }
}

function checkAssignment(node: SyntaxNode, text: string, out: Detection[], settings: ContextSetting[]): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right || left.type !== 'attribute') return;
  const name = left.childForFieldName('attribute')?.text;
  const statement = statementOf(node, STATEMENTS);
  // `session.verify = False` (requests), `configuration.verify_ssl = False` (the OpenAPI-generated
  // clients: kubernetes, and many vendors' SDKs).
  if ((name === 'verify' || name === 'verify_ssl') && isFalse(right)) {
    out.push(finding(pythonVerifyFalse, {
      start: node.startIndex,
      end: node.endIndex,
      what: `${left.text} = False makes every request of this ${name === 'verify' ? 'session' : 'client'} accept any certificate.`,
      fixes: statement && [fix(`Remove ${left.text} = False`, [removeStatement(text, statement)])],
    }));
  } else if (name === 'check_hostname' && isFalse(right)) {
    const detection = finding(pythonUnverifiedContext, {
      start: node.startIndex,
      end: node.endIndex,
      what: `${left.text} = False accepts a certificate issued for any host.`,
      fixes: [fix('Set check_hostname to True', [replaceNode(right, 'True')])],
    });
    out.push(detection);
    settings.push({ detection, assignment: node });
  }
}

/** `ssl.CERT_NONE` (or an imported `CERT_NONE`) used as a value, and `_create_unverified_context`. */
function checkName(node: SyntaxNode, text: string, out: Detection[], settings: ContextSetting[]): void {
  const parent = node.parent;
  if (!parent) return;
  const last = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : node.text;
  if (node.type === 'identifier' && parent.type === 'attribute') return;
  if (parent.type === 'comparison_operator' || /import/.test(parent.type) || parent.type === 'dotted_name' || parent.type === 'aliased_import') return;
  // Declaring the function (ssl.py itself) or translating the constant (`{ssl.CERT_NONE: VERIFY_NONE}`)
  // turns nothing off.
  if (parent.type === 'function_definition' || (parent.type === 'pair' && parent.childForFieldName('key')?.startIndex === node.startIndex)) return;
  if (last === 'CERT_NONE') {
    const condition = switchCondition(node, 'CERT_REQUIRED');
    const detection = finding(pythonUnverifiedContext, {
      start: node.startIndex,
      end: node.endIndex,
      ...switchedOff(node.text, condition, `${node.text} turns off certificate verification for this connection.`),
      fixes: [fix('Use CERT_REQUIRED', [replaceNode(node, node.text.replace(/CERT_NONE$/, 'CERT_REQUIRED'))])],
    });
    out.push(detection);
    const assignment = assignmentAround(node);
    if (assignment?.childForFieldName('left')?.childForFieldName('attribute')?.text === 'verify_mode') settings.push({ detection, assignment });
  } else if (last !== undefined && UNVERIFIED_FACTORIES.has(last)) {
    const isCall = parent.type === 'call' && parent.childForFieldName('function')?.startIndex === node.startIndex;
    const assignment = parent.type === 'assignment' ? parent : undefined;
    const statement = assignment && statementOf(assignment, STATEMENTS);
    out.push(finding(pythonUnverifiedContext, {
      start: (assignment ?? node).startIndex,
      end: (assignment ?? node).endIndex,
      what: assignment
        ? 'Replacing the default HTTPS context with an unverified one turns off certificate verification for every urllib request in the process.'
        : `${node.text}${isCall ? '()' : ''} creates a context that verifies neither certificates nor host names.`,
      fixes: statement
        ? [fix('Remove the override of the default HTTPS context', [removeStatement(text, statement)])]
        : isCall ? [fix('Use ssl.create_default_context()', [replaceNode(node, node.text.replace(/_create_(unverified|stdlib)_context$/, 'create_default_context'))])] : undefined,
    }));
  }
}

/**
 * pyOpenSSL `ctx.set_verify(SSL.VERIFY_NONE, ...)`: the first argument is the mode; VERIFY_NONE
 * accepts any peer certificate. Only the mode argument of set_verify counts, so translation tables
 * that merely name the constant stay silent.
 */
function checkSetVerify(node: SyntaxNode, text: string, out: Detection[]): void {
  const mode = node.childForFieldName('arguments')?.namedChildren[0];
  if (!mode || !/(^|\.)VERIFY_NONE$/.test(mode.text)) return;
  out.push(finding(pythonUnverifiedContext, {
    start: node.startIndex,
    end: node.endIndex,
    what: `${mode.text} in set_verify() makes this pyOpenSSL context accept any certificate.`,
    fixes: [fix('Use VERIFY_PEER', [replaceNode(mode, mode.text.replace(/VERIFY_NONE$/, 'VERIFY_PEER'))])],
  }));
}

/**
 * `{'verify': False}` is only an HTTP setting once it reaches a call as `**kwargs`: either splatted
 * in place or assigned to a name that is splatted later in this file (`requests.get(url, **kw)`).
 */
function checkSplattedPair(node: SyntaxNode, text: string, out: Detection[]): void {
  const key = node.childForFieldName('key');
  const value = node.childForFieldName('value');
  if (!key || !value || key.type !== 'string' || !isFalse(value)) return;
  const name = stringValue(key);
  if (name === undefined || !VERIFY_KEYWORDS.has(name)) return;
  const dict = node.parent;
  if (!dict || dict.type !== 'dictionary') return;
  const holder = dict.parent;
  let splatted = holder?.type === 'dictionary_splat';
  let target: string | undefined;
  if (holder?.type === 'assignment' && holder.childForFieldName('right')?.startIndex === dict.startIndex) {
    const left = holder.childForFieldName('left');
    if (left?.type === 'identifier') {
      target = left.text;
      splatted = splatIn(text, target);
    }
  }
  if (!splatted) return;
  out.push(finding(pythonVerifyFalse, {
    start: node.startIndex,
    end: node.endIndex,
    what: `'${name}': False${target ? ` in ${target}, passed as **${target},` : ''} makes the HTTP call accept any certificate, including a forged one.`,
    fixes: [fix(`Remove '${name}': False (verification is on by default)`, [removeListItem(text, node)])],
  }));
}

/** Whether `**name` appears as a whole name (not `**names`) anywhere in the file. */
function splatIn(text: string, name: string): boolean {
  for (let at = text.indexOf(`**${name}`); at !== -1; at = text.indexOf(`**${name}`, at + 2)) {
    const after = text.charCodeAt(at + 2 + name.length);
    if (!(after === 95 || (after >= 48 && after <= 57) || (after >= 65 && after <= 90) || (after >= 97 && after <= 122))) return true;
  }
  return false;
}

/** pycurl `c.setopt(pycurl.SSL_VERIFYPEER, 0)` / `SSL_VERIFYHOST, 0` (also `False`). */
function checkCurlSetopt(node: SyntaxNode, out: Detection[]): void {
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is SyntaxNode => arg !== null && arg.type !== 'comment');
  if (args.length !== 2) return;
  const option = /(?:^|\.)(SSL_VERIFYPEER|SSL_VERIFYHOST)$/.exec(args[0].text)?.[1];
  if (!option || !isFalse(args[1])) return;
  out.push(finding(pythonVerifyFalse, {
    start: node.startIndex,
    end: node.endIndex,
    what: `${option} set to ${args[1].text} makes this curl handle accept ${option === 'SSL_VERIFYHOST' ? 'a certificate issued for any host' : 'any certificate'}.`,
    fixes: [fix(`Set ${option} to ${option === 'SSL_VERIFYHOST' ? '2' : '1'}`, [replaceNode(args[1], option === 'SSL_VERIFYHOST' ? '2' : '1')])],
  }));
}
