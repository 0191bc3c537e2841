import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { encodeError, encodeSuccess, IAM_SERVICE, STS_SERVICE } from '../../src/protocol/query/envelope.js';
import { encodePolicyDocument } from '../../src/protocol/query/xml.js';
import { shape } from '../../src/model/shapes.js';
import { AwsError } from '../../src/errors/aws-error.js';

describe('Query XML encoding', () => {
  it('URL-encodes policy documents once, RFC 3986 style, keeping the text verbatim', () => {
    assert.equal(encodePolicyDocument('{"A": "*", "B": "arn%3A"}\n'), '%7B%22A%22%3A%20%22%2A%22%2C%20%22B%22%3A%20%22arn%253A%22%7D%0A');
  });

  it('writes lists as member elements, empty lists as empty elements, omits undefined', () => {
    const output = shape.struct({
      Users: shape.list(shape.struct({ UserName: shape.string() })),
      Tags: shape.list(shape.string()),
      Marker: shape.string(),
      IsTruncated: shape.boolean(),
    });
    const xml = encodeSuccess(
      IAM_SERVICE,
      'ListUsers',
      output,
      { Users: [{ UserName: 'a&b' }], Tags: [], Marker: undefined, IsTruncated: false },
      'rid',
    );
    assert.equal(
      xml,
      '<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users><member><UserName>a&amp;b</UserName></member></Users><Tags/><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListUsersResponse>',
    );
  });

  it('has no Result element without an output shape, and an empty one for an empty output', () => {
    assert.doesNotMatch(encodeSuccess(IAM_SERVICE, 'DeleteRole', undefined, undefined, 'r'), /DeleteRoleResult/);
    assert.match(encodeSuccess(IAM_SERVICE, 'UpdateRole', shape.struct({}), {}, 'r'), /<UpdateRoleResult\/>/);
    assert.throws(() => encodeSuccess(IAM_SERVICE, 'DeleteRole', undefined, {}, 'r'), { code: 'InternalFailure' });
  });

  it('writes maps as entry/key/value and policy documents URL-encoded only for IAM', () => {
    const summary = shape.struct({ SummaryMap: shape.map(shape.integer()) });
    assert.match(
      encodeSuccess(IAM_SERVICE, 'GetAccountSummary', summary, { SummaryMap: [['Users', 2]] }, 'r'),
      /<SummaryMap><entry><key>Users<\/key><value>2<\/value><\/entry><\/SummaryMap>/,
    );
    const policy = shape.struct({ PolicyDocument: shape.string({ policyDocument: true }), PolicyName: shape.string() });
    assert.match(
      encodeSuccess(IAM_SERVICE, 'GetRolePolicy', policy, { PolicyDocument: '{"a":1}', PolicyName: '{"a":1}' }, 'r'),
      /<PolicyDocument>%7B%22a%22%3A1%7D<\/PolicyDocument><PolicyName>\{&quot;a&quot;:1\}<\/PolicyName>/,
    );
    assert.match(encodeSuccess(STS_SERVICE, 'X', policy, { PolicyDocument: '{}' }, 'r'), /<PolicyDocument>\{\}<\/PolicyDocument>/);
  });

  it('writes only what the output shape declares, in its order', () => {
    const output = shape.struct({ B: shape.string(), A: shape.integer() });
    assert.match(encodeSuccess(IAM_SERVICE, 'Op', output, { A: 1, B: 'b' }, 'r'), /<OpResult><B>b<\/B><A>1<\/A><\/OpResult>/);
    assert.throws(() => encodeSuccess(IAM_SERVICE, 'Op', output, { A: 1, C: 'c' }, 'r'), { code: 'InternalFailure' });
    assert.throws(() => encodeSuccess(IAM_SERVICE, 'Op', output, { A: 'one' }, 'r'), { code: 'InternalFailure' });
  });

  it('renders the error envelope with RequestId beside Error', () => {
    const xml = encodeError(STS_SERVICE, new AwsError('AccessDenied', 'User: x is not <allowed>'), 'rid');
    assert.equal(
      xml,
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: x is not &lt;allowed&gt;</Message></Error><RequestId>rid</RequestId></ErrorResponse>',
    );
  });
});
