import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { encodeSuccess, IAM_SERVICE, STS_SERVICE } from '../../src/protocol/query/envelope.js';
import { shape } from '../../src/model/shapes.js';
import { AwsError } from '../../src/errors/aws-error.js';

/**
 * The compiled output writer (shaped-xml.ts) against fixed expected XML, byte for byte, for every
 * kind of output member; the texts were taken from the interpreting writer it replaced. Each
 * shape is encoded twice, so that the second answer comes from the cached writer.
 */
const tag = shape.struct({ Key: shape.string(), Value: shape.string() });
const output = shape.struct({
  Name: shape.string(),
  Document: shape.string({ policyDocument: true }),
  Count: shape.integer(),
  Enabled: shape.boolean(),
  Disabled: shape.boolean(),
  Absent: shape.string(),
  Nested: shape.struct({ Inner: shape.struct({ Leaf: shape.string(), Number: shape.integer() }), Other: shape.string() }),
  EmptyNested: shape.struct({ Leaf: shape.string() }),
  Tags: shape.list(tag),
  EmptyTags: shape.list(tag),
  Names: shape.list(shape.string()),
  Lists: shape.list(shape.list(shape.integer())),
  Summary: shape.map(shape.integer()),
  EmptySummary: shape.map(shape.string()),
});
const value = {
  Name: `a&b <c> "d" 'e' ü \u{1F600}`,
  Document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Sid":"it\'s (ok)!~"}]}',
  Count: -0,
  Enabled: true,
  Disabled: false,
  Absent: undefined,
  Nested: { Inner: { Leaf: 'x', Number: 1.5 }, Other: undefined },
  EmptyNested: {},
  Tags: [
    { Key: 'k1', Value: 'v&1' },
    { Key: 'k2', Value: '' },
    { Key: undefined, Value: undefined },
  ],
  EmptyTags: [],
  Names: ['one', null, 'two'],
  Lists: [[1, 2], [], [3]],
  Summary: [
    ['Users', 2],
    ['A&B', 0],
  ],
  EmptySummary: [],
};
const BODY =
  '<Name>a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; ü \u{1F600}</Name>' +
  '@DOCUMENT@' +
  '<Count>0</Count><Enabled>true</Enabled><Disabled>false</Disabled>' +
  '<Nested><Inner><Leaf>x</Leaf><Number>1.5</Number></Inner></Nested>' +
  '<EmptyNested/>' +
  '<Tags><member><Key>k1</Key><Value>v&amp;1</Value></member><member><Key>k2</Key><Value></Value></member><member/></Tags>' +
  '<EmptyTags/>' +
  '<Names><member>one</member><member>two</member></Names>' +
  '<Lists><member><member>1</member><member>2</member></member><member/><member><member>3</member></member></Lists>' +
  '<Summary><entry><key>Users</key><value>2</value></entry><entry><key>A&amp;B</key><value>0</value></entry></Summary>' +
  '<EmptySummary></EmptySummary>';
const IAM_DOCUMENT =
  '<Document>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Sid%22%3A%22it%27s%20%28ok%29%21~%22%7D%5D%7D</Document>';
const STS_DOCUMENT =
  '<Document>{&quot;Version&quot;:&quot;2012-10-17&quot;,&quot;Statement&quot;:[{&quot;Effect&quot;:&quot;Allow&quot;,&quot;Action&quot;:&quot;s3:*&quot;,&quot;Resource&quot;:&quot;*&quot;,&quot;Sid&quot;:&quot;it&apos;s (ok)!~&quot;}]}</Document>';

function internalDetail(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AwsError);
    assert.equal(e.code, 'InternalFailure');
    assert.equal(e.message, 'An internal error occurred. Try again later.');
    return e.internalDetail;
  }
  assert.fail('expected an error');
}

