import { nodesAroundWords, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding, type TlsRule } from '../rule';
import { fix } from '../fixes';
import { nodeTlsEnv } from '../config/rules';
import { removeListItem, removeStatement, replaceNode, statementOf, stringValue } from './edits';
import { checkServerIdentity, rejectUnauthorized } from './rules';

// JavaScript and TypeScript: TLS options in object literals and assignments, and
// NODE_TLS_REJECT_UNAUTHORIZED set from code.

export const JS_KEYWORDS = ['rejectUnauthorized', 'strictSSL', 'NODE_TLS_REJECT_UNAUTHORIZED', 'checkServerIdentity', 'insecure', 'tlsInsecure', 'tlsAllowInvalid', 'sslValidate', 'disableTLSCerts', 'ignoreHTTPSErrors', 'acceptInsecureCerts', 'certificate-error', 'setCertificateVerifyProc'];

const STATEMENTS = new Set(['expression_statement']);
const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'method_definition']);
/** Properties whose object holds TLS options, so that `insecure: true` in it means "do not verify". */
const TLS_PARENT_KEYS = /^(tls|ssl|https|agentOptions|tlsOptions|sslOptions|connect|secureContext)$/;
const TLS_SIBLING_KEYS = new Set(['ca', 'cert', 'key', 'servername', 'minVersion', 'maxVersion', 'secureProtocol', 'ciphers', 'rejectUnauthorized', 'pfx', 'passphrase']);
const TLS_CALLEE = /(^|\.)(tls|https)\.|Agent$|connect$|createSecureContext$|createClient$|WebSocket$/;

function propertyName(key: SyntaxNode | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier') return key.text;
  return stringValue(key);
}

/** The name a member or subscript expression writes to: `a.b.rejectUnauthorized`, `env['X']`. */
function memberName(node: SyntaxNode): string | undefined {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type === 'subscript_expression') return stringValue(node.childForFieldName('index'));
  return undefined;
}

function isProcessEnv(node: SyntaxNode | null): boolean {
  return !!node && /^process\s*\.\s*env$/.test(node.text);
}

/** false, 0, !1: values that turn a boolean option off. */
function isFalse(node: SyntaxNode): boolean {
  return node.type === 'false' || node.text === '0' || node.text.replace(/\s/g, '') === '!1';
}

function isTrue(node: SyntaxNode): boolean {
  return node.type === 'true' || node.text === '1' || node.text.replace(/\s/g, '') === '!0';
}

function isZeroString(node: SyntaxNode): boolean {
  return stringValue(node) === '0' || (node.type === 'number' && Number(node.text) === 0);
}

/** A literal the rule can judge; anything else (a variable, a call, a condition) is a hint at most. */
/** Literals of any kind: their value is fixed in the source, so a variable-value hint makes no sense. */
function isLiteral(node: SyntaxNode): boolean {
  return ['true', 'false', 'number', 'string', 'null', 'undefined', 'template_string', 'object', 'array', 'arrow_function', 'function_expression', 'function', 'class', 'regex'].includes(node.type);
}

/** A function that accepts every certificate: empty, or returning nothing/undefined/null. */
function alwaysAccepts(fn: SyntaxNode): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'statement_block') return /^(undefined|null|void\s+0)$/.test(body.text.trim());
  const statements = body.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
  if (statements.length === 0) return true;
  if (statements.length !== 1 || statements[0].type !== 'return_statement') return false;
  const value = statements[0].namedChildren.find((child) => child && child.type !== 'comment');
  return !value || /^(undefined|null|void\s+0)$/.test(value.text.trim());
}

function inTlsContext(pair: SyntaxNode): boolean {
  const object = pair.parent;
  if (!object) return false;
  for (const sibling of object.namedChildren) {
    if (sibling && sibling.type === 'pair' && TLS_SIBLING_KEYS.has(propertyName(sibling.childForFieldName('key')) ?? '')) return true;
  }
  const holder = object.parent;
  if (holder?.type === 'pair' && TLS_PARENT_KEYS.test(propertyName(holder.childForFieldName('key')) ?? '')) return true;
  if (holder?.type === 'arguments') {
    const call = holder.parent;
    const callee = call?.childForFieldName('function') ?? call?.childForFieldName('constructor');
    return !!callee && TLS_CALLEE.test(callee.text.replace(/\s/g, ''));
  }
  return false;
}

interface Setting {
  rule: TlsRule;
  what: string;
  /** Severity for the literal insecure value; undefined means the rule's own. */
  severity?: Detection['severity'];
  /** Whether the given value disables verification. */
  insecure: (value: SyntaxNode) => boolean;
  secure: (value: SyntaxNode) => boolean;
  /** Only in an object that holds TLS options. */
  needsTlsContext?: boolean;
}

