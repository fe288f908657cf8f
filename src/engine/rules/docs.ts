/** Where each rule's documentation page lives; diagnostics link it via `codeDescription.href`. */
export const DOCS_BASE_URL = 'https://github.com/secure-hygiene/secure-hygiene/blob/main/docs/rules/';

export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** Path of a rule's page relative to the repository root. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
