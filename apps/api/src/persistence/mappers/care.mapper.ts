import { CARE_LEVELS, RESIDENT_FLAGS, type CareActivity, type CarePlan, type Resident, type Ward } from '@opiekun/domain';
import { CarePlanEntity, ResidentEntity, WardEntity } from '../entities/care.entities';
import { nullToUndefined, storedOneOf, undefinedToNull, withoutUndefined } from './stored-value';

export function wardToEntity(ward: Ward): WardEntity {
  return Object.assign(new WardEntity(), { id: ward.id, name: ward.name, rooms: JSON.stringify(ward.rooms), stationNode: undefinedToNull(ward.stationNode) });
}

export function wardFromEntity(entity: WardEntity): Ward {
  return withoutUndefined({ id: entity.id, name: entity.name, rooms: JSON.parse(entity.rooms) as string[], stationNode: nullToUndefined(entity.stationNode) });
}

export function residentToEntity(resident: Resident): ResidentEntity {
  return Object.assign(new ResidentEntity(), { ...resident, flags: JSON.stringify(resident.flags) });
}

export function residentFromEntity(entity: ResidentEntity): Resident {
  const flags = (JSON.parse(entity.flags) as string[]).map((f) => storedOneOf(RESIDENT_FLAGS, f, 'resident.flags'));
  return {
    id: entity.id,
    displayName: entity.displayName,
    roomId: entity.roomId,
    bed: entity.bed,
    wardId: entity.wardId,
    careLevel: storedOneOf(CARE_LEVELS, entity.careLevel, 'resident.care_level'),
    flags,
    status: storedOneOf(['active', 'discharged'] as const, entity.status, 'resident.status'),
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

export function carePlanToEntity(plan: CarePlan): CarePlanEntity {
  return Object.assign(new CarePlanEntity(), {
    id: plan.id,
    title: plan.title,
    residentId: undefinedToNull(plan.residentId),
    wardId: undefinedToNull(plan.wardId),
    rrule: plan.rrule,
    startsOn: plan.startsOn,
    endsOn: undefinedToNull(plan.endsOn),
    activity: JSON.stringify(plan.activity),
    leadMin: plan.leadMin,
    windowMin: plan.windowMin,
    active: plan.active,
    version: plan.version,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  });
}

export function carePlanFromEntity(entity: CarePlanEntity): CarePlan {
  return withoutUndefined({
    id: entity.id,
    title: entity.title,
    residentId: nullToUndefined(entity.residentId),
    wardId: nullToUndefined(entity.wardId),
    rrule: entity.rrule,
    startsOn: entity.startsOn,
    endsOn: nullToUndefined(entity.endsOn),
    activity: JSON.parse(entity.activity) as CareActivity,
    leadMin: entity.leadMin,
    windowMin: entity.windowMin,
    active: Boolean(entity.active),
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  });
}
