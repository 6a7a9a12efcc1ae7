import type { Measurement, MeasurementStatus } from '@opiekun/domain';

export interface MeasurementQuery {
  readonly residentId?: string;
  readonly wardId?: string;
  readonly taskId?: string;
  readonly status?: MeasurementStatus;
  readonly limit: number;
}

/** Robots' measurements, preliminary until a nurse reviews them. */
export abstract class MeasurementStore {
  /** Stores it unless one of the same task and action is stored already (a robot repeats its state); answers whether it was new. */
  abstract insertIfAbsent(measurement: Measurement): Promise<boolean>;
  abstract get(id: string): Promise<Measurement | undefined>;
  /** Optimistic: fails with CARE_CONFLICT when the stored one is no longer `preliminary`. */
  abstract saveReview(measurement: Measurement): Promise<void>;
  /** Newest first. */
  abstract list(query: MeasurementQuery): Promise<readonly Measurement[]>;
}
