// CloudTrail's error class and codes live in src/errors/ with the other families; the service and the JSON pipeline import them from here.
export { CloudTrailError } from '../../errors/cloudtrail-error.js';
export type { CloudTrailErrorCode } from '../../errors/cloudtrail-catalogue.js';
