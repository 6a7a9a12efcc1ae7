import type { RequestedKind, RequestKey, TaskRequestStore } from '../ports/task-request-store.port';
import { requireSameRequest } from './same-request';

export interface MadeOnce<T> {
  readonly made: T;
  /** The key had made it before: this is that first result. */
  readonly replayed: boolean;
}

export interface MakeSteps<T> {
  /** What the key made, by its id (undefined: not stored, see `make`). */
  find(id: string): Promise<T | undefined>;
  /**
   * Makes it, writing the key as it does (the store refuses a key written already). `reserved`: the id a key
   * reserved earlier names, whose thing was never stored (the request failed or the api stopped half-way).
   */
  make(reserved?: string): Promise<T>;
}

/**
 * One thing per Idempotency-Key (POST /api/tasks, /api/staff-tasks, /api/patrols, /api/care-plans): the same request
 * sent again (a retry after a timeout or a crash, a double click) answers what it made, `replayed`, instead of making
 * another; another request with the key — another body, another endpoint — is refused (IDEMPOTENCY_KEY_REUSED). Two
 * requests racing with one key both get past the first look, but the store takes the key once: the one it refuses
 * finds what the other made. Without a key (or a store of keys) it just makes.
 */
export async function madeOnce<T>(
  requests: TaskRequestStore | undefined,
  request: RequestKey | undefined,
  kind: RequestedKind,
  steps: MakeSteps<T>,
): Promise<MadeOnce<T>> {
  if (requests === undefined || request === undefined) return { made: await steps.make(), replayed: false };
  const earlier = await madeBefore(requests, request, kind, steps);
  if (earlier?.made !== undefined) return { made: earlier.made, replayed: true };
  try {
    return { made: await steps.make(earlier?.id), replayed: false };
  } catch (error) {
    const raced = await madeBefore(requests, request, kind, steps);
    if (raced?.made !== undefined) return { made: raced.made, replayed: true };
    throw error;
  }
}

async function madeBefore<T>(requests: TaskRequestStore, request: RequestKey, kind: RequestedKind, steps: MakeSteps<T>): Promise<{ id: string; made?: T } | undefined> {
  const stored = await requests.requestFor(request.key);
  if (stored === undefined) return undefined;
  // A key of another kind came from another endpoint, so with another fingerprint; one stored before fingerprints is a task's.
  requireSameRequest(request, stored.kind === kind ? stored.fingerprint : `${stored.kind} ${stored.fingerprint ?? ''}`);
  return { id: stored.id, made: await steps.find(stored.id) };
}
