import type { SimClock, SimTimerHandle } from '../clock/sim-clock';
import type { Action, ActionState, ActionStatus } from '../protocol';

export type ActionOrigin = 'ORDER' | 'INSTANT';

/** What running an action ends with: undefined for success, otherwise why it failed. */
export type ActionOutcome = string | undefined;

interface Tracked {
  readonly action: Action;
  readonly origin: ActionOrigin;
  readonly state: ActionState;
  timer?: SimTimerHandle;
  /** Sim time the current phase (initializing or running) ends. */
  phaseEndsAt?: number;
  /** Left of the current phase while paused. */
  pausedRemainingMs?: number;
  pausedFrom?: ActionStatus;
  totalMs: number;
  finish?: () => ActionOutcome;
}

const TERMINAL: ReadonlySet<ActionStatus> = new Set(['FINISHED', 'FAILED']);
const ACTIVE: ReadonlySet<ActionStatus> = new Set(['INITIALIZING', 'RUNNING', 'PAUSED']);
/** Preparation time before an action reports RUNNING, capped by the action's own duration. */
const INITIALIZING_MS = 1_000;

/**
 * The actionStates list and the timed WAITING → INITIALIZING → RUNNING → FINISHED/FAILED lifecycle of each action,
 * including pause. It knows nothing of orders or blocking; the vehicle decides what to start and when.
 */
export class ActionTracker {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly clock: SimClock,
    /** Told after any action reaches FINISHED or FAILED by its own timer. */
    private readonly onEnded: (actionId: string) => void,
  ) {}

  states(): ActionState[] {
    return [...this.tracked.values()].map((entry) => ({ ...entry.state }));
  }

  has(actionId: string): boolean {
    return this.tracked.has(actionId);
  }

  status(actionId: string): ActionStatus | undefined {
    return this.tracked.get(actionId)?.state.actionStatus;
  }

  action(actionId: string): Action | undefined {
    return this.tracked.get(actionId)?.action;
  }

  add(action: Action, origin: ActionOrigin, status: ActionStatus = 'WAITING'): void {
    const state: ActionState = { actionId: action.actionId, actionType: action.actionType, actionStatus: status };
    if (action.actionDescription) state.actionDescription = action.actionDescription;
    this.tracked.set(action.actionId, { action, origin, state, totalMs: 0 });
  }

  /**
   * Starts a WAITING action; `finish` runs when its time is up and decides FINISHED or FAILED. A zero-length action
   * ends inside this call and returns its final status without calling `onEnded`, so callers never re-enter.
   */
  run(actionId: string, durationMs: number, finish: () => ActionOutcome, paused: boolean): ActionStatus {
    const entry = this.entry(actionId);
    entry.finish = finish;
    entry.totalMs = durationMs;
    if (durationMs <= 0) {
      this.setOutcome(entry, finish());
    } else {
      this.enterPhase(entry, 'INITIALIZING', Math.min(INITIALIZING_MS, durationMs));
      if (paused) this.pauseEntry(entry);
    }
    return entry.state.actionStatus;
  }

  /** Ends an action now (instant protocol actions, or refusals) without a timer. */
  settle(actionId: string, outcome: ActionOutcome): void {
    const entry = this.entry(actionId);
    entry.timer?.cancel();
    this.setOutcome(entry, outcome);
  }

  /** Ends an action FINISHED now with a result (a trigger a person gave on the vehicle). */
  finishWith(actionId: string, resultDescription: string): void {
    this.settle(actionId, undefined);
    this.entry(actionId).state.resultDescription = resultDescription;
  }

  /** Fails every unfinished action of an order (cancelOrder, new order, depleted battery when `onlyActive`). */
  failOrderActions(reason: string, onlyActive = false): string[] {
    const failed: string[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.origin !== 'ORDER' || TERMINAL.has(entry.state.actionStatus)) continue;
      if (onlyActive && !ACTIVE.has(entry.state.actionStatus)) continue;
      entry.timer?.cancel();
      this.setOutcome(entry, reason);
      failed.push(entry.action.actionId);
    }
    return failed;
  }

  pauseAll(): void {
    for (const entry of this.tracked.values()) if (entry.timer && !entry.pausedFrom) this.pauseEntry(entry);
  }

  resumeAll(): void {
    for (const entry of this.tracked.values()) if (entry.pausedFrom) this.resumeEntry(entry);
  }

  /** Actions initializing or running; paused ones do not work (nor drain the battery). */
  isWorking(): boolean {
    return [...this.tracked.values()].some((entry) => ['INITIALIZING', 'RUNNING'].includes(entry.state.actionStatus));
  }

  activeOrderActions(): Action[] {
    return [...this.tracked.values()]
      .filter((entry) => entry.origin === 'ORDER' && ACTIVE.has(entry.state.actionStatus))
      .map((entry) => entry.action);
  }

  hasUnfinishedOrderActions(): boolean {
    return [...this.tracked.values()].some((entry) => entry.origin === 'ORDER' && !TERMINAL.has(entry.state.actionStatus));
  }

  /** Used for cancelOrder, which runs until the vehicle stands still. */
  markRunning(actionId: string): void {
    this.entry(actionId).state.actionStatus = 'RUNNING';
  }

  /** A new order replaces the reported actions; only instant actions still under way stay (§6.10.6). */
  dropEnded(): void {
    for (const [actionId, entry] of this.tracked) if (TERMINAL.has(entry.state.actionStatus)) this.tracked.delete(actionId);
  }

  clear(): void {
    for (const entry of this.tracked.values()) entry.timer?.cancel();
    this.tracked.clear();
  }

  private enterPhase(entry: Tracked, status: 'INITIALIZING' | 'RUNNING', ms: number): void {
    entry.state.actionStatus = status;
    entry.phaseEndsAt = this.clock.now() + ms;
    entry.timer = this.clock.setTimer(ms, () => this.endPhase(entry));
  }

  private endPhase(entry: Tracked): void {
    entry.timer = undefined;
    if (entry.state.actionStatus === 'INITIALIZING') {
      const runMs = entry.totalMs - INITIALIZING_MS;
      if (runMs > 0) return this.enterPhase(entry, 'RUNNING', runMs);
    }
    this.complete(entry);
  }

  private complete(entry: Tracked): void {
    entry.timer = undefined;
    this.setOutcome(entry, entry.finish?.());
    this.onEnded(entry.action.actionId);
  }

  private setOutcome(entry: Tracked, outcome: ActionOutcome): void {
    entry.state.actionStatus = outcome === undefined ? 'FINISHED' : 'FAILED';
    if (outcome !== undefined) entry.state.resultDescription = outcome;
    entry.pausedFrom = undefined;
  }

  private pauseEntry(entry: Tracked): void {
    entry.timer?.cancel();
    entry.timer = undefined;
    entry.pausedRemainingMs = Math.max(0, (entry.phaseEndsAt ?? this.clock.now()) - this.clock.now());
    entry.pausedFrom = entry.state.actionStatus;
    entry.state.actionStatus = 'PAUSED';
  }

  private resumeEntry(entry: Tracked): void {
    const status = entry.pausedFrom as 'INITIALIZING' | 'RUNNING';
    entry.pausedFrom = undefined;
    this.enterPhase(entry, status, entry.pausedRemainingMs ?? 0);
  }

  private entry(actionId: string): Tracked {
    const entry = this.tracked.get(actionId);
    if (!entry) throw new Error(`unknown action ${actionId}`);
    return entry;
  }
}
