/**
 * CloudTrail's modeled errors (reference Appendix C): all HTTP 400, the code is the shape name
 * and goes on the wire as it is (`{"__type": code, "message": …}`). Only the JSON protocol sends
 * them.
 */
export const CLOUDTRAIL_ERRORS = {
  InvalidLookupAttributesException: 400,
  InvalidTimeRangeException: 400,
  InvalidMaxResultsException: 400,
  InvalidNextTokenException: 400,
  InvalidEventCategoryException: 400,
  UnsupportedOperationException: 400,
  OperationNotPermittedException: 400,
  ValidationException: 400,
  SerializationException: 400,
} as const satisfies Record<string, number>;

export type CloudTrailErrorCode = keyof typeof CLOUDTRAIL_ERRORS;
