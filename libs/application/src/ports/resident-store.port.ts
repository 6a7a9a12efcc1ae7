import type { Resident } from '@opiekun/domain';

export interface ResidentQuery {
  readonly wardId?: readonly string[];
  readonly roomId?: string;
  /** Default: active only. */
  readonly includeDischarged?: boolean;
}

export abstract class ResidentStore {
  /** By room, then bed. */
  abstract list(query: ResidentQuery): Promise<readonly Resident[]>;
  abstract get(id: string): Promise<Resident | undefined>;
  /** Insert or replace. */
  abstract save(resident: Resident): Promise<void>;
}
