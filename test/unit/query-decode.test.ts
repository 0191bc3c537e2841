import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { decodeQueryInput } from '../../src/protocol/query/decode.js';
import { shape } from '../../src/model/shapes.js';
import { AwsError } from '../../src/errors/aws-error.js';

const input = shape.struct({
  UserName: shape.string({ required: true, min: 1, max: 5, pattern: /^[a-z]+$/, patternText: '[a-z]+' }),
  MaxItems: shape.integer({ min: 1, max: 1000 }),
  Flag: shape.boolean(),
  Tags: shape.list(shape.struct({ Key: shape.string({ required: true, max: 3 }), Value: shape.string({ required: true }) }), { max: 2 }),
  Keys: shape.list(shape.string({})),
});

const params = (o: Record<string, string>) => new Map(Object.entries(o));

function catchError(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AwsError);
    return e;
  }
  assert.fail('expected an error');
}

describe('Query input decoding', () => {
  it('decodes scalars, numbered lists of structures and lists of strings', () => {
    const out = decodeQueryInput(
      params({
        UserName: 'bob',
        MaxItems: '10',
        Flag: 'true',
        'Tags.member.2.Key': 'b',
        'Tags.member.2.Value': '2',
        'Tags.member.1.Key': 'a',
        'Tags.member.1.Value': '',
        'Keys.member.1': 'x',
      }),
      input,
      'without-value',
    );
    assert.deepEqual(out, {
      UserName: 'bob',
      MaxItems: 10,
      Flag: true,
      Tags: [
        { Key: 'a', Value: '' },
        { Key: 'b', Value: '2' },
      ],
      Keys: ['x'],
    });
  });

  it('ignores member indices not written plainly (01, 1e3, beyond safe integers): no hole in the list', () => {
    // Found by the fuzzer: `TagKeys.member.99999999999999999999` decoded to [undefined] and a handler failed with a 500.
    const out = decodeQueryInput(
      params({
        UserName: 'bob',
        'Keys.member.1e3': 'a',
        'Keys.member.01': 'b',
        'Keys.member.99999999999999999999': 'c',
        'Keys.member.0': 'd',
        'Keys.member.1.5': 'f',
        'Keys.member.2': 'e',
      }),
      input,
      'without-value',
    );
    assert.deepEqual(out.Keys, ['e']);
    assert.equal(decodeQueryInput(params({ UserName: 'bob', 'Keys.member.1e3': 'a' }), input, 'without-value').Keys, undefined);
  });

  it('refuses a NUL in any string member, without echoing it (found by the fuzzer on PostgreSQL)', () => {
    const e = catchError(() => decodeQueryInput(params({ UserName: 'b\u0000b' }), input, 'with-value'));
    assert.equal(e.code, 'ValidationError');
    assert.equal(
      e.message,
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must not contain the character U+0000",
    );
    assert.equal(
      catchError(() => decodeQueryInput(params({ UserName: 'bob', 'Keys.member.1': '\u0000' }), input, 'without-value')).code,
      'ValidationError',
    );
  });

  it('treats `Name=` as an empty list', () => {
    assert.deepEqual(decodeQueryInput(params({ UserName: 'bob', Keys: '' }), input, 'without-value').Keys, []);
  });

  it('fails first on a missing required top-level member with MissingParameter', () => {
    const e = catchError(() => decodeQueryInput(params({}), input, 'without-value'));
    assert.equal(e.code, 'MissingParameter');
    assert.equal(e.message, 'The request must contain the parameter UserName');
  });

  it('reports every constraint in one ValidationError, IAM style without the value', () => {
    const e = catchError(() => decodeQueryInput(params({ UserName: 'BOBBY1', MaxItems: '0' }), input, 'without-value'));
    assert.equal(e.code, 'ValidationError');
    assert.equal(
      e.message,
      "3 validation errors detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 5; " +
        "Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
        "Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('includes the value in STS style and uses AWS list-member paths', () => {
    const e = catchError(() =>
      decodeQueryInput(params({ UserName: 'ab', 'Tags.member.1.Key': 'long', 'Tags.member.1.Value': 'v' }), input, 'with-value'),
    );
    assert.equal(
      e.message,
      "1 validation error detected: Value 'long' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 3",
    );
  });

  it('refuses too many list members and non-numeric integers', () => {
    const many = params({
      UserName: 'ab',
      'Tags.member.1.Key': 'a',
      'Tags.member.1.Value': '',
      'Tags.member.2.Key': 'b',
      'Tags.member.2.Value': '',
      'Tags.member.3.Key': 'c',
      'Tags.member.3.Value': '',
    });
    assert.match(
      catchError(() => decodeQueryInput(many, input, 'without-value')).message,
      /Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 2/,
    );
    assert.equal(
      catchError(() => decodeQueryInput(params({ UserName: 'ab', MaxItems: 'ten' }), input, 'without-value')).code,
      'ValidationError',
    );
  });
});
