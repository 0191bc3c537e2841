import { AwsError } from '../../../errors/aws-error.js';
import type { Page } from '../../../storage/store.js';

/**
 * Store lists reject a marker they did not issue with a plain Error (the port has no typed error
 * for it); AWS answers that with ValidationError "Invalid Marker." (reference §4.1), not a 500.
 */
export async function storePage<T>(list: () => Promise<Page<T>>): Promise<Page<T>> {
  try {
    return await list();
  } catch (e) {
    if (e instanceof Error && !(e instanceof AwsError) && /marker/i.test(e.message))
      throw new AwsError('ValidationError', 'Invalid Marker.');
    throw e;
  }
}
