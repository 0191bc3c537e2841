import { type AuditEventRecord, type AuditLookupKey, InvalidMarkerError } from '../../storage/store.js';
import { CloudTrailError } from './cloudtrail-error.js';
import type { CloudTrailOperation } from './cloudtrail-operation.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';

const LOOKUP_KEYS: readonly AuditLookupKey[] = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
];
const DEFAULT_MAX_RESULTS = 50;

/**
 * CloudTrail LookupEvents (reference §5.3, Appendix C): the caller's account's management
 * events, newest first, filtered by at most one lookup attribute and an inclusive time range
 * (whole seconds, as EventTime is reported), 1..50 a page. Times are epoch seconds on the wire.
 * `EventCategory: insight` finds nothing: keysmith has no Insights.
 */
export const lookupEvents: CloudTrailOperation = {
  name: 'LookupEvents',
  action: 'cloudtrail:LookupEvents',
  readOnly: true,
  resource: '*',
  async handler(input, ctx) {
    const attribute = lookupAttribute(input.LookupAttributes);
    const start = time(input.StartTime, 'StartTime');
    const end = time(input.EndTime, 'EndTime');
    if (start !== undefined && end !== undefined && start > end) {
      throw new CloudTrailError('InvalidTimeRangeException', 'Start time must be before end time.');
    }
    const maxResults = input.MaxResults === undefined || input.MaxResults === null ? DEFAULT_MAX_RESULTS : input.MaxResults;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
      throw new CloudTrailError('InvalidMaxResultsException', 'Value for MaxResults must be between 1 and 50.');
    }
    const category = input.EventCategory;
    if (category !== undefined && category !== null && category !== 'insight') {
      throw new CloudTrailError(
        'InvalidEventCategoryException',
        `Value ${typeof category === 'string' ? category : JSON.stringify(category)} for EventCategory is not valid. Valid value: insight.`,
      );
    }
    // The token must come back with the same query (not necessarily the same page size).
    const query = [attribute ?? null, start ?? null, end ?? null, category ?? null];
    const token = input.NextToken;
    if (token !== undefined && token !== null && typeof token !== 'string')
      throw new CloudTrailError('InvalidNextTokenException', 'Invalid NextToken.');
    const after = token ? decodeNextToken(token, query) : undefined;
    if (category === 'insight') return { Events: [] };
    // No recorded name, id or key holds a NUL (every writer refuses them), and PostgreSQL text
    // cannot be compared with one: such a value matches nothing.
    if (attribute?.value.includes('\u0000')) return { Events: [] };

    let page;
    try {
      page = await ctx.store.auditEvents.query({
        accountId: ctx.caller.accountId,
        // An event at 12:00:00.700 is reported at 12:00:00, so it belongs to that whole second.
        from: start === undefined ? undefined : Math.ceil(start) * 1000,
        to: end === undefined ? undefined : (Math.floor(end) + 1) * 1000 - 1,
        attribute,
        after,
        limit: maxResults,
      });
    } catch (error) {
      if (error instanceof InvalidMarkerError) throw new CloudTrailError('InvalidNextTokenException', 'Invalid NextToken.');
      throw error;
    }
    return {
      Events: page.items.map(eventView),
      NextToken: page.nextMarker === undefined ? undefined : encodeNextToken(page.nextMarker, query),
    };
  },
};

/** The Event shape: EventTime in epoch seconds, ReadOnly as the string `true`/`false`. */
function eventView(e: AuditEventRecord) {
  return {
    EventId: e.eventId,
    EventName: e.eventName,
    ReadOnly: String(e.readOnly),
    AccessKeyId: e.accessKeyId,
    EventTime: Math.floor(e.eventTime / 1000),
    EventSource: e.eventSource,
    Username: e.username,
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: e.body,
  };
}

function lookupAttribute(value: unknown): { key: AuditLookupKey; value: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new CloudTrailError('ValidationException', 'LookupAttributes must be a list.');
  if (value.length === 0) return undefined;
  if (value.length > 1) throw new CloudTrailError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  const item: unknown = value[0];
  const key = (item as { AttributeKey?: unknown } | null)?.AttributeKey;
  const text = (item as { AttributeValue?: unknown } | null)?.AttributeValue;
  if (typeof key !== 'string' || !(LOOKUP_KEYS as readonly string[]).includes(key)) {
    throw new CloudTrailError(
      'InvalidLookupAttributesException',
      `Invalid lookup attribute key: ${String(key)}. Valid keys: ${LOOKUP_KEYS.join(', ')}.`,
    );
  }
  if (typeof text !== 'string' || text.length < 1 || text.length > 2000) {
    throw new CloudTrailError('InvalidLookupAttributesException', 'The lookup attribute value must be between 1 and 2000 characters.');
  }
  if (key === 'ReadOnly') {
    const flag = text.toLowerCase();
    if (flag !== 'true' && flag !== 'false')
      throw new CloudTrailError('InvalidLookupAttributesException', 'The value for the ReadOnly lookup attribute must be true or false.');
    return { key, value: flag };
  }
  return { key: key as AuditLookupKey, value: text };
}

const MAX_EPOCH_SECONDS = 8.64e12;

/** A timestamp member: epoch seconds (a number, as the SDKs send), or an ISO 8601 string. */
function time(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  // Only instants a Date can hold (±8.64e15 ms): beyond that the bounds overflow to Infinity,
  // which no database column takes.
  if (typeof value === 'number' && Math.abs(value) <= MAX_EPOCH_SECONDS) return value;
  if (typeof value === 'string') {
    const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value);
    if (Math.abs(ms) <= MAX_EPOCH_SECONDS * 1000) return ms / 1000;
  }
  throw new CloudTrailError('SerializationException', `Invalid value for ${member}: expected a timestamp.`);
}
