import type { Ward } from '@opiekun/domain';

export abstract class WardStore {
  /** By id. */
  abstract list(): Promise<readonly Ward[]>;
  abstract get(id: string): Promise<Ward | undefined>;
  /** Insert or replace. */
  abstract save(ward: Ward): Promise<void>;
}
