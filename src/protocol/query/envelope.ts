import type { AwsError } from '../../errors/aws-error.js';
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
 * boto3 needs for UpdateRole.
 */
export function encodeSuccess(service: QueryService, operation: string, result: object | undefined, requestId: string): string {
  const out: string[] = [`<${operation}Response xmlns="${service.namespace}">`];
  if (result !== undefined) {
    const entries = Object.entries(result).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.push(`<${operation}Result/>`);
    else {
      out.push(`<${operation}Result>`);
      for (const [k, v] of entries) writeXml(k, v, out, service.urlEncodePolicies);
      out.push(`</${operation}Result>`);
    }
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
