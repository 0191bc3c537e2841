import { AwsError } from './aws-error.js';
import type { CloudTrailErrorCode } from './cloudtrail-catalogue.js';

/**
 * One of CloudTrail's modeled exceptions (cloudtrail-catalogue.ts). The JSON pipeline sends it as
 * `{"__type": code, "message": …}`, the code unrenamed.
 */
export class CloudTrailError extends AwsError {
  declare readonly code: CloudTrailErrorCode;

  constructor(code: CloudTrailErrorCode, message: string) {
    super({ family: 'cloudtrail', code }, message);
  }
}
