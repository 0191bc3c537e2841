import { AwsError } from '../../../errors/aws-error.js';
import { InvalidMarkerError, type Page } from '../../../storage/store.js';

/**
 * Store lists reject a marker they did not issue with InvalidMarkerError; AWS answers that with
 * ValidationError "Invalid Marker." (reference §4.1). Anything else (a database outage) stays a
 * server error.
 */
export async function storePage<T>(list: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await list();
  } catch (e) {
    if (e instanceof InvalidMarkerError) throw new AwsError('ValidationError', 'Invalid Marker.');
    throw e;
  }
}
