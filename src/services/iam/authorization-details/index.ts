import type { Operation } from '../../operation.js';
import { getAccountAuthorizationDetails } from './get-account-authorization-details.js';

export const AUTHORIZATION_DETAILS_OPERATIONS: readonly Operation[] = [getAccountAuthorizationDetails];
