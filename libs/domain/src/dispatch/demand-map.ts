import type { Facility } from '../facility/facility-graph';
import { routerFor } from '../facility/routing';
import type { Task } from '../task/task';
import { stopNodes } from './task-feasibility';

/**
 * Where work starts, learnt from the tasks the dispatcher sees: each new task adds one to its first stop, and all
 * counts halve every `halfLifeS` of (snapshot) time, so the map follows the day — meals, then medication rounds.
 * Idle robots are parked where the expected drive to the next task is shortest.
 */
export class DemandMap {
  private readonly counts = new Map<string, number>();
  /** Decayed counts of first stops by what the task needs: `${node}\u0001${need}`. */
  private readonly countsByNeed = new Map<string, number>();
  /** Decayed seconds of work raised, by what the work needs (`requires` joined by NUL). */
  private readonly work = new Map<string, number>();
  /** ids of the tasks seen that were created at `newest` */
  private seen = new Set<string>();
  private newest = -Infinity;
  private at: number | undefined;

  constructor(private readonly halfLifeS = 3_600) {}

  /**
   * Counts the tasks not seen before: those created after the newest one seen so far (and, created in that same
   * millisecond, not among the ones seen then), so a round costs one comparison per task and no memory per task.
   */
  observe(tasks: readonly Task[], now: number, workS: (task: Task) => number = () => 0): void {
    this.decay(now);
    const watermark = this.newest;
    for (const task of tasks) {
      if (task.createdAt < watermark || (task.createdAt === watermark && this.seen.has(task.id))) continue;
      const first = stopNodes(task)[0]!;
      this.counts.set(first, (this.counts.get(first) ?? 0) + 1);
      const need = needKeyOf(task);
      const key = `${first}\u0001${need}`;
      this.countsByNeed.set(key, (this.countsByNeed.get(key) ?? 0) + 1);
      this.work.set(need, (this.work.get(need) ?? 0) + workS(task));
      if (task.createdAt > this.newest) {
        this.newest = task.createdAt;
        this.seen = new Set();
      }
      if (task.createdAt === this.newest) this.seen.add(task.id);
    }
  }

  /**
   * Robot-seconds of work per second lately raised for each need (`requires` joined by NUL): the decayed sum over the
   * half-life, which for a steady stream of rate λ tends to λ·halfLife/ln 2.
   */
  workRateByNeed(): Map<string, number> {
    const perS = Math.LN2 / this.halfLifeS;
    return new Map([...this.work].map(([need, seconds]) => [need, seconds * perS]));
  }

  /** Decayed count of all tasks seen. */
  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  get empty(): boolean {
    return this.counts.size === 0;
  }

  /** The `limit` busiest first stops, busiest first. */
  hotspots(limit = 16): Array<[node: string, weight: number]> {
    return [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  }

  /** The `limit` busiest pairs of first stop and need (`requires` joined by NUL), busiest first. */
  hotspotsByNeed(limit = 24): Array<[node: string, need: string, weight: number]> {
    return [...this.countsByNeed]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([key, weight]) => {
        const cut = key.indexOf('\u0001');
        return [key.slice(0, cut), key.slice(cut + 1), weight];
      });
  }

  /** Demand-weighted mean seconds from `node` to where work starts (0 when nothing is known yet). */
  expectedApproachS(node: string, speed: number, facility: Facility, hotspots = this.hotspots()): number {
    const router = routerFor(facility);
    const vertex = router.vertexOf(node);
    let total = 0;
    let weight = 0;
    for (const [hotspot, w] of hotspots) {
      const seconds = router.costsTo(hotspot, speed).timeS[vertex]!;
      if (seconds === Infinity) continue;
      total += w * seconds;
      weight += w;
    }
    return weight === 0 ? 0 : total / weight;
  }

  private decay(now: number): void {
    if (this.at !== undefined && now > this.at) {
      const factor = 0.5 ** ((now - this.at) / 1000 / this.halfLifeS);
      for (const [node, count] of this.counts) {
        const next = count * factor;
        if (next < 1e-3) this.counts.delete(node);
        else this.counts.set(node, next);
      }
      for (const [need, seconds] of this.work) this.work.set(need, seconds * factor);
      for (const [key, count] of this.countsByNeed) {
        const next = count * factor;
        if (next < 1e-3) this.countsByNeed.delete(key);
        else this.countsByNeed.set(key, next);
      }
    }
    this.at = Math.max(this.at ?? now, now);
  }
}

/** What a task needs of a robot, as one key. */
export function needKeyOf(task: Pick<Task, 'requires'>): string {
  return task.requires.join('\u0000');
}
