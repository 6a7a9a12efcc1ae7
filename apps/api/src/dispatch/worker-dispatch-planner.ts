import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DispatchPlanner, type PlannedDecision, type PlanningSnapshot } from '@opiekun/application';
import type { Facility } from '@opiekun/domain';
import type { PlannerInit, PolicyName, RoundRequest } from './worker-round';

/** The compiled worker beside this file; absent when the api runs from TypeScript (tests), which then plan inline. */
const WORKER_FILE = join(__dirname, 'dispatch.worker.js');

interface Pending {
  resolve(decisions: readonly PlannedDecision[]): void;
  reject(error: Error): void;
}

export interface WorkerPlannerOptions {
  /**
   * A round not answered within this is given up and the worker replaced (a policy stuck in a loop must not keep
   * the task mutex, and with it every robot report, waiting for ever). Default 30 s: the first round at 1000 robots
   * and 5000 ready tasks takes 3–4 s on the bench machine.
   */
  readonly roundTimeoutMs?: number;
  /** The worker's script (tests); default the compiled dispatch.worker.js beside this file. */
  readonly workerFile?: string;
}

const DEFAULT_ROUND_TIMEOUT_MS = 30_000;

/**
 * Plans dispatch rounds in a worker thread, so the api's event loop is never held by one: a round at 200 robots and
 * thousands of ready tasks takes tens of milliseconds (README, "Decision latency at scale"), and on the event loop
 * requests, robot messages and the embedded broker would wait (robot reports still wait for the task mutex, which
 * DispatchService holds through the round; their MQTT traffic and HTTP do not). The policy lives in the worker with its memory (fairness ledger, demand
 * map, trips), is given the same snapshot as inline and plans the same; what crosses is the snapshot (the tasks, the
 * robots that changed since the last round) and the decisions without routes. Rounds never overlap (DispatchService runs one at a time, in the task mutex).
 *
 * A worker that fails, or does not answer a round within `roundTimeoutMs`, is replaced on the next round (the round
 * fails, DispatchService logs it and plans again): the policy's memory is advisory and rebuilds, as after a restart.
 * Once closed (the api stopping) it plans nothing more.
 */
export class WorkerDispatchPlanner extends DispatchPlanner {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  /** The robot objects the worker has, by id (see changedSince). */
  private readonly sent = new Map<string, PlanningSnapshot['robots'][number]>();
  private nextId = 0;
  private readonly init: PlannerInit;
  private closed = false;
  private readonly roundTimeoutMs: number;
  private readonly workerFile: string;

  /** Whether the compiled worker is there (the built api), i.e. whether this planner can run. */
  static available(): boolean {
    return existsSync(WORKER_FILE);
  }

  constructor(
    facility: Facility,
    policy: PolicyName,
    /** Robots that gave each queued task up (TaskFailover.avoidance), kept off it as inline. */
    private readonly avoidance: () => ReadonlyMap<string, ReadonlySet<string>>,
    options: WorkerPlannerOptions = {},
  ) {
    super();
    this.init = { facility: facility.data, policy };
    this.roundTimeoutMs = options.roundTimeoutMs ?? DEFAULT_ROUND_TIMEOUT_MS;
    this.workerFile = options.workerFile ?? WORKER_FILE;
    this.start();
  }

  plan(snapshot: PlanningSnapshot): Promise<readonly PlannedDecision[]> {
    if (this.closed) return Promise.reject(new Error('dispatch planner closed'));
    const worker = this.worker ?? this.start();
    const ids = new Set(snapshot.tasks.map((t) => t.id));
    const avoided = [...this.avoidance()].filter(([taskId]) => ids.has(taskId)).map(([taskId, robots]) => [taskId, [...robots]] as const);
    const { robots, ...rest } = snapshot;
    const request: RoundRequest = { snapshot: rest, robotIds: robots.map((r) => r.id), changedRobots: this.changedSince(robots), avoided };
    const id = ++this.nextId;
    return new Promise<readonly PlannedDecision[]>((resolve, reject) => {
      const timer = setTimeout(() => this.replace(worker, new Error(`dispatch worker gave no answer within ${this.roundTimeoutMs} ms; replaced`)), this.roundTimeoutMs);
      timer.unref();
      const settled = () => clearTimeout(timer);
      this.pending.set(id, {
        resolve: (decisions) => {
          settled();
          resolve(decisions);
        },
        reject: (error) => {
          settled();
          // what the worker was sent is not known for sure any more: the next round sends every robot
          this.sent.clear();
          reject(error);
        },
      });
      try {
        worker.postMessage({ id, request });
      } catch (error) {
        this.pending.get(id)?.reject(error as Error);
        this.pending.delete(id);
      }
    });
  }

  /** Gives up the worker (its pending rounds fail) and stops it; the next round starts a new one. */
  private replace(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(error);
    void worker.terminate();
  }

  /** Nest calls this when the api stops, after the round under way finished (AppModule.beforeApplicationShutdown). */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('dispatch planner closed'));
    await worker?.terminate();
  }

  /**
   * The robots that are not the objects sent last time. The registry replaces a robot's object on every change, so
   * identity tells; between two rounds a few robots of the fleet reported, and copying all 200 to the other thread
   * cost about a millisecond a round.
   */
  private changedSince(robots: PlanningSnapshot['robots']): PlanningSnapshot['robots'] {
    const changed = robots.filter((robot) => this.sent.get(robot.id) !== robot);
    for (const robot of changed) this.sent.set(robot.id, robot);
    if (this.sent.size > robots.length) {
      const present = new Set(robots.map((r) => r.id));
      for (const id of [...this.sent.keys()]) if (!present.has(id)) this.sent.delete(id);
    }
    return changed;
  }

  private start(): Worker {
    // A new worker knows no robot yet.
    this.sent.clear();
    const worker = new Worker(this.workerFile, { workerData: this.init });
    // The worker must not keep a stopping api alive.
    worker.unref();
    worker.on('message', ({ id, decisions, error }: { id: number; decisions?: PlannedDecision[]; error?: string }) => {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) pending?.reject(new Error(`dispatch worker: ${error}`));
      else pending?.resolve(decisions ?? []);
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`dispatch worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