const SETTINGS: Record<string, Setting> = {
  rejectUnauthorized: { rule: rejectUnauthorized, what: 'rejectUnauthorized: false makes this TLS client accept any certificate, including a forged one.', insecure: isFalse, secure: isTrue },
  strictSSL: { rule: rejectUnauthorized, what: 'strictSSL: false makes this request accept any certificate.', insecure: isFalse, secure: isTrue },
  sslValidate: { rule: rejectUnauthorized, what: 'sslValidate: false makes this client accept any certificate.', insecure: isFalse, secure: isTrue },
  tlsInsecure: { rule: rejectUnauthorized, what: 'tlsInsecure: true turns off certificate and host name verification.', insecure: isTrue, secure: isFalse },
  tlsAllowInvalidCertificates: { rule: rejectUnauthorized, what: 'tlsAllowInvalidCertificates: true makes this client accept any certificate.', insecure: isTrue, secure: isFalse },
  tlsAllowInvalidHostnames: { rule: rejectUnauthorized, what: 'tlsAllowInvalidHostnames: true accepts a certificate issued for another host.', severity: 'warning', insecure: isTrue, secure: isFalse },
  insecure: { rule: rejectUnauthorized, what: 'insecure: true in these TLS options turns off certificate verification.', insecure: isTrue, secure: isFalse, needsTlsContext: true },
  // Puppeteer and Playwright launch/context options, WebDriver capabilities: the browser accepts
  // any certificate. Mostly in test code, so a Warning.
  ignoreHTTPSErrors: { rule: rejectUnauthorized, what: 'ignoreHTTPSErrors: true makes this browser accept any certificate, including a forged one.', severity: 'warning', insecure: isTrue, secure: isFalse },
  acceptInsecureCerts: { rule: rejectUnauthorized, what: 'acceptInsecureCerts: true makes this browser accept any certificate, including a forged one.', severity: 'warning', insecure: isTrue, secure: isFalse },
};

const CHECKED = new Set(['pair', 'method_definition', 'assignment_expression', 'call_expression']);

export function scanJavaScript(root: SyntaxNode, text: string): Detection[] {
  const out: Detection[] = [];
  // Each check fires only on a key, method or member whose name holds one of JS_KEYWORDS, so only
  // the nodes around those words are looked at (a file-wide walk costs tens of ms on a large file).
  for (const node of nodesAroundWords(root, text, JS_KEYWORDS, CHECKED)) {
    if (node.type === 'pair') checkPair(node, text, out);
    else if (node.type === 'method_definition' && node.parent?.type === 'object') checkMethod(node, text, out);
    else if (node.type === 'assignment_expression') checkAssignment(node, text, out);
    else if (node.type === 'call_expression') {
      checkDisableCerts(node, out);
      checkElectron(node, out);
    }
  }
  return out;
}

/** superagent's `request.disableTLSCerts()`: the request accepts any certificate. The fix drops the call from the chain. */
function checkDisableCerts(node: SyntaxNode, out: Detection[]): void {
  const callee = node.childForFieldName('function');
  const property = callee?.type === 'member_expression' ? callee.childForFieldName('property') : undefined;
  const receiver = callee?.childForFieldName('object');
  if (property?.text !== 'disableTLSCerts' || !receiver) return;
  out.push(finding(rejectUnauthorized, {
    start: property.startIndex,
    end: node.endIndex,
    what: 'disableTLSCerts() makes this superagent request accept any certificate, including a forged one.',
    fixes: [fix('Remove .disableTLSCerts() (use .ca(caCert) for a private CA)', [{ start: receiver.endIndex, end: node.endIndex, newText: '' }])],
  }));
}

/** Whether the function's body calls `name(<accepting value>)` as one of its own statements (or is that call). */
function callsWith(fn: SyntaxNode, name: string, accepting: (value: SyntaxNode) => boolean): boolean {
  const body = fn.childForFieldName('body');
  const calls = body?.type === 'statement_block'
    ? body.namedChildren.filter((child) => child?.type === 'expression_statement').map((statement) => statement!.namedChildren[0])
    : [body];
  return calls.some((call) => {
    if (call?.type !== 'call_expression' || call.childForFieldName('function')?.text !== name) return false;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return args.length === 1 && !!args[0] && accepting(args[0]);
  });
}

/**
 * Electron: a `certificate-error` handler that calls `callback(true)` (after `preventDefault()`),
 * or `setCertificateVerifyProc` whose procedure calls `callback(0)`: every certificate is accepted.
 */
function checkElectron(node: SyntaxNode, out: Detection[]): void {
  const callee = node.childForFieldName('function');
  const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is SyntaxNode => !!arg && arg.type !== 'comment');
  const handler = args[args.length - 1];
  if (!handler || !FUNCTIONS.has(handler.type)) return;
  const params = handler.childForFieldName('parameters')?.namedChildren ?? [];
  const last = params[params.length - 1];
  // TypeScript wraps each parameter (`required_parameter`, its name in `pattern`).
  const callback = last && last.type !== 'identifier' ? last.childForFieldName('pattern') : last;
  if (callback?.type !== 'identifier') return;
  if ((method === 'on' || method === 'once') && stringValue(args[0]) === 'certificate-error' && callsWith(handler, callback.text, isTrue)) {
    out.push(finding(rejectUnauthorized, { start: node.startIndex, end: handler.startIndex, what: `This certificate-error handler calls ${callback.text}(true), so Electron accepts every certificate it is asked about.` }));
  } else if (method === 'setCertificateVerifyProc' && callsWith(handler, callback.text, (value) => value.text === '0')) {
    out.push(finding(rejectUnauthorized, { start: node.startIndex, end: handler.startIndex, what: `This certificate verify procedure calls ${callback.text}(0), so Electron accepts every certificate.` }));
  }
}

