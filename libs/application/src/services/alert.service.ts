import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { AlertQuery, AlertStore, StoredAlert } from '../ports/alert-store.port';
import type { Clock } from '../ports/clock.port';
import type { Alert } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';
import { ChangeListeners } from './change-listeners';
import { requirePermission, type StaffIdentity } from './staff-roles';

/**
 * Keeps every alert raised in the api, so a reloaded dashboard still shows them, and records who acknowledged one.
 * An alert about a `stat` task is itself `stat`: staff get the loud cue for it.
 */
export class AlertService {
  private readonly changes = new ChangeListeners<StoredAlert>();

  constructor(
    private readonly store: AlertStore,
    private readonly tasks: TaskStore,
    private readonly clock: Clock,
  ) {}

  /** Listens to alerts as stored: new ones and acknowledgements. */
  onChange(listener: (alert: StoredAlert) => void): () => void {
    return this.changes.add(listener);
  }

  /** Stores a raised alert; the same alert id raised twice is kept once (and announced once). */
  async record(alert: Alert): Promise<StoredAlert | undefined> {
    const stored = { ...alert, severity: await this.severityOf(alert) };
    if (!(await this.store.insertIfNew(stored))) return undefined;
    this.changes.emit(stored);
    return stored;
  }

  list(query: AlertQuery): Promise<readonly StoredAlert[]> {
    return this.store.list(query);
  }

  async acknowledge(id: string, actor: StaffIdentity): Promise<StoredAlert> {
    requirePermission(actor, 'alert.acknowledge');
    const alert = await this.store.get(id);
    if (!alert) throw new DomainError(DomainErrorCode.AlertNotFound, `alert ${id} not found`, 'id');
    if (alert.acknowledgedAt !== undefined) return alert;
    const acknowledged: StoredAlert = { ...alert, acknowledgedAt: this.clock.now(), acknowledgedBy: actor.id, acknowledgedByName: actor.displayName };
    await this.store.save(acknowledged);
    this.changes.emit(acknowledged);
    return acknowledged;
  }

  private async severityOf(alert: Alert): Promise<Alert['severity']> {
    if (alert.severity === 'stat' || !alert.taskId) return alert.severity;
    const task = await this.tasks.get(alert.taskId);
    return task?.priority === 'stat' ? 'stat' : alert.severity;
  }
}
