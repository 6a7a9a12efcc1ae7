import type { Mutex } from 'async-mutex';
import { DEFAULT_ESCALATION_RULES, escalationDue, robotsFor, type EscalationRules, type Facility } from '@opiekun/domain';
import type { Clock, TimerHandle } from '../ports/clock.port';
import type { TaskStore } from '../ports/task-store.port';
import type { FleetRegistry } from './fleet-registry';
import type { StaffQueueService } from './staff-queue.service';

const SYSTEM = { kind: 'system', id: 'escalation' } as const;

/**
 * Sends queued fleet tasks to the ward's staff when no robot can or may take them, or when they would miss their
 * deadline (see `escalationDue`). Checks every `periodMs` under the task mutex, so a dispatch round never races it.
 */
export class EscalationWatchService {
  private timer?: TimerHandle;
  /** Since when each due task has had no robot to take it; process-local, so after a restart robots get the grace again. */
  private readonly noRobotSince = new Map<string, number>();

  constructor(
    private readonly store: TaskStore,
    private readonly fleet: FleetRegistry,
    private readonly staff: StaffQueueService,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly mutex: Mutex,
    private readonly onError: (error: Error) => void,
    private readonly rules: EscalationRules = DEFAULT_ESCALATION_RULES,
    private readonly periodMs = 15_000,
  ) {}

  start(): void {
    this.timer = this.clock.setInterval(() => void this.check().catch(this.onError), this.periodMs);
  }

  stop(): void {
    this.timer?.cancel();
  }

  /** One pass; answers how many tasks went to staff. */
  async check(): Promise<number> {
    return this.mutex.runExclusive(async () => {
      const now = this.clock.now();
      const fleet = this.fleet.list();
      const active = await this.store.active();
      let escalated = 0;
      for (const task of active) {
        if (task.status !== 'ready' || task.performer === 'staff') continue;
        if (task.earliestStart !== undefined && task.earliestStart > now) continue;
        if (robotsFor(task, fleet) === 'available') this.noRobotSince.delete(task.id);
        else if (!this.noRobotSince.has(task.id)) this.noRobotSince.set(task.id, now);
        const verdict = escalationDue({ task, fleet, facility: this.facility, now, noRobotSince: this.noRobotSince.get(task.id) }, this.rules);
        if (!verdict) continue;
        await this.staff.escalate(task, verdict.reason, { ...SYSTEM, reason: verdict.reason }, verdict.detail);
        escalated += 1;
      }
      const open = new Set(active.filter((t) => t.status === 'ready' && t.performer !== 'staff').map((t) => t.id));
      for (const id of this.noRobotSince.keys()) if (!open.has(id)) this.noRobotSince.delete(id);
      return escalated;
    });
  }
}
