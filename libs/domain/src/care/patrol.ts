import type { Facility } from '../facility/facility-graph';
import { DomainError, DomainErrorCode } from '../shared/domain-error';

/** The check a patrol robot does in each room; it looks with a camera (live only: patrol video is never recorded). */
export const PATROL_CHECK_ACTION = 'patrolCheck';

/**
 * Actions that use a camera. None of them is ever planned in a room marked `noCamera` in the facility file: a patrol
 * leaves such a room out (and says so, for staff to check it in person), and a task asking for one there is refused.
 */
export const CAMERA_ACTIONS: readonly string[] = [PATROL_CHECK_ACTION, 'telepresence', 'videoCall'];

/** VDA 5050 `errors[].errorType` / `information[].infoType` values that mean "a person may need help" on a patrol. */
export const DEFAULT_FINDING_TYPES: readonly string[] = ['fallDetected', 'patrolFinding'];

export interface PatrolPlan {
  readonly stops: readonly { readonly node: string; readonly action: string; readonly roomId: string }[];
  /** Rooms left out, and why: staff check these in person. */
  readonly skipped: readonly { readonly roomId: string; readonly reason: 'no-camera' }[];
}

/**
 * The stops of a patrol through `roomIds`, in the order given, one check at each room's node. Unknown or repeated
 * rooms → DomainError(CareInvalid); a patrol that would visit no room → DomainError(CareInvalid).
 */
export function planPatrol(roomIds: readonly string[], facility: Facility, checkAction = PATROL_CHECK_ACTION): PatrolPlan {
  const problems: string[] = [];
  if (roomIds.length === 0) problems.push('rooms: a patrol needs at least one room');
  if (new Set(roomIds).size !== roomIds.length) problems.push('rooms: a room is listed twice');
  const rooms = roomIds.map((id) => facility.findRoom(id) ?? (problems.push(`rooms: unknown room "${id}"`), undefined));
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), 'rooms', problems);
  const usesCamera = CAMERA_ACTIONS.includes(checkAction);
  const stops: PatrolPlan['stops'][number][] = [];
  const skipped: PatrolPlan['skipped'][number][] = [];
  for (const room of rooms) {
    if (usesCamera && room!.noCamera) skipped.push({ roomId: room!.id, reason: 'no-camera' });
    else stops.push({ node: room!.node, action: checkAction, roomId: room!.id });
  }
  if (stops.length === 0) {
    throw new DomainError(DomainErrorCode.CareInvalid, `rooms: every room is marked no camera (${skipped.map((s) => s.roomId).join(', ')}); check them in person`, 'rooms');
  }
  return { stops, skipped };
}

/** Stops that would use a camera in a room marked no camera (for refusing such a task). */
export function cameraStopsInNoCameraRooms(stops: readonly { node: string; action: string }[], facility: Facility): string[] {
  return stops
    .filter((s) => CAMERA_ACTIONS.includes(s.action))
    .flatMap((s) => facility.data.rooms.filter((r) => r.noCamera && r.node === s.node).map((r) => r.id));
}

/** A robot's report entry (VDA 5050 error or information) that may be a patrol finding. */
export interface RobotNotice {
  readonly type: string;
  readonly description?: string;
  /** `nodeId` from its references, when the robot names where. */
  readonly nodeId?: string;
}

/** The notices that are findings, by their agreed types. */
export function patrolFindings(notices: readonly RobotNotice[], findingTypes: readonly string[]): RobotNotice[] {
  return notices.filter((n) => findingTypes.includes(n.type));
}