describe('Query XML: the compiled output writer', () => {
  it('writes every kind of member byte for byte as before, for IAM (policies URL-encoded) and STS', () => {
    for (let i = 0; i < 2; i++) {
      assert.equal(
        encodeSuccess(IAM_SERVICE, 'Op', output, value, 'rid'),
        '<OpResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><OpResult>' +
          BODY.replace('@DOCUMENT@', IAM_DOCUMENT) +
          '</OpResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></OpResponse>',
      );
      assert.equal(
        encodeSuccess(STS_SERVICE, 'Op', output, value, 'rid'),
        '<OpResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><OpResult>' +
          BODY.replace('@DOCUMENT@', STS_DOCUMENT) +
          '</OpResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></OpResponse>',
      );
    }
  });

  it('writes an empty Result for an empty or absent result, and none without an output shape', () => {
    const empty =
      '<OpResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><OpResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>';
    assert.equal(encodeSuccess(STS_SERVICE, 'Op', output, {}, 'r'), empty);
    assert.equal(encodeSuccess(STS_SERVICE, 'Op', output, { Absent: undefined, Names: null }, 'r'), empty);
    assert.equal(encodeSuccess(STS_SERVICE, 'Op', output, undefined, 'r'), empty);
    assert.equal(
      encodeSuccess(STS_SERVICE, 'Op', undefined, undefined, 'r'),
      '<OpResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>',
    );
  });

  it('refuses an undeclared member or a wrong type with the same detail, naming the member only then', () => {
    const encode = (result: object) => () => encodeSuccess(IAM_SERVICE, 'Op', output, result, 'r');
    assert.equal(internalDetail(encode({ Extra: 1 })), 'Op.Extra: not in the output shape');
    assert.equal(internalDetail(encode({ Nested: { Inner: { Leaf: 'x', Bad: 'y' } } })), 'Op.Nested.Inner.Bad: not in the output shape');
    assert.equal(internalDetail(encode({ Tags: [{ Key: 'k', Nope: 'v' }] })), 'Op.Tags[].Nope: not in the output shape');
    assert.equal(internalDetail(encode({ toString: 'x' })), 'Op.toString: not in the output shape');
    assert.equal(internalDetail(encode({ Name: 1 })), 'Op.Name: the output shape expects a string');
    assert.equal(internalDetail(encode({ Document: {} })), 'Op.Document: the output shape expects a string');
    assert.equal(internalDetail(encode({ Count: '1' })), 'Op.Count: the output shape expects a number');
    assert.equal(internalDetail(encode({ Enabled: 'true' })), 'Op.Enabled: the output shape expects a boolean');
    assert.equal(internalDetail(encode({ Nested: [] })), 'Op.Nested: the output shape expects a structure');
    assert.equal(internalDetail(encode({ Nested: 'x' })), 'Op.Nested: the output shape expects a structure');
    assert.equal(internalDetail(encode({ Tags: {} })), 'Op.Tags: the output shape expects a list');
    assert.equal(internalDetail(encode({ Tags: ['x'] })), 'Op.Tags[]: the output shape expects a structure');
    assert.equal(internalDetail(encode({ Lists: [[1, 'x']] })), 'Op.Lists[][]: the output shape expects a number');
    assert.equal(internalDetail(encode({ Summary: {} })), 'Op.Summary: the output shape expects a map (key/value pairs)');
    assert.equal(
      internalDetail(() => encodeSuccess(IAM_SERVICE, 'Op', output, 'text' as unknown as object, 'r')),
      'Op: the output shape expects a structure',
    );
    // An undeclared member whose value is undefined is no member at all.
    assert.doesNotThrow(encode({ Extra: undefined }));
  });

  it('checks a shared shape by the path of each place it is used', () => {
    const shared = shape.struct({ A: shape.string() });
    const twice = shape.struct({ First: shared, Second: shape.list(shared) });
    const encode = (result: object) => () => encodeSuccess(IAM_SERVICE, 'Two', twice, result, 'r');
    assert.equal(internalDetail(encode({ First: { B: 'x' } })), 'Two.First.B: not in the output shape');
    assert.equal(internalDetail(encode({ Second: [{ B: 'x' }] })), 'Two.Second[].B: not in the output shape');
  });
});
