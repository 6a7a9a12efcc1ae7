import {
  DEFAULT_FINDING_TYPES,
  DomainError,
  DomainErrorCode,
  PATROL_CHECK_ACTION,
  patrolFindings,
  planPatrol,
  wardOfRoom,
  type Facility,
  type PatrolPlan,
  type RobotNotice,
  type Task,
  type TaskPriority,
  type Ward,
} from '@opiekun/domain';
import type { Notifier } from '../ports/notifier.port';
import type { TaskStore } from '../ports/task-store.port';
import type { RequestKey } from '../ports/task-request-store.port';
import type { WardStore } from '../ports/ward-store.port';
import type { Clock } from '../ports/clock.port';
import type { FleetRegistry } from './fleet-registry';
import { requirePermission, type StaffIdentity } from './staff-roles';
import type { TaskService } from './task.service';

export interface PatrolOptions {
  /** The check done in each room (a camera action unless configured otherwise). */
  readonly checkAction: string;
  /** VDA 5050 errorType / infoType values that are findings. */
  readonly findingTypes: readonly string[];
}

export const DEFAULT_PATROL_OPTIONS: PatrolOptions = { checkAction: PATROL_CHECK_ACTION, findingTypes: DEFAULT_FINDING_TYPES };

export interface PatrolRequest {
  /** The rooms in visiting order; or… */
  readonly rooms?: readonly string[];
  /** …every room of this ward, in the ward's order. */
  readonly wardId?: string;
  /** Default `urgent`: a night patrol runs in quiet hours, which hold back routine tasks into rooms. */
  readonly priority?: TaskPriority;
  readonly note?: string;
}

export interface CreatedPatrol {
  readonly task: Task;
  readonly skipped: PatrolPlan['skipped'];
  /** The key had made it before: this is that patrol. */
  readonly replayed: boolean;
}

/**
 * Night patrols: one task, one mission through the rooms with a check at each. While a robot is on a patrol, an
 * error or information entry of an agreed type (a fall detected…) is a finding: a `stat` alert to the staff of the
 * room's ward, naming the room (never a resident), raised once per patrol, type and room.
 */
export class PatrolService {
  private readonly raised = new Set<string>();

  constructor(
    private readonly tasks: TaskService,
    private readonly store: TaskStore,
    private readonly wards: WardStore,
    private readonly fleet: FleetRegistry,
    private readonly facility: Facility,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
    private readonly options: PatrolOptions = DEFAULT_PATROL_OPTIONS,
  ) {}

  /**
   * `key`, a client's Idempotency-Key: the same request sent again answers the patrol it made, `replayed` (see
   * `TaskService.createOnce`); another request with the key is refused (IDEMPOTENCY_KEY_REUSED).
   */
  async create(request: PatrolRequest, actor: StaffIdentity, key?: RequestKey): Promise<CreatedPatrol> {
    requirePermission(actor, 'task.create');
    const wards = await this.wards.list();
    const plan = planPatrol(roomsOf(request, wards), this.facility, this.options.checkAction);
    const wardIds = new Set(plan.stops.map((s) => wardOfRoom(wards, s.roomId)?.id));
    const wardId = request.wardId ?? (wardIds.size === 1 ? [...wardIds][0] : undefined);
    const skippedNote = plan.skipped.length > 0 ? `not visited (no camera), check in person: ${plan.skipped.map((s) => s.roomId).join(', ')}` : undefined;
    const note = [request.note?.trim(), skippedNote].filter(Boolean).join(' — ') || undefined;
    const { task, replayed } = await this.tasks.createOnce(
      { type: 'patrol', priority: request.priority ?? 'urgent', stops: plan.stops.map((s) => ({ node: s.node, action: s.action })), wardId, note },
      { kind: 'staff', id: actor.id },
      key,
    );
    return { task, skipped: plan.skipped, replayed };
  }

  /** A robot's errors and information entries; answers how many new finding alerts they raised. */
  async onNotices(robotId: string, notices: readonly RobotNotice[], lastNodeId?: string): Promise<number> {
    const findings = patrolFindings(notices, this.options.findingTypes);
    const taskId = this.fleet.get(robotId)?.currentTaskId;
    if (findings.length === 0 || taskId === undefined) return 0;
    const task = await this.store.get(taskId);
    if (task?.spec.kind !== 'patrol') return 0;
    const wards = await this.wards.list();
    let raised = 0;
    for (const finding of findings) {
      const node = finding.nodeId ?? lastNodeId;
      const room = this.facility.data.rooms.find((r) => r.node === node);
      const id = `patrol-finding-${task.id}-${finding.type}-${room?.id ?? node ?? 'unknown'}`;
      if (this.raised.has(id)) continue;
      this.raised.add(id);
      raised += 1;
      const where = room ? `room ${room.id}` : `node ${node ?? 'unknown'}`;
      this.notifier.alert({
        id,
        at: this.clock.now(),
        kind: 'patrol-finding',
        severity: 'stat',
        robotId,
        taskId: task.id,
        wardId: (room ? wardOfRoom(wards, room.id)?.id : undefined) ?? task.wardId,
        roomId: room?.id,
        message: `Patrol finding in ${where}: ${finding.type}${finding.description ? ` (${finding.description})` : ''}. Go and check.`,
      });
    }
    return raised;
  }
}

function roomsOf(request: PatrolRequest, wards: readonly Ward[]): readonly string[] {
  if ((request.rooms === undefined) === (request.wardId === undefined)) {
    throw new DomainError(DomainErrorCode.CareInvalid, 'rooms: give either rooms or wardId', 'rooms');
  }
  if (request.rooms) return request.rooms;
  const ward = wards.find((w) => w.id === request.wardId);
  if (!ward) throw new DomainError(DomainErrorCode.WardNotFound, `ward ${request.wardId} not found`, 'wardId');
  return ward.rooms;
}
