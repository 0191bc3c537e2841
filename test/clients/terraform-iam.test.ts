import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GetPolicyCommand, GetRoleCommand, GetUserCommand, type IAMClient } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { describe } from '../support/clients-process.js';
import { terraformWorkspace, type TerraformWorkspace } from '../support/clients-terraform.js';
import { iamClient } from '../support/sdk-clients.js';
import { repoRoot } from '../support/paths.js';

/**
 * Terraform's AWS provider (5.100.0, from the local mirror) against keysmith: apply a user, a role
 * with a trust policy, a managed policy and its attachment; a second plan shows no changes;
 * destroy removes everything. The provider calls many operations beyond the obvious ones (reads
 * after every write, instance profiles and inline policies before deleting a role, policy
 * versions before deleting a policy), so this is a broad compatibility check.
 */

let server: TestServer;
let tf: TerraformWorkspace;
let iam: IAMClient;
const vars = (): string[] => ['-var', `endpoint=${server.url}`, '-var', 'prefix=tfk'];

async function notFound(send: () => Promise<unknown>): Promise<void> {
  await assert.rejects(send, (e: Error) => {
    assert.equal(e.name, 'NoSuchEntityException', String(e));
    return true;
  });
}

suite('Terraform AWS provider against keysmith', () => {
  before(async () => {
    server = await startTestServer();
    tf = terraformWorkspace(join(repoRoot, 'test/fixtures/terraform/iam'), server.admin);
    iam = iamClient(server.url, server.admin);
  });
  after(async () => {
    iam?.destroy();
    tf?.cleanup();
    await server?.close();
  });

  test('init (from the local mirror), apply, plan with no changes, destroy', async () => {
    const init = await tf.run(['init', '-input=false', '-no-color']);
    assert.equal(init.code, 0, describe(init));

    const apply = await tf.run(['apply', '-auto-approve', '-input=false', '-no-color', ...vars()]);
    assert.equal(apply.code, 0, describe(apply));

    const outputs = await tf.run(['output', '-json', '-no-color']);
    assert.equal(outputs.code, 0, describe(outputs));
    const out = JSON.parse(outputs.stdout) as Record<string, { value: string }>;
    const account = server.accountId;
    assert.equal(out.account_id?.value, account);
    assert.equal(out.caller_arn?.value, `arn:aws:iam::${account}:user/admin`);
    assert.equal(out.user_arn?.value, `arn:aws:iam::${account}:user/terraform/tfk-user`);
    assert.equal(out.role_arn?.value, `arn:aws:iam::${account}:role/tfk-role`);
    assert.equal(out.policy_arn?.value, `arn:aws:iam::${account}:policy/tfk-policy`);

    // What Terraform made is really there.
    const user = await iam.send(new GetUserCommand({ UserName: 'tfk-user' }));
    assert.deepEqual(user.User?.Tags, [{ Key: 'Team', Value: 'platform' }]);
    const role = await iam.send(new GetRoleCommand({ RoleName: 'tfk-role' }));
    assert.equal(role.Role?.Description, 'Role managed by Terraform');
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ''));
    assert.deepEqual(trust.Statement[0].Principal, { AWS: `arn:aws:iam::${account}:root` });
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: out.policy_arn.value }));
    assert.equal(policy.Policy?.AttachmentCount, 1);

    // A second plan must find nothing to change (reads round-trip exactly).
    const plan = await tf.run(['plan', '-detailed-exitcode', '-input=false', '-no-color', ...vars()]);
    assert.equal(plan.code, 0, `plan found changes or failed:\n${describe(plan)}`);

    const destroy = await tf.run(['destroy', '-auto-approve', '-input=false', '-no-color', ...vars()]);
    assert.equal(destroy.code, 0, describe(destroy));

    await notFound(() => iam.send(new GetUserCommand({ UserName: 'tfk-user' })));
    await notFound(() => iam.send(new GetRoleCommand({ RoleName: 'tfk-role' })));
    await notFound(() => iam.send(new GetPolicyCommand({ PolicyArn: out.policy_arn!.value })));
  });
});
