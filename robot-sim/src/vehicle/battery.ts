/**
 * State of charge as a piecewise-linear function of sim time: the vehicle sets the rate whenever what it does
 * changes, and the charge is integrated lazily. Exact at any instant, whatever the clock's step size.
 */
export class Battery {
  private chargeAtMark: number;
  private markMs: number;
  private ratePerSecond = 0;

  constructor(initialPercent: number, nowMs: number) {
    this.chargeAtMark = clampPercent(initialPercent);
    this.markMs = nowMs;
  }

  charge(nowMs: number): number {
    return clampPercent(this.chargeAtMark + (this.ratePerSecond * (nowMs - this.markMs)) / 1000);
  }

  /** Percent per second, negative while draining. */
  get rate(): number {
    return this.ratePerSecond;
  }

  setRate(nowMs: number, percentPerSecond: number): void {
    this.chargeAtMark = this.charge(nowMs);
    this.markMs = nowMs;
    this.ratePerSecond = percentPerSecond;
  }

  /** Sim ms until the charge reaches 0 at the current rate; undefined when not draining. */
  msUntilEmpty(nowMs: number): number | undefined {
    if (this.ratePerSecond >= 0) return undefined;
    return (this.charge(nowMs) / -this.ratePerSecond) * 1000;
  }
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
