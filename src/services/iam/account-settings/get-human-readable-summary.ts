import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireVisibleRequest, type DelegationRecord } from '../delegation-requests/delegation-record.js';
import { delegationMember } from '../delegation-requests/delegation-shapes.js';

const DELEGATION_ARN = /^arn:[a-z-]+:iam::(\d{12})?:delegation-request\/([\w-]{16,128})$/;

/**
 * A readable summary of an entity; AWS supports delegation requests only, and writes the text
 * with a language model. keysmith writes it from the request's fields, in English: another
 * locale answers SummaryState NOT_SUPPORTED with no content. Who may read it follows
 * GetDelegationRequest's rules, as the model says.
 */
export const getHumanReadableSummary = defineOperation({
  name: 'GetHumanReadableSummary',
  action: 'iam:GetHumanReadableSummary',
  readOnly: true,
  input: shape.struct({
    EntityArn: shape.string({ required: true, min: 20, max: 2048 }),
    Locale: shape.string({ min: 2, max: 12 }),
  }),
  authorization: { resource: (input) => input.EntityArn },
  output: shape.struct({ SummaryContent: shape.string(), Locale: shape.string(), SummaryState: shape.string() }),
  async handler(input, ctx) {
    const match = DELEGATION_ARN.exec(input.EntityArn);
    if (!match) throw new AwsError('InvalidInput', `Entity ${input.EntityArn} is not supported. Only delegation requests have a summary.`);
    const id = match[2]!;
    if (!delegationMember.id().pattern.test(id)) throw new AwsError('InvalidInput', `Invalid delegation request id ${id}.`);
    const record = await requireVisibleRequest(ctx, id);
    const locale = input.Locale ?? 'en';
    if (!/^en([-_][A-Za-z]{2})?$/.test(locale)) return { Locale: locale, SummaryState: 'NOT_SUPPORTED' };
    return { SummaryContent: summarise(record), Locale: locale, SummaryState: 'AVAILABLE' };
  },
});

function summarise(record: DelegationRecord): string {
  const v = record.value;
  const hours = Math.floor(v.sessionDuration / 3600);
  const minutes = Math.round((v.sessionDuration % 3600) / 60);
  const duration = [
    hours > 0 ? `${hours} hour${hours === 1 ? '' : 's'}` : '',
    minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const lines = [
    `Account ${v.requestorId} requests temporary access${v.ownerAccountId ? ` to account ${v.ownerAccountId}` : ''} for ${duration || `${v.sessionDuration} seconds`}.`,
    `Purpose: ${v.description}`,
  ];
  if (v.requestMessage) lines.push(`Message from the requestor: ${v.requestMessage}`);
  if (v.policyTemplateArn) lines.push(`Permissions: the policy template ${v.policyTemplateArn}.`);
  for (const p of v.parameters ?? []) lines.push(`Parameter ${p.Name ?? '(unnamed)'}: ${(p.Values ?? []).join(', ')}`);
  return lines.join('\n');
}
