import type { CustodyEntry } from '@opiekun/domain';

/** The append-only custody log of medication deliveries (who loaded, who received, when, where). */
export abstract class CustodyStore {
  abstract append(entry: CustodyEntry): Promise<void>;
  /** The log of one delivery, oldest first. */
  abstract list(taskId: string): Promise<readonly CustodyEntry[]>;
}
