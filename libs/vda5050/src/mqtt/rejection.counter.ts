import type { RejectReason } from '../validation/message.validator';

/** Counts dropped inbound messages per reason, for health endpoints and logs. */
export class RejectionCounter {
  private readonly counts: Record<RejectReason, number> = {
    topic: 0,
    oversize: 0,
    json: 0,
    version: 0,
    schema: 0,
    identity: 0,
  };

  add(reason: RejectReason): void {
    this.counts[reason] += 1;
  }

  /** A copy of the counters, so callers cannot change them. */
  snapshot(): Record<RejectReason, number> {
    return { ...this.counts };
  }
}
