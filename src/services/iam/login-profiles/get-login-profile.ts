import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { loginProfiles } from './login-profile-record.js';
import { loginProfileOutput, loginProfileView, noLoginProfile, profileUserName } from './login-profile-view.js';

export const getLoginProfile = defineOperation({
  name: 'GetLoginProfile',
  action: 'iam:GetLoginProfile',
  readOnly: true,
  input: shape.struct({ UserName: member.optionalEntityName(64) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ LoginProfile: loginProfileOutput }),
  async handler(input, ctx) {
    const user = await requireUser(ctx, profileUserName(ctx, input.UserName));
    const record = await loginProfiles.get(ctx.store, user.accountId, user.userId);
    if (!record) throw noLoginProfile(user.userName);
    return { LoginProfile: loginProfileView(user.userName, record) };
  },
});
