import type { DispatchDecision, DispatchSnapshot } from '@opiekun/domain';

type WithoutRoute<D> = D extends { route: unknown } ? Omit<D, 'route'> : D;

/** A decision as the dispatcher commits it: it builds each order's route itself, so the policy's is not carried. */
export type PlannedDecision = WithoutRoute<DispatchDecision>;

/** A round's snapshot for a planner, which has the facility (and the policy with its memory) already. */
export type PlanningSnapshot = Omit<DispatchSnapshot, 'facility'>;

/**
 * Where DispatchService's rounds are planned: the policy (with its memory) and the refusal rule live behind it.
 * InlineDispatchPlanner plans on the caller's event loop; the api's WorkerDispatchPlanner in a worker thread, so that a
 * round — at scale a large assignment takes tens of milliseconds — never holds it: HTTP requests, the broker and MQTT
 * traffic go on meanwhile (robot reports that change the fleet wait for the task mutex, which the round holds).
 */
export abstract class DispatchPlanner {
  abstract plan(snapshot: PlanningSnapshot): Promise<readonly PlannedDecision[]>;
}
