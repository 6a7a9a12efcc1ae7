import { scenarioTaskInput, type Scenario, type ScenarioTask } from '@opiekun/domain';

interface Due {
  readonly at: number;
  readonly key: string;
  readonly body: Record<string, unknown>;
  readonly scenarioId: string;
}

interface Cancel {
  readonly at: number;
  readonly taskId: string;
}

export interface ShiftFigures {
  readonly raised: number;
  readonly retries: number;
  readonly replayed: number;
  readonly cancelsAsked: number;
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * Staff of the shift, over REST: raises each scenario task at its time (simulated seconds since the start) with an
 * Idempotency-Key, retrying while the api is down — a retry after a crash never makes a second task — and cancels a
 * few tasks minutes after raising them, as staff do.
 */
export class ShiftDriver {
  private readonly queue: Due[];
  private readonly cancels: Cancel[] = [];
  private readonly keys = new Map<string, string>();
  private retries = 0;
  private replayed = 0;
  private cancelsAsked = 0;

  constructor(
    scenario: Scenario,
    tasks: readonly ScenarioTask[],
    private readonly baseUrl: string,
    private readonly random: () => number,
    private readonly cancelShare: number,
    seed: number,
  ) {
    this.queue = tasks.map((task) => {
      const { input } = scenarioTaskInput(scenario, task);
      const { deadline: _deadline, ...body } = input; // the shift runs now, not on the scenario's day
      return { at: task.at, key: `soak-${seed}-${task.id}`, body: { ...body, note: `soak ${task.id}` }, scenarioId: task.id };
    });
  }

  get pending(): number {
    return this.queue.length + this.cancels.length;
  }

  /** Does what is due by `simSeconds`; stops at the first failure (the api is down) and tries again next time. */
  async tick(simSeconds: number): Promise<void> {
    while (this.queue.length > 0 && this.queue[0].at <= simSeconds) {
      const due = this.queue[0];
      const id = await this.raise(due);
      if (!id) return;
      this.queue.shift();
      this.keys.set(due.key, id);
      if (this.random() < this.cancelShare) this.cancels.push({ at: simSeconds + 60 + this.random() * 540, taskId: id });
    }
    this.cancels.sort((a, b) => a.at - b.at);
    while (this.cancels.length > 0 && this.cancels[0].at <= simSeconds) {
      if (!(await this.cancel(this.cancels[0].taskId))) return;
      this.cancels.shift();
    }
  }

  figures(): ShiftFigures {
    return { raised: this.keys.size, retries: this.retries, replayed: this.replayed, cancelsAsked: this.cancelsAsked, keys: this.keys };
  }

  private async raise(due: Due): Promise<string | undefined> {
    const response = await fetch(`${this.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': due.key },
      body: JSON.stringify(due.body),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
    if (!response || response.status >= 500) {
      this.retries += 1;
      return undefined;
    }
    const body = (await response.json()) as { id?: string; message?: unknown };
    if (response.status !== 201 || !body.id) throw new Error(`task ${due.scenarioId} refused: ${response.status} ${JSON.stringify(body)}`);
    if (response.headers.get('idempotent-replayed') === 'true') this.replayed += 1;
    return body.id;
  }

  private async cancel(taskId: string): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/api/tasks/${taskId}/cancel`, { method: 'POST', signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!response || response.status >= 500) return false;
    // 409: it finished (or went to staff) first, as happens.
    if (response.status === 200) this.cancelsAsked += 1;
    return true;
  }
}
