import { canDo, type Robot } from '../robot/robot';

/**
 * Opportunity cost of versatile robots. When only some robots can do a kind of work (vitals, telepresence…), every
 * second one of them spends on work any robot could do is a second that kind of work may wait. Per robot and per
 * task: Σ over the needs N the robot can do that fewer robots can do than the task's own need, of
 * load(N) × the task's work seconds, where load(N) = (robot-seconds of N raised per second lately) / (robots able to
 * do N) — the share of those robots' time their exclusive work takes. With no such work lately it is 0, so a
 * homogeneous fleet is planned exactly as before.
 */
export class Scarcity {
  private readonly capable = new Map<string, number>();
  private readonly loads: Array<{ need: readonly string[]; key: string; load: number; capable: number }> = [];
  private readonly perPair = new Map<string, number>();

  constructor(
    private readonly robots: readonly Robot[],
    workRateByNeed: ReadonlyMap<string, number>,
  ) {
    for (const [key, rate] of workRateByNeed) {
      if (rate <= 0) continue;
      const need = key === '' ? [] : key.split('\u0000');
      const capable = this.capableOf(key, need);
      if (capable === 0 || capable === robots.length) continue;
      this.loads.push({ need, key, load: rate / capable, capable });
    }
  }

  /** No robot is scarce for anything lately: the opportunity cost is 0 everywhere. */
  get none(): boolean {
    return this.loads.length === 0;
  }

  /** Cost per second of work when `robot` does a task needing `taskNeed` (its `requires`), in seconds per second. */
  perWorkSecond(robot: Robot, robotKey: string, taskNeedKey: string, taskNeed: readonly string[]): number {
    if (this.loads.length === 0) return 0;
    const pair = `${robotKey}\u0001${taskNeedKey}`;
    let value = this.perPair.get(pair);
    if (value === undefined) {
      const taskCapable = this.capableOf(taskNeedKey, taskNeed);
      value = 0;
      for (const l of this.loads) if (l.key !== taskNeedKey && l.capable < taskCapable && canDo(robot, l.need)) value += l.load;
      this.perPair.set(pair, value);
    }
    return value;
  }

  private capableOf(key: string, need: readonly string[]): number {
    let n = this.capable.get(key);
    if (n === undefined) {
      n = this.robots.filter((r) => canDo(r, need)).length;
      this.capable.set(key, n);
    }
    return n;
  }
}
