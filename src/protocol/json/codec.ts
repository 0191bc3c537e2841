import { CloudTrailError } from '../../errors/cloudtrail-error.js';
import type { JsonError } from './json-error.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A body that is not a JSON object: AWS answers SerializationException (one of the JSON services' errors). */
export class JsonSerializationError extends CloudTrailError {
  constructor(message: string) {
    super('SerializationException', message);
  }
}

/**
 * The request body as the operation's input (model member names, timestamps as epoch-second
 * numbers). An empty body is an empty input, as the SDKs send `{}` or nothing for no members.
 */
export function decodeJsonBody(body: Uint8Array): Record<string, unknown> {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonSerializationError('Start of structure or map found where not expected.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new JsonSerializationError('Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}

/** The output object as JSON; absent (undefined) members are left out. */
export function encodeJsonSuccess(output: object | undefined): string {
  return JSON.stringify(output ?? {});
}

export function encodeJsonError(error: JsonError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}
