import type { Operation } from '../../operation.js';
import { disableOutboundWebIdentityFederation } from './disable-outbound-web-identity-federation.js';
import { enableOutboundWebIdentityFederation } from './enable-outbound-web-identity-federation.js';
import { getHumanReadableSummary } from './get-human-readable-summary.js';
import { getOutboundWebIdentityFederationInfo } from './get-outbound-web-identity-federation-info.js';
import { setSecurityTokenServicePreferences } from './set-security-token-service-preferences.js';

/** Account-wide settings: STS preferences, outbound web identity federation, GetHumanReadableSummary. */
export const ACCOUNT_SETTINGS_OPERATIONS: readonly Operation[] = [
  setSecurityTokenServicePreferences,
  enableOutboundWebIdentityFederation,
  disableOutboundWebIdentityFederation,
  getOutboundWebIdentityFederationInfo,
  getHumanReadableSummary,
];
