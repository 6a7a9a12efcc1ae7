import { DomainError, DomainErrorCode, preliminaryMeasurement, reviewMeasurement, type Measurement } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { MeasurementQuery, MeasurementStore } from '../ports/measurement-store.port';
import type { RobotReport } from '../ports/robot-link.port';
import type { TaskStore } from '../ports/task-store.port';
import type { IdGenerator } from './id-generator';
import { belongsTo, parseMissionId } from './mission-factory';
import type { StaffIdentity } from './staff-roles';

export interface MeasurementOptions {
  /** VDA 5050 action types whose `resultDescription` is a measurement (default measureVitals). */
  readonly actionTypes: readonly string[];
}

/**
 * Keeps what a robot reports when a measuring action finishes — its `resultDescription`, verbatim — as a
 * preliminary measurement of the task's resident, until a nurse confirms or rejects it. Opiekun reads no number out
 * of it and raises nothing on it: no thresholds, no scores, no alarms.
 */
export class MeasurementService {
  constructor(
    private readonly store: MeasurementStore,
    private readonly tasks: TaskStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly options: MeasurementOptions,
  ) {}

  /**
   * A robot's state: each finished measuring action of one of our task orders (`orderId` = `<task>:<attempt>`) with a
   * result becomes a preliminary measurement of the task's resident, once (the robot repeats its state).
   */
  async onActions(robotId: string, missionId: string | undefined, actions: RobotReport['actions']): Promise<Measurement[]> {
    const done = (actions ?? []).filter((a) => a.status === 'FINISHED' && this.options.actionTypes.includes(a.type) && a.result?.trim());
    const mission = missionId ? parseMissionId(missionId) : undefined;
    if (done.length === 0 || mission?.kind !== 'task') return [];
    const task = await this.tasks.get(mission.taskId);
    if (!task || (task.robotId !== undefined && task.robotId !== robotId)) return [];
    const stored: Measurement[] = [];
    for (const action of done.filter((a) => belongsTo(a.id, missionId!))) {
      const measurement = preliminaryMeasurement({
        id: this.ids.next(),
        taskId: task.id,
        actionId: action.id,
        robotId,
        actionType: action.type,
        result: action.result!.trim(),
        at: this.clock.now(),
        ...(task.residentId ? { residentId: task.residentId } : {}),
        ...(task.wardId ? { wardId: task.wardId } : {}),
      });
      if (await this.store.insertIfAbsent(measurement)) stored.push(measurement);
    }
    return stored;
  }

  async review(id: string, decision: 'confirm' | 'reject', actor: StaffIdentity, note?: string): Promise<Measurement> {
    const measurement = await this.get(id);
    const reviewed = reviewMeasurement(measurement, decision, { staffId: actor.id, role: actor.role }, this.clock.now(), note);
    await this.store.saveReview(reviewed);
    return reviewed;
  }

  async get(id: string): Promise<Measurement> {
    const measurement = await this.store.get(id);
    if (!measurement) throw new DomainError(DomainErrorCode.MeasurementNotFound, `measurement ${id} not found`, 'id');
    return measurement;
  }

  list(query: MeasurementQuery): Promise<readonly Measurement[]> {
    return this.store.list(query);
  }
}
