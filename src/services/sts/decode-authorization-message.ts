import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { AuthorizationMessageError, openAuthorizationMessage } from './shared/authorization-message.js';

const INVALID = 'The encoded authorization message is invalid or has expired.';

/**
 * STS DecodeAuthorizationMessage (reference §2.3.12): opens the message keysmith attaches to
 * every denial (see shared/authorization-message.ts). Needs sts:DecodeAuthorizationMessage, and
 * only the account the denial happened in can read it; anything else — altered, foreign, sealed
 * with a retired key — is InvalidAuthorizationMessageException.
 */
export const decodeAuthorizationMessage = defineOperation({
  name: 'DecodeAuthorizationMessage',
  action: 'sts:DecodeAuthorizationMessage',
  readOnly: true,
  input: shape.struct({ EncodedMessage: shape.string({ required: true, min: 1, max: 10240 }) }),
  authorization: { resource: () => '*' },
  output: shape.struct({ DecodedMessage: shape.string() }),
  async handler(input, ctx) {
    let opened: ReturnType<typeof openAuthorizationMessage>;
    try {
      opened = openAuthorizationMessage(input.EncodedMessage, ctx.tokenKeys.current);
    } catch (error) {
      if (!(error instanceof AuthorizationMessageError) || error.message !== 'unknownKey') throw invalid(error);
      try {
        opened = openAuthorizationMessage(input.EncodedMessage, await ctx.tokenKeys.reload());
      } catch (again) {
        throw invalid(again);
      }
    }
    if (opened.accountId !== ctx.caller.accountId)
      throw new AwsError('InvalidAuthorizationMessageException', INVALID, 'message of another account');
    return { DecodedMessage: JSON.stringify(opened.message) };
  },
});

function invalid(error: unknown): AwsError {
  if (error instanceof AuthorizationMessageError) return new AwsError('InvalidAuthorizationMessageException', INVALID, error.message);
  throw error;
}
