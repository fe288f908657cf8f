import type { SecretRule } from '../rule';
import { awsRules } from './aws';
import { githubRules } from './github';

/** Every provider-specific secret rule. Order matters only among rules that match the same text. */
export const providerRules: SecretRule[] = [
  ...awsRules,
  ...githubRules,
];
