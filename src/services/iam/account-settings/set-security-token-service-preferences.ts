import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { STS_PREFERENCES, writeSetting } from './settings-records.js';

/**
 * Chooses the version of the tokens the global STS endpoint issues (v1: default regions only;
 * v2: every region). keysmith has one region per server, so the setting changes no token: it is
 * stored and reported by GetAccountSummary's GlobalEndpointTokenVersion, as on AWS.
 */
export const setSecurityTokenServicePreferences = defineOperation({
  name: 'SetSecurityTokenServicePreferences',
  action: 'iam:SetSecurityTokenServicePreferences',
  readOnly: false,
  input: shape.struct({ GlobalEndpointTokenVersion: shape.string({ required: true, enum: ['v1Token', 'v2Token'] }) }),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(input, ctx) {
    const version = input.GlobalEndpointTokenVersion === 'v2Token' ? 2 : 1;
    await ctx.store.transaction((tx) =>
      writeSetting(tx, ctx.caller.accountId, STS_PREFERENCES, { globalEndpointTokenVersion: version }, ctx.now),
    );
    return undefined;
  },
});
