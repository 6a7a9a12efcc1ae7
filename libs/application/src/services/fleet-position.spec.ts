import { fleetWorld } from './fleet-world.fixture';

/** A vehicle that reports its position but no lastNodeId (VDA 5050 §6.10.6 allows ""), on the small building. */
const world = () => fleetWorld({ placeByPose: true });

describe('a robot that names no lastNodeId', () => {
  it('is placed on the node its position stands on (on that floor, within an order node’s deviation) and gets work from there', async () => {
    const w = world();
    const robot = 'M:R1';
    const at = (x: number, y: number, floor: string) => w.fleet.onState('M', 'R1', { robotId: robot, at: w.clock.now(), lastNodeId: undefined, pose: { x, y, theta: 0, floor }, battery: 90, driving: false });
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] });
    await w.fleet.onConnection('M', 'R1', 'ONLINE');
    // between A (0, 0) and B (10, 0): on no node yet
    await at(7, 0, 'F0');
    expect(w.registry.get(robot)?.lastNodeId).toBeUndefined();
    await at(10.3, -0.2, 'F0');
    expect(w.registry.get(robot)?.lastNodeId).toBe('B');
    // the same x, y on the first floor is R1's place, not K's
    await at(20, 0, 'F1');
    expect(w.registry.get(robot)?.lastNodeId).toBe('R1');
    // driving off a node keeps the last one reached, as lastNodeId means
    await at(15, 0, 'F1');
    expect(w.registry.get(robot)?.lastNodeId).toBe('R1');
    await at(10, 0, 'F0');
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, { kind: 'staff', id: 'nurse' });
    await w.clock.advance(10);
    expect((await w.tasks.get(task.id))?.status).toBe('accepted');
    expect(w.link.missions.at(-1)?.nodes[0]?.nodeId).toBe('B');
  });

  it('keeps the node it names over the one under its position', async () => {
    const w = world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] });
    await w.fleet.onState('M', 'R1', { robotId: 'M:R1', at: w.clock.now(), lastNodeId: 'A', pose: { x: 10, y: 0, theta: 0, floor: 'F0' } });
    expect(w.registry.get('M:R1')?.lastNodeId).toBe('A');
  });

  it('a robot stopped on an edge gets an order that starts where it stands (§6.6.3.1), and that node is not taken as one of the building', async () => {
    const w = world();
    await w.fleet.register({ manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] });
    await w.fleet.onConnection('M', 'R1', 'ONLINE');
    // stopped 3 m from A on the way to the charger Q0 (after a cancelOrder): not on the order's first edge A → B
    await w.fleet.onState('M', 'R1', { robotId: 'M:R1', at: w.clock.now(), lastNodeId: 'A', pose: { x: 0, y: 3, theta: 0, floor: 'F0' }, battery: 90, driving: false, missionId: '' });
    const task = await w.service.create({ type: 'meal', priority: 'routine', from: 'K', to: 'R1' }, { kind: 'staff', id: 'nurse' });
    await w.clock.advance(10);
    const mission = w.link.missions.at(-1)!;
    expect(mission.nodes.slice(0, 3).map((n) => [n.nodeId, n.x, n.y])).toEqual([[`${mission.id}/here`, 0, 3], ['A', 0, 0], ['B', 10, 0]]);
    expect((await w.tasks.get(task.id))?.status).toBe('accepted');
    // past the temporary node, on its way back to A: its last node of the building is still A
    await w.fleet.onState('M', 'R1', { robotId: 'M:R1', at: w.clock.now(), lastNodeId: `${mission.id}/here`, pose: { x: 0, y: 2, theta: 0, floor: 'F0' }, driving: true, missionId: mission.id, pendingNodes: mission.nodes.slice(1).map((n) => n.nodeId), actions: [] });
    expect(w.registry.get('M:R1')?.lastNodeId).toBe('A');
    // called off there (its order of ours cleared), it may still name that node: it is not taken either
    await w.registry.update('M:R1', (r) => ({ ...r, missionId: undefined, currentTaskId: undefined }), w.clock.now());
    await w.fleet.onState('M', 'R1', { robotId: 'M:R1', at: w.clock.now(), lastNodeId: `${mission.id}/here`, pose: { x: 0, y: 2, theta: 0, floor: 'F0' }, driving: false, missionId: '', pendingNodes: [], actions: [] });
    expect(w.registry.get('M:R1')?.lastNodeId).toBe('A');
  });
});
