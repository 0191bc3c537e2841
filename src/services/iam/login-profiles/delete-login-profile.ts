import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { loginProfiles } from './login-profile-record.js';
import { noLoginProfile, profileUserName } from './login-profile-view.js';

/** Removes the console password (the user keeps its access keys: AWS's note on this call). */
export const deleteLoginProfile = defineOperation({
  name: 'DeleteLoginProfile',
  action: 'iam:DeleteLoginProfile',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(64) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const user = await requireUser(ctx, profileUserName(ctx, input.UserName));
    if (!(await loginProfiles.delete(ctx.store, user.accountId, user.userId))) throw noLoginProfile(user.userName);
    return undefined;
  },
});
