import type { Outcome } from './client.js';
import type { Draft } from './draft.js';
import { errorCodeOf } from './findings.js';

/** Counts per protocol: answers by status class and code, socket errors, timeouts, deliberate aborts. */
export interface ProtocolStats {
  sent: number;
  classes: Record<'1xx' | '2xx' | '3xx' | '4xx' | '5xx', number>;
  /** "403 SignatureDoesNotMatch" → count (non-2xx answers). */
  codes: Map<string, number>;
  errors: Map<string, number>;
  timeouts: number;
  aborted: number;
  malformedHttp: number;
  reSigned: number;
}

export interface Incident {
  index: number;
  op: string;
  what: string;
  mutations: string[];
}

export class Stats {
  sent = 0;
  readonly byProtocol = new Map<string, ProtocolStats>();
  readonly timeoutExamples: Incident[] = [];
  readonly errorExamples: Incident[] = [];
  /** Requests that got no answer on a keep-alive connection (not malformed, not aborted on purpose). */
  unexpectedTimeouts = 0;

  private of(protocol: string): ProtocolStats {
    let s = this.byProtocol.get(protocol);
    if (!s) {
      s = {
        sent: 0,
        classes: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
        codes: new Map(),
        errors: new Map(),
        timeouts: 0,
        aborted: 0,
        malformedHttp: 0,
        reSigned: 0,
      };
      this.byProtocol.set(protocol, s);
    }
    return s;
  }

  record(draft: Draft, outcome: Outcome, requestBytes: number): void {
    this.sent++;
    const s = this.of(draft.protocol);
    s.sent++;
    if (draft.raw) s.malformedHttp++;
    if (draft.sign.kind !== 'none' && draft.post.length === 0) s.reSigned++;
    switch (outcome.kind) {
      case 'reply': {
        const status = outcome.reply.status;
        const cls = `${Math.min(5, Math.max(1, Math.floor(status / 100)))}xx` as keyof ProtocolStats['classes'];
        s.classes[cls]++;
        if (status >= 300) {
          const key = `${status} ${errorCodeOf(outcome.reply)}`;
          s.codes.set(key, (s.codes.get(key) ?? 0) + 1);
        }
        break;
      }
      case 'error': {
        // A server that answers an oversized body early (413, or a refusal from the headers) and
        // closes makes the client's write fail: expected, and counted apart.
        const early = requestBytes > 1024 * 1024 && /EPIPE|ECONNRESET/.test(outcome.error);
        const odd = draft.raw !== undefined ? 'malformed HTTP' : draft.contentLength !== undefined ? 'odd Content-Length' : undefined;
        const key = odd ? `${outcome.error} (${odd})` : early ? `${outcome.error} (body over 1 MiB cut off by the server)` : outcome.error;
        s.errors.set(key, (s.errors.get(key) ?? 0) + 1);
        if (!odd && !early && this.errorExamples.length < 20)
          this.errorExamples.push({ index: draft.index, op: draft.op, what: outcome.error, mutations: draft.mutations });
        break;
      }
      case 'timeout':
        s.timeouts++;
        if (!draft.raw) this.unexpectedTimeouts++;
        if (this.timeoutExamples.length < 20)
          this.timeoutExamples.push({ index: draft.index, op: draft.op, what: 'timeout', mutations: draft.mutations });
        break;
      case 'aborted':
        s.aborted++;
        break;
    }
  }

  total(): ProtocolStats {
    const t: ProtocolStats = {
      sent: 0,
      classes: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
      codes: new Map(),
      errors: new Map(),
      timeouts: 0,
      aborted: 0,
      malformedHttp: 0,
      reSigned: 0,
    };
    for (const s of this.byProtocol.values()) {
      t.sent += s.sent;
      for (const k of Object.keys(t.classes) as Array<keyof ProtocolStats['classes']>) t.classes[k] += s.classes[k];
      for (const [k, v] of s.codes) t.codes.set(k, (t.codes.get(k) ?? 0) + v);
      for (const [k, v] of s.errors) t.errors.set(k, (t.errors.get(k) ?? 0) + v);
      t.timeouts += s.timeouts;
      t.aborted += s.aborted;
      t.malformedHttp += s.malformedHttp;
      t.reSigned += s.reSigned;
    }
    return t;
  }
}
