import type { CarePlan, Resident, Ward } from '@opiekun/domain';

/** What a care file puts into a fresh database, checked and ready to store. */
export interface CareRecords {
  readonly wards: readonly Ward[];
  readonly residents: readonly Resident[];
  readonly plans: readonly CarePlan[];
  /** Staff account id → the ward ids it works on. */
  readonly staffWards: ReadonlyMap<string, readonly string[]>;
}

export abstract class CareSeedStore {
  /** Whether the database has a ward: a care file is stored only into one that has none. */
  abstract hasWards(): Promise<boolean>;

  /**
   * Stores the records in one transaction, only into a database with no ward yet: all of them or, when a write
   * fails or a ward is there already, none. Answers whether it stored them.
   */
  abstract seedWhenEmpty(records: CareRecords): Promise<boolean>;
}
