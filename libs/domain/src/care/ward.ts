import type { Facility } from '../facility/facility-graph';
import { DomainError, DomainErrorCode } from '../shared/domain-error';

/**
 * A ward: the rooms one team of staff answers for (often a floor). Escalated tasks and alerts go to the staff of the
 * ward that holds the task's room.
 */
export interface Ward {
  readonly id: string;
  readonly name: string;
  /** Facility room ids. A room belongs to at most one ward. */
  readonly rooms: readonly string[];
  /** Node of the ward's nurse station, where staff meet robots (optional). */
  readonly stationNode?: string;
}

const WARD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Checks a ward against the facility and the other wards; every problem in one DomainError(CareInvalid). */
export function validateWard(ward: Ward, facility: Facility, others: readonly Ward[]): Ward {
  const problems: string[] = [];
  if (!WARD_ID.test(ward.id)) problems.push('id: letters, digits, _ and -, up to 64 characters');
  if (ward.name.trim() === '') problems.push('name: must not be empty');
  for (const room of ward.rooms) {
    if (!facility.findRoom(room)) problems.push(`rooms: unknown room "${room}"`);
    const owner = others.find((w) => w.id !== ward.id && w.rooms.includes(room));
    if (owner) problems.push(`rooms: room "${room}" already belongs to ward "${owner.id}"`);
  }
  if (new Set(ward.rooms).size !== ward.rooms.length) problems.push('rooms: a room is listed twice');
  if (ward.stationNode !== undefined && !facility.hasNode(ward.stationNode)) problems.push(`stationNode: unknown node "${ward.stationNode}"`);
  if (problems.length > 0) throw new DomainError(DomainErrorCode.CareInvalid, problems.join('; '), problems[0]!.split(':')[0], problems);
  return { ...ward, name: ward.name.trim() };
}

/** The ward holding a room, if any. */
export function wardOfRoom(wards: readonly Ward[], roomId: string): Ward | undefined {
  return wards.find((w) => w.rooms.includes(roomId));
}

/** The ward whose room is at a node (the node a robot stops at for that room), if any. */
export function wardOfNode(wards: readonly Ward[], facility: Facility, nodeId: string): Ward | undefined {
  const room = facility.data.rooms.find((r) => r.node === nodeId);
  return room ? wardOfRoom(wards, room.id) : undefined;
}
