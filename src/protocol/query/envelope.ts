import type { AwsError } from '../../errors/aws-error.js';
import type { StructShape } from '../../model/shapes.js';
import { writeShapedMembers } from './shaped-xml.js';
import { escapeXml, writeXml } from './xml.js';

/** The two Query services keysmith speaks, with their API versions and XML namespaces. */
export interface QueryService {
  name: 'iam' | 'sts';
  version: string;
  namespace: string;
  /** IAM returns policy documents URL-encoded (policyDocumentType). */
  urlEncodePolicies: boolean;
}

export const IAM_SERVICE: QueryService = {
  name: 'iam',
  version: '2010-05-08',
  namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  urlEncodePolicies: true,
};
export const STS_SERVICE: QueryService = {
  name: 'sts',
  version: '2011-06-15',
  namespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  urlEncodePolicies: false,
};

/**
 * `<{Op}Response><{Op}Result>…</{Op}Result><ResponseMetadata>…`. `result` undefined means the
 * operation has no output shape (no Result element); an empty object gives `<{Op}Result/>`, which
 * boto3 needs for UpdateRole. With an output shape the members are written as it says
 * (shaped-xml.ts); without one (operations not yet given theirs), in the object's own order, IAM
 * policy documents found by member name.
 */
export function encodeSuccess(
  service: QueryService,
  operation: string,
  result: object | undefined,
  requestId: string,
  output?: StructShape,
): string {
  const out: string[] = [`<${operation}Response xmlns="${service.namespace}">`];
  if (result !== undefined) {
    const start = out.length;
    out.push(`<${operation}Result>`);
    if (output !== undefined) writeShapedMembers(output, result, out, service.urlEncodePolicies, operation);
    else for (const [k, v] of Object.entries(result)) writeXml(k, v, out, service.urlEncodePolicies);
    if (out.length === start + 1) out[start] = `<${operation}Result/>`;
    else out.push(`</${operation}Result>`);
  }
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
  return out.join('');
}

export function encodeError(service: QueryService, error: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${service.namespace}"><Error><Type>${error.type}</Type>` +
    `<Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
