/**
 * Idempotency keys of task creations: a key is written with its task (`TaskStore.insert`), so a request sent again
 * finds the task it already made.
 */
export abstract class TaskRequestStore {
  /** The task a key made, if any. */
  abstract taskFor(requestKey: string): Promise<string | undefined>;
}
