import { routerFor, type Route } from '../facility/routing';
import type { Task } from '../task/task';
import type { DispatchDecision, DispatchSnapshot } from './dispatch-policy';
import type { PlanningRobot } from './fleet-state';

/**
 * The `assign` decision for a free robot: its route from where it stands through every stop of the task. The route is
 * worked out when first read (the dispatcher builds the order's own route; a round at 1000 robots spent most of its
 * time on route searches for routes nobody read), from the snapshot's facility, so it is the same whenever it is read.
 */
export function assignDecision(task: Task, robot: PlanningRobot, stops: readonly string[], finishS: number, snapshot: DispatchSnapshot): DispatchDecision {
  const { freeAt } = robot;
  const { speed } = robot.robot;
  const { facility } = snapshot;
  let route: Route | undefined;
  return {
    kind: 'assign',
    taskId: task.id,
    robotId: robot.robot.id,
    get route(): Route {
      return (route ??= routerFor(facility).routeThrough(freeAt, stops, speed));
    },
    finishAt: snapshot.now + Math.round(finishS * 1000),
  };
}
