import { AwsError } from '../../../errors/aws-error.js';

/** AWS's NoSuchEntity text for an MFA device (recorded replies). */
export function noSuchDevice(serialNumber: string): AwsError {
  return new AwsError('NoSuchEntity', `MFA Device with serial number ${serialNumber} does not exist.`);
}
