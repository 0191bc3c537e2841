/**
 * Starts requests a few per event-loop turn, the rest on the following turns, in arrival order.
 *
 * Why: while a Node server is busy, new connections are accepted at about one per event-loop
 * iteration. Without a bound, one iteration runs every request whose bytes arrived in its poll
 * phase — at 512 busy connections and ~200 µs a request, ~100 ms — so a burst of new connections
 * waits tens of seconds to be accepted at all (measured: 85 of 512 connections unanswered after
 * 10 s; a plain node:http server with a 200 µs handler: 261 of 512 within 8 s). Handing the work to
 * `setImmediate` in slices of `perTurn` keeps each iteration short: the accept queue, timers (the
 * audit hand-over) and I/O all get their turn, at the cost of one extra loop iteration per slice
 * (~1 µs). A request whose pipeline waits (for its body, say) is not held: only starting is paced.
 */
export class TurnAdmission {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  /** Runs `start` in this turn's slice or a later one. `start` must not throw (it is not caught for it). */
  admit(start: () => void): void {
    this.waiting.push(start);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.runSlice);
    }
  }

  private readonly runSlice = (): void => {
    this.scheduled = false;
    try {
      for (let n = 0; n < this.perTurn && this.waiting.length > 0; n++) this.waiting.shift()!();
    } finally {
      // Also after a start that threw: the requests behind it must not be stranded.
      if (this.waiting.length > 0 && !this.scheduled) {
        this.scheduled = true;
        setImmediate(this.runSlice);
      }
    }
  };
}
