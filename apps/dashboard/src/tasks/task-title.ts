import type { TFunction } from 'i18next';
import type { Task } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { taskPlaceNode } from './task-model';

/**
 * Task types with a name in the staff's language: the demo's and those Opiekun raises itself (care plans' repositioning
 * and hydration rounds, incident follow-up checks, medication returns, night patrols). Others read "Task: <type>".
 */
const KNOWN_TYPES = new Set(['meal', 'linen', 'medication', 'lab-sample', 'vitals', 'supplies', 'companion-call', 'reposition', 'hydration', 'incident-check', 'medication-return', 'patrol']);

export function typeName(t: TFunction, type: string): string {
  return KNOWN_TYPES.has(type) ? t(`taskType.${type}`) : t('taskType.other', { type });
}

/** Where, in staff words: "Sala 104" for a room, else the place's label. */
export function placeText(t: TFunction, nodeId: string | undefined, facility: FacilityIndex): string {
  const room = facility.roomAt(nodeId);
  return room ? t('board.room', { room: room.id }) : facility.placeName(nodeId);
}

/** "Posiłek — Sala 104". */
export function taskTitle(t: TFunction, task: Task, facility: FacilityIndex): string {
  return t('details.title', { type: typeName(t, task.type), place: placeText(t, taskPlaceNode(task, facility), facility) });
}
