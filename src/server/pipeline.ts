import type { AuditInput } from '../audit/audit-input.js';
import { auditRecordOf } from '../audit/audit-record.js';
import { AwsError } from '../errors/aws-error.js';
import type { App } from './app.js';
import type { ApiRequest, ApiResponse } from './edge/api-request.js';
import type { Caller } from './authenticate-request.js';
import { startAudit } from './request-facts.js';
import { logRequest } from './request-log.js';

/** The ids of one request: the request id every protocol returns; S3's host id beside it. */
export interface RequestIds {
  requestId: string;
  hostId?: string;
}

/** One request on its way through the pipeline: what every step may read, and the audit record it fills in. */
export interface Exchange {
  app: App;
  request: ApiRequest;
  ids: RequestIds;
  /** Request time, epoch ms (one reading per request). */
  now: number;
  audit: AuditInput;
}

/** A failure as a protocol answers it, and what the audit record and the log say of it. */
export interface WireFailure {
  response: ApiResponse;
  /** The code the audit event records (AWS's own, also where the wire spells it differently). */
  code: string;
  message: string;
  status: number;
  /** For the log only (never the wire). */
  detail?: string;
}

/**
 * One protocol (Query, JSON 1.1, REST-XML) with the services it carries: the steps of the
 * pipeline that depend on the wire. Each returns what the next needs; none writes to a socket.
 */
export interface WireApi<Call, Selected, Input, Grant, Output> {
  /** The audit record's service until the request names one. */
  readonly service: string;
  /** What a refused request's unread body does to the connection: close it, or read and drop it. */
  readonly unreadBody: 'close' | 'discard';
  newIds(): RequestIds;
  /** From the headers and URL: what is asked, as far as the wire tells before authentication. */
  identify(x: Exchange): Call | Promise<Call>;
  /** Who is asking, from the headers and URL (shared steps in authenticate-request.ts). */
  authenticate(x: Exchange, call: Call): Promise<Caller>;
  /** The operation (reading and verifying the body where the wire names the operation in it). */
  select(x: Exchange, call: Call, caller: Caller): Selected | Promise<Selected>;
  /** The operation's typed input. */
  decode(x: Exchange, selected: Selected, caller: Caller): Input | Promise<Input>;
  /** The permission check before the handler (or, for S3, the means for the handler to check). */
  authorize(x: Exchange, selected: Selected, input: Input, caller: Caller): Promise<Grant>;
  handle(x: Exchange, selected: Selected, input: Input, grant: Grant, caller: Caller): Promise<Output>;
  encode(x: Exchange, selected: Selected, output: Output, grant: Grant): ApiResponse;
  failure(error: unknown, x: Exchange): WireFailure;
}

/**
 * The one request pipeline, for every protocol: identify → authenticate → select → decode →
 * authorize → handler → encode → audit. Every request, answered or refused, leaves one audit
 * record and one request log line (request-log.ts); every failure is the protocol's own error
 * answer, server faults logged with their detail.
 */
export async function runPipeline<C, S, I, G, O>(app: App, request: ApiRequest, api: WireApi<C, S, I, G, O>): Promise<ApiResponse> {
  const started = performance.now();
  const now = app.clock.now();
  const ids = api.newIds();
  const x: Exchange = { app, request, ids, now, audit: startAudit(request, ids.requestId, now, api.service, app.config.region) };
  try {
    const call = await api.identify(x);
    // Refused for load once the headers have said what is asked (for the audit record), before
    // authentication: AWS's throttling answer (S3 spells it SlowDown, 503).
    if (request.overloaded === true) throw new AwsError('Throttling', 'Rate exceeded');
    const caller = await api.authenticate(x, call);
    const selected = await api.select(x, call, caller);
    if (caller.usage) app.usage.keyUsed(caller.usage.accessKeyId, caller.usage.service, caller.usage.region, now);
    const input = await api.decode(x, selected, caller);
    const grant = await api.authorize(x, selected, input, caller);
    const output = await api.handle(x, selected, input, grant, caller);
    const response = api.encode(x, selected, output, grant);
    if (x.audit.notAudited !== true) app.audit.record(auditRecordOf(x.audit));
    logRequest(app.logger, x.audit, response.status, started);
    return response;
  } catch (error) {
    const failure = api.failure(error, x);
    x.audit.errorCode = failure.code;
    x.audit.errorMessage = failure.message;
    app.audit.record(auditRecordOf(x.audit));
    logRequest(app.logger, x.audit, failure.response.status, started);
    if (failure.detail) {
      // Server faults are errors; a caller's refused request is only worth a debug line.
      const log = failure.status >= 500 ? app.logger.error : app.logger.debug;
      log('request failed', { requestId: ids.requestId, service: x.audit.service, code: failure.code, detail: failure.detail });
    }
    // Answered before the body was read (refused from the headers, or too large): close the
    // connection rather than read the rest, or (S3) read the rest and drop it, so that the next
    // request on a keep-alive connection is not stalled behind it. A request refused for load
    // keeps its connection (read and drop): closing would only add a reconnect to the load.
    if (api.unreadBody === 'discard' || request.overloaded === true) request.body.discard();
    else if (request.body.pending() || failure.response.status === 413) failure.response.closeConnection = true;
    return failure.response;
  }
}
