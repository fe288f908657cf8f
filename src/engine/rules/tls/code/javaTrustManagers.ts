import { walk, type SyntaxNode } from '../../../syntax';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { javaHostnameVerifier, javaTrustAll } from './rules';

// Java trust managers and host name verifiers as a reviewer reads them: the finding sits on the
// class (`class TrustAll implements X509TrustManager`, `new X509TrustManager() {`), with the
// method that accepts everything and the places that install it (`sslContext.init(null,
// trustAllCerts, ...)`, `setDefaultHostnameVerifier(allHostsValid)`) as related locations.
//
// A checkServerTrusted accepts everything when it can never throw: it is empty, only logs, only
// returns, or catches the CertificateException of the check it delegates to and only logs it.

/** Receivers and methods of logging calls: a body made of them alone decides nothing. */
const LOGGERS = /^(?:log|logger|LOG|LOGGER|Log|Logger|sLog|sLogger|_log|_logger|this\.log|this\.logger|System\.out|System\.err|Timber)$/;
const LOG_METHODS = /^(?:trace|debug|info|warn|warning|error|fine|finer|finest|severe|log|println|print|printf|d|i|v|w|e|wtf)$/;
/** Exceptions whose catch, without a rethrow, swallows a failed certificate check. */
const SWALLOWED = /^(?:CertificateException|CertificateExpiredException|CertificateNotYetValidException|GeneralSecurityException|Exception|Throwable|RuntimeException)$/;
const INSTALLERS = /^(?:init|setDefaultHostnameVerifier|setHostnameVerifier|hostnameVerifier|setSSLHostnameVerifier)$/;

function statementsOf(block: SyntaxNode | null | undefined): SyntaxNode[] {
  return (block?.namedChildren ?? []).filter((child) => child && child.type !== 'line_comment' && child.type !== 'block_comment') as SyntaxNode[];
}

function isLogging(statement: SyntaxNode): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  if (call?.type !== 'method_invocation') return false;
  const receiver = call.childForFieldName('object')?.text ?? '';
  return LOGGERS.test(receiver) && LOG_METHODS.test(call.childForFieldName('name')?.text ?? '');
}

function hasThrow(node: SyntaxNode): boolean {
  let found = false;
  walk(node, (inner) => {
    if (inner.type === 'throw_statement') found = true;
  });
  return found;
}

/** A try whose every catch takes a certificate failure and neither rethrows nor does more than log. */
function swallows(statement: SyntaxNode): boolean {
  if (statement.type !== 'try_statement') return false;
  const catches = statement.namedChildren.filter((child) => child?.type === 'catch_clause') as SyntaxNode[];
  if (catches.length === 0 || statement.namedChildren.some((child) => child?.type === 'finally_clause' && hasThrow(child))) return false;
  return catches.every((clause) => {
    const types = clause.namedChildren.find((child) => child?.type === 'catch_formal_parameter')?.namedChildren.find((child) => child?.type === 'catch_type');
    const caught = (types?.namedChildren ?? []).some((type) => !!type && SWALLOWED.test(type.text.replace(/^.*\./, '')));
    const body = clause.childForFieldName('body') ?? clause.namedChildren.find((child) => child?.type === 'block');
    return caught && statementsOf(body).every((inner) => isLogging(inner) || (inner.type === 'return_statement' && inner.namedChildCount === 0));
  });
}

/** checkServerTrusted's body: true when it can never throw, so every chain is accepted. */
export function neverThrows(body: SyntaxNode | null | undefined): boolean {
  if (!body) return false;
  return statementsOf(body).every((statement) => (statement.type === 'return_statement' && statement.namedChildCount === 0)
    || isLogging(statement) || swallows(statement) || statement.type === ';');
}

/** The class a method belongs to: its declaration, or the `new X() { ... }` of an anonymous one. */
function ownerOf(method: SyntaxNode): SyntaxNode | undefined {
  const body = method.parent;
  const owner = body?.type === 'class_body' ? body.parent : undefined;
  return owner && (owner.type === 'class_declaration' || owner.type === 'object_creation_expression' || owner.type === 'enum_declaration') ? owner : undefined;
}

/** The range a reviewer looks at for a class: its name, or `new X509TrustManager()`. */
function headOf(owner: SyntaxNode): { start: number; end: number; name: string } {
  if (owner.type === 'object_creation_expression') {
    const args = owner.childForFieldName('arguments');
    const type = owner.childForFieldName('type')?.text ?? 'anonymous class';
    return { start: owner.startIndex, end: args?.endIndex ?? owner.startIndex + 3, name: `new ${type}()` };
  }
  const name = owner.childForFieldName('name');
  return { start: name?.startIndex ?? owner.startIndex, end: name?.endIndex ?? owner.endIndex, name: name?.text ?? 'this class' };
}

/**
 * The names the class is known by in this file: its own name, or the variable or field an
 * anonymous instance (or an array holding it) initialises: `TrustManager[] trustAllCerts = ...`.
 */
function namesOf(owner: SyntaxNode): string[] {
  if (owner.type !== 'object_creation_expression') {
    const name = owner.childForFieldName('name')?.text;
    return name ? [name] : [];
  }
  for (let at = owner.parent, depth = 0; at && depth < 5; at = at.parent, depth += 1) {
    if (at.type === 'variable_declarator') return [at.childForFieldName('name')?.text ?? ''].filter(Boolean);
    if (at.type === 'assignment_expression') return [at.childForFieldName('left')?.text ?? ''].filter(Boolean);
    if (/statement|declaration|argument_list/.test(at.type)) break;
  }
  return [];
}

