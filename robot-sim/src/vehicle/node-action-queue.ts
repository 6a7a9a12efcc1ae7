import type { Action } from '../protocol';
import type { ActionTracker } from './action-tracker';

/**
 * The actions of the node the vehicle stands on, started in list order under §6.12: NONE and SOFT run side by side,
 * HARD runs alone, so a HARD action waits for everything running and holds back everything after it.
 */
export class NodeActionQueue {
  private pending: Action[] = [];

  constructor(
    private readonly tracker: ActionTracker,
    /** Whether actions may start now (not while paused or flat). */
    private readonly canStart: () => boolean,
    private readonly start: (action: Action) => void,
  ) {}

  enter(actions: readonly Action[]): void {
    this.pending = [...actions];
    this.pump();
  }

  clear(): void {
    this.pending = [];
  }

  pump(): void {
    while (this.pending.length > 0 && this.canStart()) {
      const next = this.pending[0];
      const active = this.tracker.activeOrderActions();
      if (active.some((action) => action.blockingType === 'HARD')) return;
      if (next.blockingType === 'HARD' && active.length > 0) return;
      this.pending.shift();
      // A cancel may have failed it already; it must not run after all.
      if (this.tracker.status(next.actionId) === 'WAITING') this.start(next);
    }
  }

  /** SOFT and HARD actions keep the vehicle on its node until they end (NONE ones do not). */
  holdsVehicle(): boolean {
    if (this.pending.length > 0) return true;
    return this.tracker.activeOrderActions().some((action) => action.blockingType !== 'NONE');
  }
}
