// Security policies: render SECURITY.md and security.txt from project facts, check existing ones.
export * from './types';
export { parseRemoteUrl, privateChannelOf, githubAdvisoryUrl, gitlabConfidentialIssueUrl, type PrivateChannel } from './remote';
export { parseManifest, manifestKindOf, MANIFEST_PATTERNS, type ManifestFacts } from './manifests';
export { parseVersion, currentVersion, releaseVersions, supportedVersionRows, cellCovers, cellSaysSupported, formatVersion } from './versions';
export { contactProblem, isValidContact, isPlaceholderHost } from './contact';
export { renderPolicy, defaultAnswers, answersProblem, policyPathFor, POLICY_LOCATIONS, DEFAULT_TIMELINE, DEFAULT_SECTIONS, EMBARGO_DAYS } from './render';
export { renderSecurityTxt, securityTxtPathFor, browseUrl } from './securityTxt';
export { checkPolicy, missingPolicyFinding } from './check';
export { POLICY_RULES, policyRules, CREATE_POLICY_COMMAND, type PolicyRule } from './rules';
export { unifiedDiff } from './diff';
