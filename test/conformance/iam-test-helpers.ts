import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Helpers for the IAM conformance tests: assert an AWS error by its wire code, message and HTTP
 * status (SDK v3 keeps the code in `Error.Code` for modeled and unmodeled errors alike), and walk
 * a paginated list to the end.
 */
/** The AWS CLI's simulate-custom-policy example (awscli/examples/iam/simulate-custom-policy.rst). */
export const DYNAMO_AFTER_2018 =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';

export interface AwsErrorLike {
  name: string;
  message: string;
  Error?: { Code?: string; Type?: string };
  $metadata?: { httpStatusCode?: number };
}

export async function rejects(call: Promise<unknown>, code: string, message?: string | RegExp, status?: number): Promise<AwsErrorLike> {
  let error: AwsErrorLike | undefined;
  try {
    await call;
  } catch (e) {
    error = e as AwsErrorLike;
  }
  assert.ok(error, `expected ${code}, but the call succeeded`);
  assert.equal(error.Error?.Code ?? error.name, code, `${error.name}: ${error.message}`);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  if (status !== undefined) assert.equal(error.$metadata?.httpStatusCode, status);
  return error;
}

/** Calls `page(marker)` until IsTruncated is false; returns every page. */
export async function allPages<P extends { IsTruncated?: boolean; Marker?: string }>(
  page: (marker: string | undefined) => Promise<P>,
): Promise<P[]> {
  const pages: P[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const p = await page(marker);
    pages.push(p);
    if (!p.IsTruncated) {
      assert.equal(p.Marker, undefined, 'no Marker on the last page');
      return pages;
    }
    assert.ok(p.Marker, 'a truncated page carries a Marker');
    marker = p.Marker;
  }
  throw new Error('pagination did not end');
}

/** An identity policy document allowing `actions` on `resources`. */
export function allowDoc(actions: string | string[], resources: string | string[] = '*'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] });
}

/** A valid policy whose size without whitespace is exactly `size` characters. */
export function docOfSize(size: number): string {
  const make = (pad: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${pad}` }],
    });
  const base = make('').length;
  assert.ok(size >= base, `size ${size} is below the minimum ${base}`);
  const doc = make('a'.repeat(size - base));
  assert.equal(doc.replace(/\s+/g, '').length, size);
  return doc;
}

/**
 * A test server on SQLite, or on a fresh PostgreSQL database when KEYSMITH_IAM_TESTS_ON_POSTGRES=1
 * and KEYSMITH_TEST_DATABASE_URL points at a server (the backends differ in how a failed statement
 * affects an open transaction, which the rename and quota paths exercise).
 */
export async function startIamTestServer(): Promise<TestServer> {
  const adminUrl = process.env.KEYSMITH_TEST_DATABASE_URL;
  if (process.env.KEYSMITH_IAM_TESTS_ON_POSTGRES !== '1' || !adminUrl) return startTestServer();
  const name = `keysmith_iam_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return startTestServer({ KEYSMITH_DATABASE_URL: adminUrl.replace(/\/[^/]*$/, `/${name}`) });
}
