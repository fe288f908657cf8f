import type { RuleMeta } from '../types';

// The policy rules as data. Each has a page under docs/rules/policy/. CWE-1059 (insufficient
// technical documentation) is the nearest weakness class for a policy that cannot work.

export interface PolicyRule extends RuleMeta {
  category: 'policy';
}

function rule(name: string, title: string, severity: RuleMeta['severity'], help: string): PolicyRule {
  return { id: `policy/${name}`, category: 'policy', title, cwe: 'CWE-1059', severity, help };
}

export const POLICY_RULES = {
  templateLeftover: rule('template-leftover', 'Security policy still holds template text', 'warning',
    'Replace the instructions and sample rows with what this project actually does, or reporters will not know what applies.'),
  placeholderContact: rule('placeholder-contact', 'Security contact on a placeholder domain', 'error',
    'Reports sent there are lost: use a mailbox the maintainers read, or the host\'s private reporting form.'),
  advisoryLinkMismatch: rule('advisory-link-mismatch', 'Advisory link points at another repository', 'error',
    'Reporters would file the vulnerability with the wrong project: link this repository\'s own advisory form.'),
  noReportingChannel: rule('no-reporting-channel', 'Security policy gives no way to report', 'error',
    'Add a private channel: an e-mail address the maintainers read or the host\'s private vulnerability reporting link.'),
  publicIssuesOnly: rule('public-issues-only', 'Security reports go to public issues', 'error',
    'A public issue discloses the weakness to attackers before a fix exists: offer a private channel and ask reporters to use it.'),
  unsupportedCurrentVersion: rule('unsupported-current-version', 'Supported versions exclude the current release', 'warning',
    'Reporters on the current release will think it gets no fixes: add its release line to the supported versions.'),
  deadLink: rule('dead-link', 'Security policy links a missing file', 'warning',
    'Fix the path or remove the link, so reporters find what the policy promises.'),
  missing: rule('missing', 'No security policy', 'info',
    'Add a SECURITY.md that says how to report a vulnerability privately; run "Secure Hygiene: Create Security Policy (SECURITY.md)".'),
} as const;

export const policyRules: PolicyRule[] = Object.values(POLICY_RULES);

/** The editor command that scaffolds a policy; the `policy/missing` fix runs it. */
export const CREATE_POLICY_COMMAND = 'secureHygiene.createSecurityPolicy';
