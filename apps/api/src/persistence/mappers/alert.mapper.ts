import type { Alert, StoredAlert } from '@opiekun/application';
import { AlertEntity } from '../entities/alert.entity';

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function alertToEntity(alert: StoredAlert): AlertEntity {
  const entity = new AlertEntity();
  entity.id = alert.id;
  entity.at = alert.at;
  entity.kind = alert.kind;
  entity.severity = alert.severity;
  entity.robotId = alert.robotId ?? null;
  entity.taskId = alert.taskId ?? null;
  entity.wardId = alert.wardId ?? null;
  entity.roomId = alert.roomId ?? null;
  entity.message = alert.message;
  entity.acknowledgedAt = alert.acknowledgedAt ?? null;
  entity.acknowledgedBy = alert.acknowledgedBy ?? null;
  entity.acknowledgedByName = alert.acknowledgedByName ?? null;
  return entity;
}

export function alertFromEntity(entity: AlertEntity): StoredAlert {
  return {
    id: entity.id,
    at: entity.at,
    kind: entity.kind as Alert['kind'],
    severity: entity.severity as Alert['severity'],
    robotId: orUndefined(entity.robotId),
    taskId: orUndefined(entity.taskId),
    wardId: orUndefined(entity.wardId),
    roomId: orUndefined(entity.roomId),
    message: entity.message,
    acknowledgedAt: orUndefined(entity.acknowledgedAt),
    acknowledgedBy: orUndefined(entity.acknowledgedBy),
    acknowledgedByName: orUndefined(entity.acknowledgedByName),
  };
}
