import type { Mission } from '../ports/robot-link.port';
import { temporaryNodeId } from './mission-factory';
import { compactId, compactsIds, missionStage, nodesPerOrder, orderLimitProblem, orderStages } from './order-limits';

const mission = (nodes: number, extra: Partial<Mission> = {}): Mission => ({
  id: 'task-1:1',
  robotId: 'M:R1',
  taskId: 'task-1',
  nodes: Array.from({ length: nodes }, (_, i) => ({
    nodeId: `N${i}`,
    floor: 'F0',
    x: i,
    y: 0,
    actions: i === nodes - 1 ? [{ id: `task-1:1/${i}-pick`, type: 'pick' }, { id: `task-1:1/${i}-drop`, type: 'drop', parameters: { loadId: 'x', tray: 1 } }] : [],
  })),
  ...extra,
});

describe('orderLimitProblem: an order over what the robot declared (factsheet protocolLimits) is named', () => {
  it.each([
    ['no limits known', undefined],
    ['no limit declared', {}],
    ['limits it fits exactly', { nodes: 5, edges: 4, nodeActions: 2, actionParameters: 2, idLength: 15 }],
  ])('%s: fits', (_, limits) => {
    expect(orderLimitProblem(mission(5), limits)).toBeUndefined();
  });

  it.each([
    // an order of one node cannot be followed by updates (each starts at the last node of the one before)
    [{ nodes: 1 }, 'maxArrayLens.order.nodes', 'the order has 5 nodes, the robot takes at most 1'],
    [{ nodeActions: 1 }, 'maxArrayLens.node.actions', 'node N4 has 2 actions, the robot takes at most 1 on a node'],
    [{ actionParameters: 1 }, 'maxArrayLens.actions.actionsParameters', 'action drop has 2 parameters, the robot takes at most 1'],
    // under 8 characters our ids are not shortened (compactId)
    [{ idLength: 7 }, 'maxStringLens.idLen', 'orderId "task-1:1" has 8 characters, the robot takes ids of at most 7'],
    // our own ids are written in digits; the building's node ids are not ours to change
    [{ numericIds: true }, 'maxStringLens.idNumericalOnly', 'nodeId "N0" is not a number, and the robot takes numerical ids only'],
  ])('%j: %s', (limits, limit, problem) => {
    expect(orderLimitProblem(mission(5), limits)).toEqual({ limit, problem });
  });

  it.each([
    ['fits in one order', 5, 5, [[0, 4]]],
    ['no limit', 9, undefined, [[0, 8]]],
    ['four an order: updates of two more, each from the last node of the base before', 8, 4, [[0, 3], [3, 5], [5, 7]]],
    ['five an order: two more each', 9, 5, [[0, 4], [4, 6], [6, 8]]],
    ['two an order: one more each', 4, 2, [[0, 1], [1, 2], [2, 3]]],
    ['three an order: one more each, the last stage as far as the route goes', 6, 3, [[0, 2], [2, 3], [3, 4], [4, 5]]],
    ['one an order: no updates can follow (a single stage, refused by its length)', 3, 1, [[0, 2]]],
  ])('orderStages: %s', (_what, count, perOrder, expected) => {
    const stages = orderStages(count, perOrder);
    expect(stages.map((s) => [s.from, s.to])).toEqual(expected);
    // never more than the robot takes in one message, nor held at once (the update goes once as few are left)
    for (const s of stages) expect(s.to - s.from + 1).toBeLessThanOrEqual(Math.max(perOrder ?? count, stages.length === 1 ? count : 0));
  });

  it.each([
    ['a stage ends before a node with actions where it can', [3], [[0, 2], [2, 4], [4, 6], [6, 7]]],
    ['the route’s end may have actions', [7], [[0, 3], [3, 5], [5, 7]]],
    ['a run of nodes with actions longer than a stage: ends on one all the same', [1, 2, 3, 4, 5], [[0, 3], [3, 5], [5, 7]]],
  ])('orderStages by actions: %s', (_what, withActions, expected) => {
    const stages = orderStages(8, 4, (i) => withActions.includes(i));
    expect(stages.map((s) => [s.from, s.to])).toEqual(expected);
  });

  it('a robot given stages never holds more nodes than it takes: each update once few enough are left (simulated drive)', () => {
    for (const perOrder of [2, 3, 4, 5, 9]) {
      for (const count of [perOrder + 1, 2 * perOrder + 3, 40]) {
        const stages = orderStages(count, perOrder, (i) => i % 3 === 0);
        let held = stages[0]!.to + 1;
        let next = 1;
        for (let traversed = 1; traversed <= count; traversed++) {
          // the robot traversed `traversed` nodes; send every stage due (its nodes left plus the new ones within the limit)
          while (next < stages.length && held - traversed + (stages[next]!.to - stages[next]!.from) <= perOrder) {
            held += stages[next]!.to - stages[next]!.from;
            next += 1;
          }
          expect(held - traversed).toBeLessThanOrEqual(perOrder);
          if (traversed < count) expect(held).toBeGreaterThan(traversed - 1);
        }
        expect(next).toBe(stages.length);
      }
    }
  });

  it('a route longer than the robot takes in one order fits when it can go out in order updates: each stage within the limits', () => {
    expect(nodesPerOrder({ nodes: 6, edges: 3 })).toBe(4);
    expect(nodesPerOrder({ edges: 3 })).toBe(4);
    expect(nodesPerOrder({ idLength: 9 })).toBeUndefined();
    expect(orderLimitProblem(mission(9), { nodes: 4 })).toBeUndefined();
    expect(orderLimitProblem(mission(9), { edges: 3 })).toBeUndefined();
    // actions are checked on every node, not only on the first stage's
    expect(orderLimitProblem(mission(9), { nodes: 4, nodeActions: 1 })).toEqual({ limit: 'maxArrayLens.node.actions', problem: 'node N8 has 2 actions, the robot takes at most 1 on a node' });
    // msgLen: asked of every stage's message, each as it goes out
    const asked: Array<number | undefined> = [];
    const bytes = (stage: Mission) => {
      asked.push(stage.part?.updateId);
      return stage.part?.updateId === 3 ? 5_000 : 1_000;
    };
    expect(orderLimitProblem(mission(9), { nodes: 4, messageBytes: 4_096 }, bytes)).toEqual({ limit: 'maxStringLens.msgLen', problem: 'the order message has 5000 bytes, the robot takes at most 4096' });
    expect(asked).toEqual([0, 1, 2, 3]);
    const whole = mission(9);
    expect(missionStage(whole, orderStages(9, 4), 1)).toEqual({ ...whole, nodes: whole.nodes.slice(3, 6), part: { updateId: 1, from: 3 } });
  });

  it('msgLen: the order message’s size, asked of the link only when the robot declares the limit', () => {
    let asked = 0;
    const bytes = () => {
      asked += 1;
      return 4_200;
    };
    expect(orderLimitProblem(mission(5), { nodes: 9 }, bytes)).toBeUndefined();
    expect(asked).toBe(0);
    expect(orderLimitProblem(mission(5), { messageBytes: 4_200 }, bytes)).toBeUndefined();
    expect(orderLimitProblem(mission(5), { messageBytes: 4_096 }, bytes)).toEqual({ limit: 'maxStringLens.msgLen', problem: 'the order message has 4200 bytes, the robot takes at most 4096' });
    // a link that cannot tell: no check
    expect(orderLimitProblem(mission(5), { messageBytes: 1 }, () => undefined)).toBeUndefined();
  });

  it('checks every id the order carries: the map (floor) and the edges too', () => {
    const long = mission(2, { id: '7' });
    const floors = { ...long, nodes: long.nodes.map((n) => ({ ...n, floor: 'ground-floor', actions: [] })) };
    expect(orderLimitProblem(floors, { idLength: 8 })?.problem).toBe('mapId "ground-floor" has 12 characters, the robot takes ids of at most 8');
    // node ids of 2 characters fit; the edge between them, "N0->N1", does not (too short a limit to shorten ours)
    expect(orderLimitProblem({ ...floors, nodes: floors.nodes.map((n) => ({ ...n, floor: '0' })) }, { idLength: 5 })?.problem).toBe('edgeId "N0->N1" has 6 characters, the robot takes ids of at most 5');
  });

  it('writes our own ids short for a robot that limits them to 8 characters or more, or takes numbers only; the order then fits', () => {
    const long = mission(5, { id: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924:3' });
    expect(orderLimitProblem(long, { idLength: 12 })).toBeUndefined();
    const numeric = { ...long, nodes: long.nodes.map((n, i) => ({ ...n, nodeId: String(100 + i), floor: '0' })) };
    expect(orderLimitProblem(numeric, { numericIds: true, idLength: 10 })).toBeUndefined();
    expect(compactsIds({ idLength: 7 })).toBe(false);
    // digits: under 10 of them, a robot's ids would collide
    expect(compactsIds({ numericIds: true, idLength: 9 })).toBe(false);
    expect(orderLimitProblem(numeric, { numericIds: true, idLength: 9 })?.limit).toBe('maxStringLens.idLen');
    // the temporary node an order starts at, where a stopped robot stands, is ours: written short too
    const stopped = { ...long, nodes: [{ ...long.nodes[0]!, nodeId: temporaryNodeId(long.id) }, ...long.nodes] };
    expect(orderLimitProblem(stopped, { idLength: 12 })).toBeUndefined();
    expect(orderLimitProblem(stopped, { idLength: 7 })?.problem).toMatch(/^orderId/);
    // ids of ours written twice in one order (never made so; refused all the same)
    const twice = { ...long, nodes: long.nodes.map((n) => ({ ...n, actions: [{ id: 'same', type: 'pick' }] })) };
    expect(orderLimitProblem(twice, { idLength: 12 })?.problem).toMatch(/^actionId ".+" would be written twice in one order/);
    expect(compactsIds({ nodes: 20 })).toBe(false);
    expect(compactsIds(undefined)).toBe(false);
  });

  it.each([
    [{ idLength: 12 }, /^[0-9a-z]{12}$/],
    [{ idLength: 40 }, /^[0-9a-z]{13}$/],
    [{ numericIds: true }, /^[1-9][0-9]{14}$/],
    [{ numericIds: true, idLength: 10 }, /^[1-9][0-9]{9}$/],
  ])('compactId %j: the same id gives the same short one, other ids others', (limits, shape) => {
    const ids = ['t1:1', 't1:2', 't2:1', 't1:1/3.0-pick', 't1:1/3.1-drop', 'cancel-t1:1', 'F0-dock-1->F0-hall'];
    const short = ids.map((id) => compactId(id, limits));
    for (const id of short) expect(id).toMatch(shape);
    expect(new Set(short).size).toBe(ids.length);
    expect(ids.map((id) => compactId(id, limits))).toEqual(short);
    expect(compactId('t1:1', { nodes: 3 })).toBe('t1:1');
  });
});
