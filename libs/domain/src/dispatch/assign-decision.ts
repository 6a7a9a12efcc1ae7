import { routerFor } from '../facility/routing';
import type { Task } from '../task/task';
import type { DispatchDecision, DispatchSnapshot } from './dispatch-policy';
import type { PlanningRobot } from './fleet-state';

/** The `assign` decision for a free robot: its route from where it stands through every stop of the task. */
export function assignDecision(task: Task, robot: PlanningRobot, stops: readonly string[], finishS: number, snapshot: DispatchSnapshot): DispatchDecision {
  const route = routerFor(snapshot.facility).routeThrough(robot.freeAt, stops, robot.robot.speed);
  return { kind: 'assign', taskId: task.id, robotId: robot.robot.id, route, finishAt: snapshot.now + Math.round(finishS * 1000) };
}
