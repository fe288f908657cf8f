import type { Detection, RuleMeta, Severity, SuggestedFix } from '../../types';
import type { RuleSamples } from '../samples';

/** A `tls/*` rule: metadata plus its own samples; the matchers live in the config and code modules. */
export interface TlsRule extends RuleMeta {
  category: 'tls';
  samples: RuleSamples;
}

export interface TlsRuleInput {
  name: string;
  title: string;
  severity: Severity;
  help: string;
  samples: RuleSamples;
}

export function tlsRule(input: TlsRuleInput): TlsRule {
  return {
    id: `tls/${input.name}`,
    category: 'tls',
    title: input.title,
    cwe: 'CWE-295',
    severity: input.severity,
    help: input.help,
    samples: input.samples,
  };
}

export interface FindingInput {
  start: number;
  end: number;
  /** What is disabled, in one sentence; the rule's help (why and what instead) is appended. */
  what: string;
  severity?: Severity;
  fixes?: SuggestedFix[];
  data?: Record<string, string | number | boolean>;
  /**
   * Where the setting that disables verification is written, when the finding sits on the
   * construct it configures (`tls.Config{`, the trust-manager class, the `SSLContext` creation).
   * Shown as the diagnostic's relatedInformation.
   */
  related?: { start: number; end: number; message: string }[];
}

/** Builds a detection whose message says what is off, why it matters and the secure alternative. */
export function finding(rule: TlsRule, input: FindingInput): Detection {
  return {
    ruleId: rule.id,
    start: input.start,
    end: input.end,
    message: `${input.what} ${rule.help}`,
    severity: input.severity,
    fixes: input.fixes,
    data: input.data,
    related: input.related?.length ? input.related : undefined,
  };
}

/** The sentence every message shares: why a disabled check matters. */
export const MITM = 'Without certificate verification anyone on the network path can impersonate the server and read or change the traffic (man-in-the-middle).';
