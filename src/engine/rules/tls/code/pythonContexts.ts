import { callInfo, enclosingFunction, walk, type SyntaxNode } from '../../../syntax';
import type { Detection, OffsetEdit } from '../../../types';
import { finding, MITM } from '../rule';
import { fix } from '../fixes';
import { replaceNode } from './edits';
import { pythonUnverifiedContext } from './rules';

// Python `ssl` contexts as a reviewer reads them: the finding sits on the context's creation
// (`ctx = ssl.SSLContext(...)`, `ssl.create_default_context()`), with the settings that turn
// verification off (`ctx.verify_mode = CERT_NONE`, `ctx.check_hostname = False`) as related
// locations and one fix for all of them. A context made with PROTOCOL_TLS (or SSLv23, or no
// protocol) starts with CERT_NONE and no host name check: if nothing in the file turns
// verification on, the creation itself is the finding.

const CREATORS = /(^|\.)(SSLContext|create_default_context)$/;
/** Protocols whose fresh context verifies nothing (PROTOCOL_TLS_CLIENT verifies by default). */
const UNVERIFYING_PROTOCOLS = /(^|\.)PROTOCOL_(TLS|SSLv23|TLSv1(_1|_2)?)$/;
/** Signs that a context serves TLS rather than connects: a server does not verify its clients by default, rightly. */
const SERVER_SIDE = /server_side\s{0,4}=\s{0,4}True|create_server|start_server|run_app|serve_forever|HTTPServer|ssl_context\.load_cert_chain|PROTOCOL_TLS_SERVER/;
/** Keyword arguments that hand a context to a client. */
const CONTEXT_KEYWORDS = new Set(['context', 'ssl', 'ssl_context']);

export interface ContextCreation {
  call: SyntaxNode;
  /** The name or attribute it is assigned to (`ctx`, `self._ctx`); undefined when used in place. */
  target?: string;
  scope?: SyntaxNode;
}

/** A context setting found by the per-node checks, with the detection they made for it. */
export interface ContextSetting {
  detection: Detection;
  assignment: SyntaxNode;
}

/**
 * The context creation `node` is, given its call info (the scanner's walk computes it anyway), or
 * undefined: `ctx = ssl.SSLContext(...)`, `ssl.create_default_context()` used in place.
 */
export function contextCreation(node: SyntaxNode, callee: string): ContextCreation | undefined {
  if (!CREATORS.test(callee)) return undefined;
  const parent = node.parent;
  const target = parent?.type === 'assignment' && parent.childForFieldName('right')?.startIndex === node.startIndex
    ? parent.childForFieldName('left')?.text
    : undefined;
  return { call: node, target, scope: enclosingFunction(node, 'python') };
}

/** `ctx` for `ctx.verify_mode = ...`: the object whose attribute an assignment sets. */
export function settingTarget(assignment: SyntaxNode): string | undefined {
  const left = assignment.childForFieldName('left');
  return left?.type === 'attribute' ? left.childForFieldName('object')?.text : undefined;
}

/** The assignment (within a few levels) whose right side holds `node`: `ctx.verify_mode = <node>`. */
export function assignmentAround(node: SyntaxNode): SyntaxNode | undefined {
  let at: SyntaxNode | null = node.parent;
  for (let depth = 0; at && depth < 4; depth += 1, at = at.parent) {
    if (at.type === 'assignment') return at;
    if (at.type === 'expression_statement' || at.type === 'block') return undefined;
  }
  return undefined;
}

/** The latest creation of `target` before `at`, in the same function (or any, for `self.` attributes and module-level contexts). */
function creationOf(creations: readonly ContextCreation[], target: string, at: SyntaxNode): ContextCreation | undefined {
  const scope = enclosingFunction(at, 'python');
  let best: ContextCreation | undefined;
  for (const creation of creations) {
    if (creation.target !== target || creation.call.startIndex > at.startIndex) continue;
    const sameScope = creation.scope?.startIndex === scope?.startIndex || !creation.scope || target.startsWith('self.');
    if (sameScope && (!best || creation.call.startIndex > best.call.startIndex)) best = creation;
  }
  return best;
}

/**
 * Where a creation's finding starts: at the name it is assigned to (`ctx = ssl.SSLContext(...)`),
 * so that two contexts of one file read differently (a finding's fingerprint hashes its text).
 */
function spanStart(call: SyntaxNode): number {
  const parent = call.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.startIndex === call.startIndex ? parent.startIndex : call.startIndex;
}

/** The first sentence(s) of a detection's message, without the rule's help. */
function whatOf(detection: Detection): string {
  const at = detection.message.indexOf(MITM);
  return (at > 0 ? detection.message.slice(0, at) : detection.message).trim();
}

/**
 * Moves the findings of context settings onto the context's creation when this file creates it:
 * one finding per context, each setting a related location, one fix that edits them all. Settings
 * whose context is made elsewhere keep their own finding.
 */
