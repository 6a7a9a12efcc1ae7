/**
 * A client's Idempotency-Key with a fingerprint of the request it came with (over HTTP: method, path and body), so a
 * retry of that request can be told from another request that reuses the key.
 */
export interface RequestKey {
  readonly key: string;
  readonly fingerprint: string;
}

/** What a key made: its task, and the fingerprint of its request (none for a key stored before fingerprints were). */
export interface StoredRequest {
  readonly taskId: string;
  readonly fingerprint?: string;
}

/**
 * Idempotency keys of task creations: a key is written with its task (`TaskStore.insert`), so a request sent again
 * finds the task it already made.
 */
export abstract class TaskRequestStore {
  abstract requestFor(key: string): Promise<StoredRequest | undefined>;
}
