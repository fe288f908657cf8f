import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { javaHostnameVerifier, javaTrustAll } from './rules';
import { acceptingClasses, isInstaller, neverThrows, trustAllByName, type TrustKind } from './javaTrustManagers';

// Java: trust managers whose checkServerTrusted never throws and host name verifiers that return
// true (reported on their class: javaTrustManagers.ts), trust-all strategies and factories, and
// the Apache/OkHttp verifiers that accept every host.

export const JAVA_KEYWORDS = ['setTrustAll', 'TrustManager[]', 'checkServerTrusted', 'TrustAllStrategy', 'TrustSelfSignedStrategy', 'InsecureTrustManagerFactory', 'HostnameVerifier', 'hostnameVerifier', 'ALLOW_ALL_HOSTNAME_VERIFIER', 'loadTrustMaterial', 'verify', 'isTrusted', 'useRelaxedHTTPSValidation', 'relaxedHTTPSValidation', 'disableHostnameVerification', 'disableEndpointIdentification'];

const TRUST_ALL_TYPES: Record<string, 'error' | 'warning'> = { TrustAllStrategy: 'error', InsecureTrustManagerFactory: 'error', TrustSelfSignedStrategy: 'warning' };
const ALLOW_ALL_VERIFIERS = new Set(['NoopHostnameVerifier', 'AllowAllHostnameVerifier', 'ALLOW_ALL_HOSTNAME_VERIFIER']);
const VERIFIER_SETTERS = /^(hostnameVerifier|setHostnameVerifier|setDefaultHostnameVerifier|setSSLHostnameVerifier)$/;
const TRUST_SETTERS = /^(loadTrustMaterial)$/;

function statements(block: SyntaxNode | null): SyntaxNode[] {
  return (block?.namedChildren ?? []).filter((child) => child && child.type !== 'line_comment' && child.type !== 'block_comment') as SyntaxNode[];
}

/** `-> true` or `-> { return true; }` or a body that is just `return true;`. */
function returnsTrue(body: SyntaxNode | null): boolean {
  if (!body) return false;
  if (body.type === 'true') return true;
  const list = statements(body);
  return list.length === 1 && list[0].type === 'return_statement' && list[0].namedChildren[0]?.type === 'true';
}

function inImport(node: SyntaxNode): boolean {
  for (let at = node.parent; at; at = at.parent) if (at.type === 'import_declaration') return true;
  return false;
}

/** Declared type of the variable a lambda initialises: `HostnameVerifier hv = (h, s) -> true;`. */
function declaredType(lambda: SyntaxNode): string {
  const declarator = lambda.parent;
  if (declarator?.type !== 'variable_declarator') return '';
  return declarator.parent?.childForFieldName('type')?.text ?? '';
}

/** Vert.x `options.setTrustAll(true)`: the client trusts every server certificate. */
function checkVertxTrustAll(node: SyntaxNode, out: Detection[]): void {
  const name = node.childForFieldName('name');
  if (name?.text !== 'setTrustAll') return;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  if (args.length !== 1 || args[0]?.type !== 'true') return;
  out.push(finding(javaTrustAll, { start: name.startIndex, end: node.endIndex, what: 'setTrustAll(true) makes this Vert.x client trust every server certificate.' }));
}

/** REST Assured `RestAssured.useRelaxedHTTPSValidation()` / `given().relaxedHTTPSValidation()`: trusts every certificate and host. */
function checkRelaxedValidation(node: SyntaxNode, out: Detection[]): void {
  const name = node.childForFieldName('name');
  if (name?.text !== 'useRelaxedHTTPSValidation' && name?.text !== 'relaxedHTTPSValidation') return;
  out.push(finding(javaTrustAll, { start: name.startIndex, end: node.endIndex, what: `${name.text}() makes REST Assured trust every server certificate, for any host.` }));
}

/** JDK switches that turn host name checks off for every connection of the process. */
const HOSTNAME_CHECK_PROPERTIES = new Set(['jdk.internal.httpclient.disableHostnameVerification', 'com.sun.jndi.ldap.object.disableEndpointIdentification']);

