/**
 * CloudTrail's modeled errors (reference Appendix C): all HTTP 400, the code is the shape name.
 * They live here rather than in the Query services' catalogue because only the JSON protocol
 * sends them; the JSON pipeline renders them as `{"__type": code, "message": …}`.
 */
export type CloudTrailErrorCode =
  | 'InvalidLookupAttributesException'
  | 'InvalidTimeRangeException'
  | 'InvalidMaxResultsException'
  | 'InvalidNextTokenException'
  | 'InvalidEventCategoryException'
  | 'UnsupportedOperationException'
  | 'OperationNotPermittedException'
  | 'ValidationException'
  | 'SerializationException';

export class CloudTrailError extends Error {
  readonly status = 400;

  constructor(
    readonly code: CloudTrailErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
