import { awsErrorCode, httpCall, type HttpReply } from './http-call.js';
import { QuerySigner, type Credentials } from './sign-query.js';
import { templateFor } from './scenarios.js';

/** One signed Query request on a fresh connection (set-up and probes). */
export function signedQuery(
  host: string,
  port: number,
  credentials: Credentials,
  service: 'iam' | 'sts',
  params: Record<string, string>,
): Promise<HttpReply> {
  const template = templateFor(service, params, host, port);
  const headers = new QuerySigner(template, credentials).sign(Date.now());
  return httpCall({ host, port, method: 'POST', path: template.path, headers, body: template.body });
}

/** `HTTP 403 AccessDenied` style summary of a reply that was not a success. */
export function describeFailure(reply: HttpReply): string {
  const code = awsErrorCode(reply.body);
  const message = /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1];
  return `HTTP ${reply.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
}
