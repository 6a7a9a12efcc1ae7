import { CustodyStore } from '@opiekun/application';
import type { CustodyEntry, CustodyStepKind, CustodyVia } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { CustodyEntryEntity } from '../entities/custody-entry.entity';
import { serially } from './one-connection-queue';

export class TypeormCustodyStore extends CustodyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  append(entry: CustodyEntry): Promise<void> {
    return serially(this.dataSource, async () => {
      await this.dataSource.manager.insert(CustodyEntryEntity, {
        taskId: entry.taskId,
        step: entry.step,
        at: entry.at,
        nodeId: entry.nodeId,
        staffId: entry.staffId ?? null,
        robotId: entry.robotId ?? null,
        via: entry.via,
        detail: entry.detail ?? null,
      });
    });
  }

  list(taskId: string): Promise<readonly CustodyEntry[]> {
    return serially(this.dataSource, async () => {
      const rows = await this.dataSource.manager.find(CustodyEntryEntity, { where: { taskId }, order: { id: 'ASC' } });
      return rows.map(fromEntity);
    });
  }
}

function fromEntity(row: CustodyEntryEntity): CustodyEntry {
  return {
    taskId: row.taskId,
    step: row.step as CustodyStepKind,
    at: row.at,
    nodeId: row.nodeId,
    via: row.via as CustodyVia,
    ...(row.staffId !== null ? { staffId: row.staffId } : {}),
    ...(row.robotId !== null ? { robotId: row.robotId } : {}),
    ...(row.detail !== null ? { detail: row.detail } : {}),
  };
}
