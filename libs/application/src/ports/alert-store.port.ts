import type { Alert } from './notifier.port';

/** An alert as kept: what was raised, and who acknowledged it when. */
export interface StoredAlert extends Alert {
  readonly acknowledgedAt?: number;
  /** Staff user id. */
  readonly acknowledgedBy?: string;
  readonly acknowledgedByName?: string;
}

export interface AlertQuery {
  /** Only alerts nobody acknowledged yet. */
  readonly openOnly: boolean;
  /** Epoch ms, inclusive. */
  readonly since?: number;
  readonly limit: number;
}

export abstract class AlertStore {
  /** Stores the alert unless one with its id exists; answers whether it was new. */
  abstract insertIfNew(alert: StoredAlert): Promise<boolean>;
  abstract get(id: string): Promise<StoredAlert | undefined>;
  /** Newest first. */
  abstract list(query: AlertQuery): Promise<readonly StoredAlert[]>;
  abstract save(alert: StoredAlert): Promise<void>;
}
