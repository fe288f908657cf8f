import type { SecretRule } from '../rule';
import { awsRules } from './aws';
import { githubRules } from './github';
import { vcsRules } from './vcs';
import { cloudRules } from './cloud';
import { aiRules } from './ai';
import { paymentRules } from './payments';
import { messagingRules } from './messaging';
import { packageRules } from './packages';
import { infraRules } from './infra';
import { saasRules } from './saas';
import { devopsRules } from './devops';
import { keyRules } from './keys';
import { connectionRules } from './connections';
import { credentialFileRules } from './credentialFiles';
import { financeRules } from './finance';
import { socialRules } from './social';
import { devtoolRules } from './devtools';
import { businessRules } from './business';
import { aiPlatformRules } from './aiPlatforms';
import { jwkRules } from './jwk';

/**
 * Every provider-specific secret rule. Order matters only among rules that match the same text:
 * the first to claim a span wins. So the service-account JSON (cloud) comes before the bare
 * private-key block (keys), and token formats come before the URL and connection-string rules,
 * which would otherwise report a token used as a URL password under a vaguer name.
 */
export const providerRules: SecretRule[] = [
  ...awsRules,
  ...githubRules,
  ...vcsRules,
  ...cloudRules,
  ...aiRules,
  ...paymentRules,
  ...messagingRules,
  ...packageRules,
  ...infraRules,
  ...saasRules,
  ...devopsRules,
  ...aiPlatformRules,
  ...financeRules,
  ...socialRules,
  ...devtoolRules,
  ...businessRules,
  ...jwkRules,
  ...keyRules,
  ...credentialFileRules,
  ...connectionRules,
];
