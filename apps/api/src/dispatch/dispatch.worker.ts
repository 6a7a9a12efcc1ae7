// The dispatch worker thread (see WorkerDispatchPlanner): plans each round it is sent and answers with the decisions.
import { parentPort, workerData } from 'node:worker_threads';
import { roundPlanner, type PlannerInit, type RoundRequest } from './worker-round';

const plan = roundPlanner(workerData as PlannerInit);
parentPort?.on('message', ({ id, request }: { id: number; request: RoundRequest }) => {
  try {
    parentPort?.postMessage({ id, decisions: plan(request) });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});
