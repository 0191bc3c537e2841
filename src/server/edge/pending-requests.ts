/**
 * How many requests the listener has received and not yet answered, and whether one more is one
 * too many. Past `limit` keysmith does not queue a request: the pipeline answers it at once with
 * the protocol's throttling error (Throttling; S3's SlowDown), which the AWS SDKs retry with
 * back-off. A flood then makes some callers back off instead of every caller's latency, and the
 * process's memory, growing without bound. Refused requests are not counted (they are answered
 * before anything else runs for them).
 */
export class PendingRequests {
  private pending = 0;
  private refused = 0;

  constructor(readonly limit: number) {}

  /** One request received: true when it is taken on (call `leave` once answered), false when it must be refused. */
  enter(): boolean {
    if (this.pending >= this.limit) {
      this.refused += 1;
      return false;
    }
    this.pending += 1;
    return true;
  }

  /** A request taken on by `enter` has been answered (or its connection lost). */
  readonly leave = (): void => {
    this.pending -= 1;
  };

  get count(): number {
    return this.pending;
  }

  /** Requests refused since the last call (for a periodic warning). */
  takeRefused(): number {
    const n = this.refused;
    this.refused = 0;
    return n;
  }
}
