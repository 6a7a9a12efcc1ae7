import { CARE_LEVELS, RESIDENT_FLAGS, TASK_PRIORITIES } from '@opiekun/domain';

/*
 * The shape of a care file (assets/care/FORMAT.md) as JSON Schema: every field's type and bounds, the same as the
 * REST bodies of wards, residents and care plans (http/dto/care), and no field that is not in the format — a typo
 * must not pass as an unknown field. What refers to the facility or to other entries is checked after it
 * (checkCareSeed).
 */

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const actionType = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' };
/** A facility node, `@room` (the resident's room) or `@station` (the ward's nurse station). */
const node = { type: 'string', pattern: '^(@room|@station|[A-Za-z0-9][A-Za-z0-9_.:-]{0,127})$' };
const date = { type: 'string', format: 'date' };
const list = (items: object, maxItems: number) => ({ type: 'array', items, maxItems });

const ward = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'rooms'],
  properties: { id: text(64), name: text(100), rooms: list(text(64), 500), stationNode: text(128) },
};

const resident = {
  type: 'object',
  additionalProperties: false,
  required: ['displayName', 'roomId', 'bed', 'careLevel'],
  properties: {
    displayName: text(100),
    roomId: text(64),
    bed: { type: 'integer', minimum: 1, maximum: 20 },
    careLevel: { type: 'string', enum: CARE_LEVELS },
    flags: list({ type: 'string', enum: RESIDENT_FLAGS }, RESIDENT_FLAGS.length),
  },
};

const activity = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'priority'],
  properties: {
    type: text(64),
    priority: { type: 'string', enum: TASK_PRIORITIES },
    performer: { type: 'string', enum: ['staff'] },
    from: node,
    to: node,
    pickAction: actionType,
    dropAction: actionType,
    atNode: node,
    action: actionType,
    requires: list(actionType, 16),
    serviceS: { type: 'number', minimum: 0, maximum: 86_400 },
    note: { type: 'string', maxLength: 500 },
  },
};

const carePlan = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'rrule', 'activity'],
  properties: {
    title: text(200),
    ward: text(64),
    resident: {
      type: 'object',
      additionalProperties: false,
      required: ['room', 'bed'],
      properties: { room: text(64), bed: { type: 'integer', minimum: 1, maximum: 20 } },
    },
    rrule: { type: 'string', minLength: 4, maxLength: 500 },
    startsOn: date,
    endsOn: date,
    leadMin: { type: 'integer', minimum: 0, maximum: 1440 },
    windowMin: { type: 'integer', minimum: 1, maximum: 10_080 },
    activity,
  },
};

export const CARE_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['facility', 'startsOn', 'wards', 'residents', 'carePlans'],
  properties: {
    facility: text(128),
    startsOn: date,
    // checked by parseShiftChanges, which names the bad entry
    shiftChanges: true,
    wards: { type: 'array', items: ward },
    staffWards: { type: 'object', propertyNames: { minLength: 1, maxLength: 64 }, additionalProperties: list(text(64), 100) },
    residents: { type: 'array', items: resident },
    carePlans: { type: 'array', items: carePlan },
  },
} as const;
