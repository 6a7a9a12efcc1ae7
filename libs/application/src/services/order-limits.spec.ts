import type { Mission } from '../ports/robot-link.port';
import { orderLimitProblem } from './order-limits';

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
    [{ nodes: 4 }, 'maxArrayLens.order.nodes', 'the order has 5 nodes, the robot takes at most 4'],
    [{ edges: 3 }, 'maxArrayLens.order.edges', 'the order has 4 edges, the robot takes at most 3'],
    [{ nodeActions: 1 }, 'maxArrayLens.node.actions', 'node N4 has 2 actions, the robot takes at most 1 on a node'],
    [{ actionParameters: 1 }, 'maxArrayLens.actions.actionsParameters', 'action drop has 2 parameters, the robot takes at most 1'],
    [{ idLength: 12 }, 'maxStringLens.idLen', 'actionId "task-1:1/4-pick" has 15 characters, the robot takes ids of at most 12'],
    [{ numericIds: true }, 'maxStringLens.idNumericalOnly', 'orderId "task-1:1" is not a number, and the robot takes numerical ids only'],
  ])('%j: %s', (limits, limit, problem) => {
    expect(orderLimitProblem(mission(5), limits)).toEqual({ limit, problem });
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
    // node ids of 2 characters fit; the edge between them, "N0->N1", does not
    expect(orderLimitProblem({ ...floors, nodes: floors.nodes.map((n) => ({ ...n, floor: '0' })) }, { idLength: 5 })?.problem).toBe('edgeId "N0->N1" has 6 characters, the robot takes ids of at most 5');
  });
});
