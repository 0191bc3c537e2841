import { shape } from '../../../model/shapes.js';
import { member } from '../shared/members.js';

/** The input members of the OpenID Connect provider operations, with the model's constraints. */
export const oidcMember = {
  arn: member.arn,
  url: () => shape.string({ required: true, min: 1, max: 255 }),
  clientId: () => shape.string({ required: true, min: 1, max: 255 }),
  clientIdList: () => shape.list(shape.string({ min: 1, max: 255 })),
  thumbprintList: () => shape.list(shape.string({ min: 40, max: 40 })),
};
