import { AwsError } from '../../errors/aws-error.js';
import type { StructShape } from '../../model/shapes.js';
import { writeShapedMembers } from './shaped-xml.js';
import { escapeXml } from './xml.js';
import { KEYSMITH_QUERY_SERVICE } from '../../model/compute-types.js';

/** The Query services keysmith speaks (AWS's two and its own), with their API versions and XML namespaces. */
export interface QueryService {
  name: 'iam' | 'sts' | 'keysmith';
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
/** keysmith's own (credential grants): the same protocol, its own namespace (src/model/compute-types.ts). */
export const KEYSMITH_SERVICE: QueryService = {
  ...KEYSMITH_QUERY_SERVICE,
  urlEncodePolicies: false,
};

/**
 * `<{Op}Response><{Op}Result>…</{Op}Result><ResponseMetadata>…`, the Result's members written as
 * the operation's output shape says (shaped-xml.ts). No output shape (`'none'`): no Result element;
 * an empty result gives `<{Op}Result/>`, which boto3 needs for UpdateRole.
 */
export function encodeSuccess(
  service: QueryService,
  operation: string,
  output: StructShape | undefined,
  result: object | undefined,
  requestId: string,
): string {
  let xml = `<${operation}Response xmlns="${service.namespace}">`;
  if (output !== undefined) {
    const members = result === undefined ? '' : writeShapedMembers(output, result, service.urlEncodePolicies, operation);
    xml += members === '' ? `<${operation}Result/>` : `<${operation}Result>${members}</${operation}Result>`;
  } else if (result !== undefined) {
    throw new AwsError('InternalFailure', 'An internal error occurred. Try again later.', `${operation}: a result without an output shape`);
  }
  return xml + `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

/** An error without a text has no Message element, as AWS's credential-report errors have none. */
export function encodeError(service: QueryService, error: AwsError, requestId: string): string {
  const message = error.message === '' ? '' : `<Message>${escapeXml(error.message)}</Message>`;
  return (
    `<ErrorResponse xmlns="${service.namespace}"><Error><Type>${error.type}</Type>` +
    `<Code>${error.code}</Code>${message}</Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