export function onCreations(creations: readonly ContextCreation[], settings: readonly ContextSetting[]): { moved: Set<Detection>; grouped: Detection[] } {
  const groups = new Map<SyntaxNode, ContextSetting[]>();
  const byStart = new Map<number, SyntaxNode>();
  for (const setting of settings) {
    const target = settingTarget(setting.assignment);
    const creation = target ? creationOf(creations, target, setting.assignment) : undefined;
    if (!creation) continue;
    const key = byStart.get(creation.call.startIndex) ?? creation.call;
    byStart.set(creation.call.startIndex, key);
    groups.set(key, [...(groups.get(key) ?? []), setting]);
  }
  const moved = new Set<Detection>();
  const grouped: Detection[] = [];
  for (const [call, members] of groups) {
    members.forEach((member) => moved.add(member.detection));
    const edits: OffsetEdit[] = members.flatMap((member) => member.detection.fixes?.[0]?.edits ?? []);
    const switched = members.every((member) => member.detection.severity === 'warning');
    const names = members.map((member) => member.assignment.text.slice(0, 60));
    grouped.push({
      ...finding(pythonUnverifiedContext, {
        start: spanStart(call),
        end: call.endIndex,
        what: `The SSL context created here is then set to skip verification (${names.join('; ')}), so it accepts ${members.some((m) => /verify_mode/.test(m.assignment.text)) ? 'any certificate' : 'a certificate issued for any host'}.${switched ? ` ${whatOf(members[0].detection)}` : ''}`,
        severity: switched ? 'warning' : undefined,
        fixes: edits.length > 0 ? [fix(members.length > 1 ? 'Turn verification back on (CERT_REQUIRED, check_hostname)' : members[0].detection.fixes![0].title, edits)] : undefined,
        related: members.map((member) => ({ start: member.assignment.startIndex, end: member.assignment.endIndex, message: `${member.assignment.text.slice(0, 60)}: turns verification off` })),
      }),
    });
  }
  return { moved, grouped };
}

/** Whether an assignment to `target.verify_mode`/`check_hostname` in the file turns verification on, or sets it from a value the rule cannot judge. */
function verifiedLater(root: SyntaxNode, target: string | undefined): boolean {
  if (!target) return false;
  let verified = false;
  walk(root, (node) => {
    if (verified || node.type !== 'assignment' || settingTarget(node) !== target) return;
    const name = node.childForFieldName('left')?.childForFieldName('attribute')?.text;
    const value = node.childForFieldName('right')?.text ?? '';
    if (name === 'verify_mode' && !/CERT_NONE$/.test(value)) verified = true;
    // Since Python 3.7, check_hostname = True also sets verify_mode to CERT_REQUIRED.
    if (name === 'check_hostname' && value !== 'False') verified = true;
  });
  return verified;
}

/**
 * `ssl.SSLContext(ssl.PROTOCOL_TLS)` (or SSLv23, TLSv1*, or no protocol: the default is PROTOCOL_TLS)
 * assigned to a name that nothing in the file sets to verify, or handed straight to a client as
 * `context=`: a client context with CERT_NONE and no host name check.
 */
export function neverVerified(root: SyntaxNode, text: string, creations: readonly ContextCreation[], grouped: readonly Detection[]): Detection[] {
  if (SERVER_SIDE.test(text)) return [];
  const out: Detection[] = [];
  for (const creation of creations) {
    const call = callInfo(creation.call, 'python');
    if (!call || !/(^|\.)SSLContext$/.test(call.callee)) continue;
    if (grouped.some((detection) => detection.start === spanStart(creation.call))) continue;
    const protocol = call.keywords.get('protocol') ?? call.args[0];
    if (protocol && !UNVERIFYING_PROTOCOLS.test(protocol.text)) continue;
    const parent = creation.call.parent;
    const handed = parent?.type === 'keyword_argument' && CONTEXT_KEYWORDS.has(parent.childForFieldName('name')?.text ?? '');
    if (!handed && (!creation.target || verifiedLater(root, creation.target))) continue;
    const shown = protocol ? protocol.text.replace(/^.*\./, '') : 'no protocol (PROTOCOL_TLS)';
    out.push(finding(pythonUnverifiedContext, {
      start: spanStart(creation.call),
      end: creation.call.endIndex,
      what: `SSLContext(${shown}) starts with verify_mode CERT_NONE and check_hostname False, and nothing in this file turns verification on, so ${creation.target ?? 'this context'} accepts any certificate for any host.`,
      fixes: protocol && /PROTOCOL_(TLS|SSLv23)$/.test(protocol.text)
        ? [fix('Use PROTOCOL_TLS_CLIENT (verifies certificates and host names; load the CA with load_default_certs() or load_verify_locations())', [replaceNode(protocol, protocol.text.replace(/PROTOCOL_(TLS|SSLv23)$/, 'PROTOCOL_TLS_CLIENT'))])]
        : undefined,
    }));
  }
  return out;
}
