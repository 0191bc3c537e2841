import type { Operation } from '../../operation.js';
import { getContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.js';
import { getContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.js';
import { simulateCustomPolicy } from './simulate-custom-policy.js';
import { simulatePrincipalPolicy } from './simulate-principal-policy.js';

/** The policy simulator: IAM's SimulatePrincipalPolicy/SimulateCustomPolicy on keysmith's engine, and the context-key listings. */
export const SIMULATE_OPERATIONS: readonly Operation[] = [
  simulatePrincipalPolicy,
  simulateCustomPolicy,
  getContextKeysForPrincipalPolicy,
  getContextKeysForCustomPolicy,
];
