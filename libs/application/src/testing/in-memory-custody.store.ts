import type { CustodyEntry } from '@opiekun/domain';
import { CustodyStore } from '../ports/custody-store.port';

export class InMemoryCustodyStore extends CustodyStore {
  readonly entries: CustodyEntry[] = [];

  async append(entry: CustodyEntry): Promise<void> {
    this.entries.push(entry);
  }

  async list(taskId: string): Promise<readonly CustodyEntry[]> {
    return this.entries.filter((e) => e.taskId === taskId);
  }
}
