// @ts-check
import { h, notice, render } from '../../dom.js';
import { aws } from '../../session.js';
import { AwsError } from '../../aws/client.js';
import { confirmAction } from '../../ui/dialogs.js';
import { errorText, listAll } from './common.js';
import { removeAllPolicies } from './permissions.js';

/**
 * Deleting a user or a group. IAM refuses while anything is still attached (DeleteConflict, one
 * text per kind of dependency): the console first tries the plain delete and shows that message as
 * is, then offers what AWS's console does — remove the dependencies one call at a time (each
 * authorized and audited on its own), then delete.
 */

/** @param {unknown} e */
const missing = (e) => e instanceof AwsError && e.code === 'NoSuchEntity';

/** Removes everything IAM keeps for a user, then the user. @param {string} userName */
export async function deleteUserAndDependencies(userName) {
  const p = { UserName: userName };
  for (const k of await listAll('ListAccessKeys', p, 'AccessKeyMetadata'))
    await aws.query('iam', 'DeleteAccessKey', { ...p, AccessKeyId: k.AccessKeyId });
  await aws.query('iam', 'DeleteLoginProfile', p).catch((e) => {
    if (!missing(e)) throw e;
  });
  for (const c of await listAll('ListSigningCertificates', p, 'Certificates'))
    await aws.query('iam', 'DeleteSigningCertificate', { ...p, CertificateId: c.CertificateId });
  for (const k of await listAll('ListSSHPublicKeys', p, 'SSHPublicKeys'))
    await aws.query('iam', 'DeleteSSHPublicKey', { ...p, SSHPublicKeyId: k.SSHPublicKeyId });
  const specific = await aws.query('iam', 'ListServiceSpecificCredentials', p);
  for (const c of Array.isArray(specific.ServiceSpecificCredentials) ? specific.ServiceSpecificCredentials : [])
    await aws.query('iam', 'DeleteServiceSpecificCredential', { ...p, ServiceSpecificCredentialId: c.ServiceSpecificCredentialId });
  for (const d of await listAll('ListMFADevices', p, 'MFADevices')) {
    await aws.query('iam', 'DeactivateMFADevice', { ...p, SerialNumber: d.SerialNumber });
    if (String(d.SerialNumber).includes(':mfa/')) await aws.query('iam', 'DeleteVirtualMFADevice', { SerialNumber: d.SerialNumber });
  }
  await removeAllPolicies({ kind: 'user', name: userName });
  for (const g of await listAll('ListGroupsForUser', p, 'Groups'))
    await aws.query('iam', 'RemoveUserFromGroup', { ...p, GroupName: g.GroupName });
  await aws.query('iam', 'DeleteUser', p);
}

/** Removes a group's members and policies, then the group. @param {string} groupName */
export async function deleteGroupAndDependencies(groupName) {
  for (const u of await listAll('GetGroup', { GroupName: groupName }, 'Users'))
    await aws.query('iam', 'RemoveUserFromGroup', { GroupName: groupName, UserName: u.UserName });
  await removeAllPolicies({ kind: 'group', name: groupName });
  await aws.query('iam', 'DeleteGroup', { GroupName: groupName });
}

/**
 * The Delete button's flow for a user or group: confirm, try the plain delete; on DeleteConflict
 * show AWS's message and offer to remove the dependencies first. Calls `deleted` once it is gone.
 * @param {{ kind: 'user' | 'group', name: string, status: HTMLElement, deleted: () => void }} o
 */
export async function deleteFlow(o) {
  const noun = o.kind === 'user' ? 'user' : 'group';
  if (!(await confirmAction(`Delete ${noun} ${o.name}?`, `The ${noun} is deleted for good.`))) return;
  render(o.status);
  try {
    await aws.query(
      'iam',
      o.kind === 'user' ? 'DeleteUser' : 'DeleteGroup',
      o.kind === 'user' ? { UserName: o.name } : { GroupName: o.name },
    );
    o.deleted();
    return;
  } catch (error) {
    if (!(error instanceof AwsError && error.code === 'DeleteConflict')) {
      render(o.status, notice(errorText(error)));
      return;
    }
    const what =
      o.kind === 'user'
        ? 'its access keys, password, signing certificates, SSH keys, service credentials and MFA devices, its policies and its group memberships'
        : 'its members and its policies';
    const force = h('button.danger', { type: 'button' }, `Remove dependencies and delete ${noun}`);
    force.addEventListener('click', async () => {
      if (!(await confirmAction(`Remove everything from ${o.name} and delete it?`, `This removes ${what}, then deletes the ${noun}.`)))
        return;
      /** @type {HTMLButtonElement} */ (force).disabled = true;
      try {
        await (o.kind === 'user' ? deleteUserAndDependencies(o.name) : deleteGroupAndDependencies(o.name));
        o.deleted();
      } catch (e) {
        render(o.status, notice(errorText(e)));
      }
    });
    render(
      o.status,
      h(
        'div.notice.error',
        { role: 'alert' },
        h('p', null, errorText(error)),
        h('p', null, `AWS's console removes ${what} first; so can this one.`),
        force,
      ),
    );
    force.focus();
  }
}
