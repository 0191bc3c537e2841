import { AwsError } from '../../../errors/aws-error.js';

/**
 * Runs a store list call. The SQL store rejects a marker it did not issue with a plain Error;
 * AWS answers that with ValidationError "Invalid Marker." (reference §4.1), not an internal failure.
 */
export async function storePage<T>(marker: string | undefined, list: () => Promise<T>): Promise<T> {
  try {
    return await list();
  } catch (e) {
    if (marker !== undefined && e instanceof Error && /marker/i.test(e.message) && !(e instanceof AwsError)) {
      throw new AwsError('ValidationError', 'Invalid Marker.');
    }
    throw e;
  }
}
