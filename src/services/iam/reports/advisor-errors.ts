import { AwsError } from '../../../errors/aws-error.js';

/**
 * The access advisor's error texts. AWS publishes none for these cases; keysmith words them as
 * IAM's other operations do (docs/iam/reports.md).
 */
export const invalidArn = (arn: string) => new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
export const noSuchJob = (jobId: string) => new AwsError('NoSuchEntity', `The job with id ${jobId} cannot be found.`);
