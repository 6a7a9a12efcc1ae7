/**
 * A client's Idempotency-Key with a fingerprint of the request it came with (over HTTP: method, path and body), so a
 * retry of that request can be told from another request that reuses the key.
 */
export interface RequestKey {
  readonly key: string;
  readonly fingerprint: string;
}

/** What a key makes: a task (POST /api/tasks, /api/staff-tasks, /api/patrols) or a care plan (POST /api/care-plans). */
export type RequestedKind = 'task' | 'care-plan';

/**
 * What a key made: its kind and id, and the fingerprint of its request (none for a key stored before fingerprints
 * were, all of them tasks').
 */
export interface StoredRequest {
  readonly kind: RequestedKind;
  readonly id: string;
  readonly fingerprint?: string;
}

/** What a key is reserved for before it is stored: anything but a task, whose key is written with it. */
export interface Reservation {
  readonly kind: Exclude<RequestedKind, 'task'>;
  readonly id: string;
}

/**
 * Idempotency keys of creations, one key for one thing whatever its kind, so a request sent again finds what it made.
 * A task's key is written in its task's transaction (`TaskStore.insert`). A care plan is stored elsewhere, so its key
 * is reserved for the plan's id before the plan is stored (`reserve`): a plan stopped half-way leaves the key naming a
 * plan not stored yet, which the request sent again stores under that id — never a second plan for one key.
 */
export abstract class TaskRequestStore {
  abstract requestFor(key: string): Promise<StoredRequest | undefined>;

  /**
   * Writes the key for a thing not stored yet, under the id it will have; refuses (throws) a key written already, so
   * only one of two requests racing with the same key reserves it. A key whose thing then failed to be stored keeps
   * naming that id, for the request sent again to store it under.
   */
  abstract reserve(request: RequestKey, made: Reservation, at: number): Promise<void>;
}