function checkPair(pair: SyntaxNode, text: string, out: Detection[]): void {
  const name = propertyName(pair.childForFieldName('key'));
  const value = pair.childForFieldName('value');
  if (!name || !value) return;
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED') {
    if (isZeroString(value)) {
      out.push(finding(nodeTlsEnv, { start: pair.startIndex, end: pair.endIndex, what: 'NODE_TLS_REJECT_UNAUTHORIZED: \'0\' in this environment turns off certificate verification for every HTTPS request of the process that gets it.', fixes: [fix('Remove NODE_TLS_REJECT_UNAUTHORIZED', [removeListItem(text, pair)])] }));
    }
    return;
  }
  if (name === 'checkServerIdentity') {
    if (FUNCTIONS.has(value.type) && alwaysAccepts(value)) {
      out.push(finding(checkServerIdentity, { start: pair.startIndex, end: pair.endIndex, what: 'This checkServerIdentity returns nothing, so every host name is accepted.', fixes: [fix('Remove checkServerIdentity (use Node\'s default check)', [removeListItem(text, pair)])] }));
    }
    return;
  }
  const setting = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!setting || (setting.needsTlsContext && !inTlsContext(pair))) return;
  if (setting.insecure(value)) {
    out.push(finding(setting.rule, { start: pair.startIndex, end: pair.endIndex, what: setting.what, severity: setting.severity, fixes: [fix(`Remove ${name} (verification is on by default)`, [removeListItem(text, pair)])] }));
  } else if (!setting.secure(value) && !isLiteral(value) && !setting.needsTlsContext) {
    out.push(finding(setting.rule, {
      start: pair.startIndex,
      end: pair.endIndex,
      what: `${name} comes from \`${value.text.length > 40 ? `${value.text.slice(0, 40)}…` : value.text}\`; make sure it cannot turn verification off outside local development.`,
      severity: 'hint',
    }));
  }
}

function checkMethod(method: SyntaxNode, text: string, out: Detection[]): void {
  if (propertyName(method.childForFieldName('name')) !== 'checkServerIdentity' || !alwaysAccepts(method)) return;
  out.push(finding(checkServerIdentity, { start: method.startIndex, end: method.endIndex, what: 'This checkServerIdentity returns nothing, so every host name is accepted.', fixes: [fix('Remove checkServerIdentity (use Node\'s default check)', [removeListItem(text, method)])] }));
}

function checkAssignment(node: SyntaxNode, text: string, out: Detection[]): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return;
  const name = memberName(left);
  if (!name) return;
  const statement = statementOf(node, STATEMENTS);
  const removal = statement ? [removeStatement(text, statement)] : undefined;
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && isProcessEnv(left.childForFieldName('object'))) {
    if (isZeroString(right)) {
      out.push(finding(nodeTlsEnv, {
        start: node.startIndex,
        end: node.endIndex,
        what: 'Setting process.env.NODE_TLS_REJECT_UNAUTHORIZED to \'0\' turns off certificate verification for every HTTPS request this process makes.',
        fixes: removal && [fix('Remove the NODE_TLS_REJECT_UNAUTHORIZED assignment', removal)],
      }));
    } else if (!isLiteral(right)) {
      out.push(finding(nodeTlsEnv, { start: node.startIndex, end: node.endIndex, what: `NODE_TLS_REJECT_UNAUTHORIZED is set from \`${right.text.slice(0, 40)}\`; if that can be '0', certificate verification is off for the whole process.`, severity: 'hint' }));
    }
    return;
  }
  if (name === 'checkServerIdentity' && FUNCTIONS.has(right.type) && alwaysAccepts(right)) {
    out.push(finding(checkServerIdentity, { start: node.startIndex, end: node.endIndex, what: 'This checkServerIdentity returns nothing, so every host name is accepted.', fixes: removal && [fix('Remove the checkServerIdentity override', removal)] }));
    return;
  }
  const setting = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!setting || setting.needsTlsContext || !setting.insecure(right)) return;
  const secureValue = setting.insecure === isFalse ? 'true' : 'false';
  out.push(finding(setting.rule, {
    start: node.startIndex,
    end: node.endIndex,
    what: setting.what,
    severity: setting.severity,
    fixes: [fix(`Set ${name} to ${secureValue}`, [replaceNode(right, secureValue)]), ...(removal ? [fix(`Remove the ${name} assignment`, removal, false)] : [])],
  }));
}