const isWordChar = (code: number) => code === 36 || code === 95 || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Whether `text` holds `name` as a whole Java identifier (not `trustAllCerts2` for `trustAllCerts`). */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (!isWordChar(text.charCodeAt(at - 1)) && !isWordChar(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/** Whether a method invocation may install a trust manager or verifier (`init`, the verifier setters). */
export function isInstaller(node: SyntaxNode): boolean {
  return node.type === 'method_invocation' && INSTALLERS.test(node.childForFieldName('name')?.text ?? '');
}

/** Calls that install the class: `ctx.init(km, <it>, random)`, `setDefaultHostnameVerifier(<it>)`, by name or in place. */
function installations(candidates: readonly SyntaxNode[], owner: SyntaxNode, names: readonly string[]): SyntaxNode[] {
  return candidates.filter((node) => {
    const args = node.childForFieldName('arguments');
    if (!args) return false;
    return (owner.startIndex >= args.startIndex && owner.endIndex <= args.endIndex) || names.some((name) => mentions(args.text, name));
  });
}

export type TrustKind = 'trust-manager' | 'hostname-verifier';

/**
 * One finding per class whose checkServerTrusted never throws (or whose HostnameVerifier.verify
 * returns true), on the class; the methods and installations as related locations.
 */
export function acceptingClasses(installers: readonly SyntaxNode[], methods: readonly { method: SyntaxNode; kind: TrustKind }[]): Detection[] {
  const byOwner = new Map<number, { owner?: SyntaxNode; kind: TrustKind; methods: SyntaxNode[] }>();
  for (const { method, kind } of methods) {
    const owner = ownerOf(method);
    const key = owner?.startIndex ?? -1 - method.startIndex;
    const entry = byOwner.get(key) ?? { owner, kind, methods: [] };
    entry.methods.push(method);
    byOwner.set(key, entry);
  }
  const out: Detection[] = [];
  for (const { owner, kind, methods: accepting } of byOwner.values()) {
    const verifier = kind === 'hostname-verifier';
    const methodName = verifier ? 'verify' : 'checkServerTrusted';
    const related = accepting.map((method) => {
      const name = method.childForFieldName('name') ?? method;
      return { start: name.startIndex, end: name.endIndex, message: verifier ? 'verify returns true for every host' : `${methodName} never throws` };
    });
    if (!owner) {
      const name = accepting[0].childForFieldName('name') ?? accepting[0];
      out.push(finding(verifier ? javaHostnameVerifier : javaTrustAll, {
        start: name.startIndex,
        end: name.endIndex,
        what: verifier ? 'This HostnameVerifier returns true for every host.' : 'This checkServerTrusted never throws, so the trust manager accepts every certificate chain.',
      }));
      continue;
    }
    const head = headOf(owner);
    const installs = installations(installers, owner, namesOf(owner));
    const installed = installs.map((call) => ({ start: call.startIndex, end: call.endIndex, message: verifier ? 'installed here' : 'installed into the SSLContext here' }));
    out.push(finding(verifier ? javaHostnameVerifier : javaTrustAll, {
      start: head.start,
      end: head.end,
      what: verifier
        ? `${head.name} is a HostnameVerifier whose verify returns true for every host${installs.length ? ', and it is installed' : ''}.`
        : `${head.name} is a trust manager whose ${methodName} never throws (it is empty, only logs, or swallows the failure), so it accepts every certificate chain${installs.length ? ', and it is installed into an SSLContext' : ''}.`,
      related: [...related, ...installed],
    }));
  }
  return out;
}

/** Names that say a trust manager accepts everything: `TrustAllManager`, `InsecureTrustManager`, `NaiveTrustManager`. */
const TRUST_ALL_NAME = /^(?:TrustAll|TrustEverything|AcceptAll|AllTrusting|Insecure|Naive|Dummy|Noop|NoOp|Permissive|Lenient|Blind|Fake|NonValidating|NullTrust)\w{0,40}TrustManager$|^TrustAll\w{0,40}$/;

/**
 * `ctx.init(km, new TrustManager[] { new TrustAllManager() }, rnd)` where the class is not declared in
 * this file (so its checkServerTrusted cannot be read): a Warning by the class's name alone.
 */
export function trustAllByName(root: SyntaxNode, installers: readonly SyntaxNode[], reported: readonly Detection[]): Detection[] {
  const out: Detection[] = [];
  let declared: Set<string> | undefined;
  for (const call of installers) {
    if (call.childForFieldName('name')?.text !== 'init') continue;
    const managers = call.childForFieldName('arguments')?.namedChildren[1];
    if (!managers || reported.some((detection) => detection.related?.some((related) => related.start === call.startIndex))) continue;
    walk(managers, (node) => {
      if (node.type !== 'object_creation_expression') return;
      const type = node.childForFieldName('type');
      const name = type?.text.replace(/^.*\./, '') ?? '';
      if (!type || node.childForFieldName('body') || node.namedChildren.some((child) => child?.type === 'class_body') || !TRUST_ALL_NAME.test(name)) return;
      if (!declared) {
        const names = new Set<string>();
        walk(root, (inner) => {
          if (inner.type === 'class_declaration') names.add(inner.childForFieldName('name')?.text ?? '');
        });
        declared = names;
      }
      if (declared.has(name)) return;
      out.push(finding(javaTrustAll, {
        start: node.startIndex,
        end: node.endIndex,
        what: `new ${name}() is handed to SSLContext.init; its class is not in this file, but its name says it trusts every certificate chain.`,
        severity: 'warning',
        related: [{ start: call.startIndex, end: call.endIndex, message: 'installed into the SSLContext here' }],
      }));
    });
  }
  return out;
}
