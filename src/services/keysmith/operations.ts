import type { Operation } from '../operation.js';
import { consoleLogin } from '../console/console-login.js';
import { createConsoleSession } from '../console/create-console-session.js';
import { createCredentialGrant } from '../service-roles/create-credential-grant.js';
import { revokeCredentialGrant } from '../service-roles/revoke-credential-grant.js';
import { analyzeAccess } from '../console/analyze-access.js';
import { explainPolicySimulation } from '../console/explain-policy-simulation.js';
import { revokeRoleSessions } from '../console/revoke-role-sessions.js';
import { listSessionRevocations } from '../console/list-session-revocations.js';
import { validatePolicyOperation } from '../console/validate-policy.js';

/**
 * keysmith's own Query service (`keysmith`, src/model/compute-types.ts): credential grants, the
 * way a program runs as a role the way AWS compute hands it one (docs/service-roles.md), and the
 * web console's operations AWS has no API for (docs/console.md). A grant's credentials are fetched
 * over the container-credentials protocol (src/server/apis/credentials-api.ts), not through this
 * table.
 */
export const KEYSMITH_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    createCredentialGrant,
    revokeCredentialGrant,
    consoleLogin,
    createConsoleSession,
    // The console's access analysis, simulator explanations and immediate session revocation.
    analyzeAccess,
    explainPolicySimulation,
    revokeRoleSessions,
    listSessionRevocations,
    // The policy and trust editors' live findings.
    validatePolicyOperation,
  ].map((op) => [op.name, op]),
);