/** `System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true")`. */
function checkHostnameProperty(node: SyntaxNode, out: Detection[]): void {
  if (node.childForFieldName('name')?.text !== 'setProperty') return;
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is SyntaxNode => !!arg && arg.type !== 'line_comment' && arg.type !== 'block_comment');
  const property = args[0]?.type === 'string_literal' ? args[0].text.slice(1, -1) : '';
  if (!HOSTNAME_CHECK_PROPERTIES.has(property) || args[1]?.text.replace(/"/g, '') !== 'true') return;
  out.push(finding(javaHostnameVerifier, { start: node.startIndex, end: node.endIndex, what: `${property}=true turns off host name verification for every connection of this JVM.` }));
}

export function scanJava(root: SyntaxNode, _text: string): Detection[] {
  const out: Detection[] = [];
  const accepting: { method: SyntaxNode; kind: TrustKind }[] = [];
  const installers: SyntaxNode[] = [];
  walk(root, (node) => {
    switch (node.type) {
      case 'method_invocation':
        if (isInstaller(node)) installers.push(node);
        else {
          checkVertxTrustAll(node, out);
          checkRelaxedValidation(node, out);
          checkHostnameProperty(node, out);
        }
        break;
      case 'method_declaration': {
        const name = node.childForFieldName('name');
        const body = node.childForFieldName('body');
        const params = node.childForFieldName('parameters')?.namedChildren.length ?? 0;
        if (name?.text === 'checkServerTrusted' && body && neverThrows(body)) {
          accepting.push({ method: node, kind: 'trust-manager' });
        } else if (name?.text === 'verify' && params === 2 && /SSLSession/.test(node.childForFieldName('parameters')!.text) && returnsTrue(body)) {
          accepting.push({ method: node, kind: 'hostname-verifier' });
        } else if (name?.text === 'isTrusted' && params === 2 && /X509Certificate/.test(node.childForFieldName('parameters')!.text) && returnsTrue(body)) {
          // Apache HttpClient TrustStrategy, anonymous or named: true skips the chain check entirely.
          out.push(finding(javaTrustAll, { start: name.startIndex, end: name.endIndex, what: 'This TrustStrategy.isTrusted returns true, so every certificate chain is trusted.' }));
        }
        break;
      }
      case 'lambda_expression': {
        if (!returnsTrue(node.childForFieldName('body'))) break;
        const call = node.parent?.type === 'argument_list' ? node.parent.parent : undefined;
        const method = call?.type === 'method_invocation' ? call.childForFieldName('name')?.text ?? '' : '';
        const type = declaredType(node);
        if (VERIFIER_SETTERS.test(method) || /HostnameVerifier$/.test(type)) {
          out.push(finding(javaHostnameVerifier, { start: node.startIndex, end: node.endIndex, what: 'This host name verifier returns true for every host.' }));
        } else if (TRUST_SETTERS.test(method) || /TrustStrategy$/.test(type)) {
          out.push(finding(javaTrustAll, { start: node.startIndex, end: node.endIndex, what: 'This trust strategy returns true, so every certificate chain is trusted.' }));
        }
        break;
      }
      case 'identifier':
      case 'type_identifier': {
        if (inImport(node)) break;
        const severity = TRUST_ALL_TYPES[node.text];
        if (severity) {
          out.push(finding(javaTrustAll, {
            start: node.startIndex,
            end: node.endIndex,
            what: severity === 'error' ? `${node.text} trusts every certificate chain.` : `${node.text} trusts any self-signed certificate, which anyone can make.`,
            severity: severity === 'warning' ? 'warning' : undefined,
          }));
        } else if (ALLOW_ALL_VERIFIERS.has(node.text)) {
          out.push(finding(javaHostnameVerifier, { start: node.startIndex, end: node.endIndex, what: `${node.text} accepts a certificate issued for any host.` }));
        }
        break;
      }
      default:
        break;
    }
  });
  // Reported on the class, with the accepting methods and where it is installed as related locations.
  const classes = acceptingClasses(installers, accepting);
  return [...out, ...classes, ...trustAllByName(root, installers, classes)].sort((a, b) => a.start - b.start);
}
