import { createTask, loadFacility, transition, type Robot } from '@opiekun/domain';
import { aRobot, smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { MissionFactory, NODE_DEVIATION_M } from './mission-factory';

/**
 * VDA 5050 §6.6.3.1: after a cancelOrder a vehicle that can stop between nodes may have; the next order's first node
 * (its last node) must then be trivially reachable — its deviation range widened to where the vehicle stands.
 */
describe('MissionFactory: the first node is trivially reachable for a robot stopped between nodes', () => {
  const facility = loadFacility(smallFacilityJson());
  const factory = new MissionFactory(facility);
  const now = Date.parse('2026-12-07T08:00:00Z');
  const robotAt = (pose: Robot['pose']): Robot => aRobot({ id: 'T:r1', lastNodeId: 'A', pose });
  const task = transition(createTask({ type: 'meal', priority: 'routine', from: 'K', to: 'B' }, { id: 't1', now, facility }).task, 'accepted', { now, cause: { kind: 'system' }, robotId: 'T:r1' }).task;
  const missions = (robot: Robot) => [factory.forTask(task, robot), factory.toCharger(robot, 'Q0', now), factory.toWaitingPoint(robot, 'K', now)];

  it.each<[string, Robot['pose'], number | undefined]>([
    ['on its last node: the usual range', { x: 0, y: 0, theta: 0, floor: 'F0' }, undefined],
    ['within the usual range of it', { x: 0.4, y: 0, theta: 0, floor: 'F0' }, undefined],
    ['4 m along the edge A → B: the range reaches it', { x: 4, y: 0, theta: 0, floor: 'F0' }, 4 + NODE_DEVIATION_M],
    ['off by more than A’s longest edge (10 m): moved, not stopped on an edge — unchanged', { x: 0, y: 11, theta: 0, floor: 'F0' }, undefined],
    ['on another floor (its pose from another map): unchanged', { x: 4, y: 0, theta: 0, floor: 'F1' }, undefined],
    ['no pose reported: unchanged', undefined, undefined],
  ])('%s', (_what, pose, deviation) => {
    for (const mission of missions(robotAt(pose))) {
      expect(mission.nodes[0]!.nodeId).toBe('A');
      expect(mission.nodes[0]!.allowedDeviationM).toBe(deviation);
      // only the first node: the others keep the usual range
      expect(mission.nodes.slice(1).every((n) => n.allowedDeviationM === undefined)).toBe(true);
    }
  });
});
