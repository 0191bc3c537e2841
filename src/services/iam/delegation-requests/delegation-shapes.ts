import { shape } from '../../../model/shapes.js';

/** Input and output shapes of the delegation-request operations (the model's constraints). */
// eslint-disable-next-line no-control-regex -- a character-set check: tab, LF and CR are the point
const TEXT = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const TEXT_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*';

export const delegationMember = {
  id: () => shape.string({ required: true, min: 16, max: 128, pattern: /^[\w-]+$/, patternText: '[\\w-]+' }),
  notes: () => shape.string({ max: 500, pattern: TEXT, patternText: TEXT_PATTERN }),
  description: () => shape.string({ required: true, max: 1000, pattern: TEXT, patternText: TEXT_PATTERN }),
  requestMessage: () => shape.string({ max: 200, pattern: TEXT, patternText: TEXT_PATTERN }),
  // TEXT, one character at least (the length minimum, 5, says more).
  workflowId: () => shape.string({ required: true, min: 5, max: 400, pattern: TEXT, patternText: TEXT_PATTERN.replace(/\*$/, '+') }),
  redirectUrl: () =>
    shape.string({
      min: 1,
      max: 255,
      pattern: /^http(s?):\/\/[a-zA-Z0-9._/-]*(\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?$/,
      patternText: '^http(s?)://[a-zA-Z0-9._/-]*(\\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?$',
    }),
  notificationChannel: () =>
    shape.string({ required: true, min: 2, max: 400, pattern: /^[a-zA-Z0-9:_.-]+$/, patternText: '^[a-zA-Z0-9:_.-]+$' }),
  ownerId: () => shape.string({ min: 20, max: 2048, pattern: /^[a-zA-Z0-9:/+=,.@_-]+$/, patternText: '^[a-zA-Z0-9:/+=,.@_-]+$' }),
  accountId: () => shape.string({ pattern: /^\d{12}$/, patternText: '\\d{12}' }),
  permissions: () =>
    shape.struct(
      {
        PolicyTemplateArn: shape.string({ min: 20, max: 2048 }),
        Parameters: shape.list(
          shape.struct({
            Name: shape.string({ min: 5, max: 256, pattern: /^[ -~]+$/, patternText: '[ -~]+' }),
            Values: shape.list(shape.string({ pattern: /^[ -~]+$/, patternText: '[ -~]+' })),
            Type: shape.string({ enum: ['string', 'stringList'] }),
          }),
          { max: 50 },
        ),
      },
      { required: true },
    ),
};

const text = shape.string();
const permissionsOutput = shape.struct({
  PolicyTemplateArn: text,
  Parameters: shape.list(shape.struct({ Name: text, Values: shape.list(text), Type: text })),
});

/** DelegationRequest, the model's member order (PermissionPolicy and RolePermissionRestrictionArns: keysmith has no templates). */
export const delegationRequestOutput = shape.struct({
  DelegationRequestId: text,
  OwnerAccountId: text,
  Description: text,
  RequestMessage: text,
  Permissions: permissionsOutput,
  OwnerId: text,
  ApproverId: text,
  State: text,
  ExpirationTime: text,
  RequestorId: text,
  CreateDate: text,
  SessionDuration: shape.integer(),
  RedirectUrl: text,
  Notes: text,
  RejectionReason: text,
  OnlySendByOwner: shape.boolean(),
  UpdatedTime: text,
});
