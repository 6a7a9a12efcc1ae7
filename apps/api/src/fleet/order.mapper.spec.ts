import type { InstantCommand } from '@opiekun/application';
import { Topic, validateMessage, type State } from '@opiekun/vda5050';
import { sample20 } from '../../../../libs/vda5050/src/validation/sample-messages.fixture';
import { blockingOf, commandToInstantActions, factsheetBlocking, factsheetToInfo, missionToOrder, stateToReport } from './order.mapper';

describe('stateToReport', () => {
  const state = (more: Partial<State>): State => ({ ...(sample20.state() as unknown as State), ...more });

  it.each<[string, Partial<State>, { operatingMode?: string; safetyStop?: boolean }]>([
    ['automatic, no stop', { operatingMode: 'AUTOMATIC', safetyState: { eStop: 'NONE', fieldViolation: false } }, { operatingMode: 'AUTOMATIC', safetyStop: false }],
    ['manual mode', { operatingMode: 'MANUAL', safetyState: { eStop: 'NONE', fieldViolation: false } }, { operatingMode: 'MANUAL', safetyStop: false }],
    ['an emergency stop pressed', { operatingMode: 'AUTOMATIC', safetyState: { eStop: 'MANUAL', fieldViolation: false } }, { operatingMode: 'AUTOMATIC', safetyStop: true }],
    ['a protective field violated', { operatingMode: 'AUTOMATIC', safetyState: { eStop: 'NONE', fieldViolation: true } }, { operatingMode: 'AUTOMATIC', safetyStop: true }],
  ])('reads the operating mode and the safety state: %s', (_what, more, expected) => {
    expect(stateToReport('M:R1', state(more), 0)).toMatchObject(expected);
  });

  it('names our order in an error that references only the order message (headerId, topic "order"), as a new order\'s rejection may', () => {
    const orderOf = (headerId: number) => (headerId === 7 ? 't1:1' : undefined);
    const error = (refs: { referenceKey: string; referenceValue: string }[]) => ({ errorType: 'orderError', errorLevel: 'WARNING' as const, errorReferences: refs });
    const report = stateToReport('M:R1', state({ errors: [
      error([{ referenceKey: 'topic', referenceValue: 'order' }, { referenceKey: 'headerId', referenceValue: '7' }]),
      error([{ referenceKey: 'topic', referenceValue: 'instantActions' }, { referenceKey: 'headerId', referenceValue: '7' }]),
      error([{ referenceKey: 'orderId', referenceValue: 't2:1' }]),
    ] }), 0, orderOf);
    expect(report.errors?.map((e) => e.references)).toEqual([['order', '7', 't1:1'], ['instantActions', '7'], ['t2:1']]);
  });
});

describe('stateToReport: action states without actionType (optional in a state: the order knows the type)', () => {
  it('takes the type of our actions from their ids, short ones too, and of no other', () => {
    const ours = new Map([['s9', 't1:1/2.w-waitForTrigger']]);
    const state = {
      ...(sample20.state() as unknown as State),
      actionStates: [
        { actionId: 't1:1/1.0-pick', actionStatus: 'FINISHED' as const },
        { actionId: 's9', actionStatus: 'RUNNING' as const },
        { actionId: 't1:1/3.1-deliver-medication', actionStatus: 'WAITING' as const },
        { actionId: 'vendor-own-7', actionStatus: 'RUNNING' as const },
        { actionId: 't1:1/1.1-pick', actionType: 'drop', actionStatus: 'WAITING' as const },
      ],
    };
    const report = stateToReport('M:R1', state, 0, undefined, undefined, undefined, (id) => ours.get(id) ?? id);
    expect(report.actions?.map((a) => [a.id, a.type])).toEqual([
      ['t1:1/1.0-pick', 'pick'],
      ['t1:1/2.w-waitForTrigger', 'waitForTrigger'],
      ['t1:1/3.1-deliver-medication', 'deliver-medication'],
      ['vendor-own-7', ''],
      ['t1:1/1.1-pick', 'drop'], // what the vehicle says, where it says it
    ]);
  });
});

describe('ids written short to a robot (compactId)', () => {
  it('writes our orderId, actionIds and edgeIds as given, node ids and maps as they are, and reads them back from a state', () => {
    const short = (id: string) => `s${id.length}`;
    const mission = { id: 't1:1', robotId: 'M:R1', nodes: [{ nodeId: 'A', floor: 'F0', x: 0, y: 0, actions: [] }, { nodeId: 'B', floor: 'F0', x: 1, y: 0, actions: [{ id: 't1:1/1.0-pick', type: 'pick' }] }] };
    const order = missionToOrder(mission, short);
    expect(order).toMatchObject({ orderId: 's4', nodes: [{ nodeId: 'A' }, { nodeId: 'B', actions: [{ actionId: 's13' }] }], edges: [{ edgeId: 's4', startNodeId: 'A', endNodeId: 'B' }] });
    const ours = new Map([['s4', 't1:1'], ['s13', 't1:1/1.0-pick']]);
    const state = {
      ...(sample20.state() as unknown as State),
      orderId: 's4',
      actionStates: [{ actionId: 's13', actionType: 'pick', actionStatus: 'FAILED' as const }],
      errors: [{ errorType: 'orderActionError', errorLevel: 'WARNING' as const, errorReferences: [{ referenceKey: 'actionId', referenceValue: 's13' }, { referenceKey: 'nodeId', referenceValue: 'B' }] }],
    };
    const report = stateToReport('M:R1', state, 0, undefined, undefined, undefined, (id) => ours.get(id) ?? id);
    expect(report).toMatchObject({ missionId: 't1:1', actions: [{ id: 't1:1/1.0-pick' }], errors: [{ references: ['t1:1/1.0-pick', 'B'] }] });
    expect(commandToInstantActions({ kind: 'releaseTrigger', actionId: 't1:1/1.0-pick' }, 'a1', short).actions[0]!.actionParameters).toEqual([{ key: 'actionId', value: 's13' }]);
  });
});

describe('stateToReport: the pose', () => {
  const state = (agvPosition: State['agvPosition']): State => ({ ...(sample20.state() as unknown as State), agvPosition });

  it('a position it knows, none when it sends none, null when it says it lost it (positionInitialized false)', () => {
    expect(stateToReport('M:R1', state({ x: 1, y: 2, theta: 0, mapId: 'F0', positionInitialized: true }), 0).pose).toEqual({ x: 1, y: 2, theta: 0, floor: 'F0' });
    expect(stateToReport('M:R1', state(undefined), 0).pose).toBeUndefined();
    expect(stateToReport('M:R1', state({ x: 1, y: 2, theta: 0, mapId: 'F0', positionInitialized: false }), 0).pose).toBeNull();
  });
});

describe('stateToReport: values the schema lets through that cannot be true', () => {
  const base = sample20.state() as unknown as State;
  const read = (more: Partial<State>, isFloor = (mapId: string) => mapId === 'F0') => {
    const problems: string[] = [];
    const report = stateToReport('M:R1', { ...base, ...more }, 0, undefined, (field, problem) => problems.push(`${field}: ${problem}`), isFloor);
    return { report, problems };
  };
  const at = (x: number, y: number, theta = 0, mapId = 'F0') => ({ agvPosition: { x, y, theta, mapId, positionInitialized: true } });

  it.each([
    ['a charge below 0 %', { batteryState: { batteryCharge: -5, charging: false } }, /batteryState.batteryCharge: -5 is not a percentage/],
    ['a charge above 100 %', { batteryState: { batteryCharge: 500, charging: false } }, /batteryState.batteryCharge: 500 is not a percentage/],
  ])('leaves out %s and takes the rest of the state', (_what, more, problem) => {
    const { report, problems } = read({ ...more, ...at(1, 2), driving: true });
    expect(report.battery).toBeUndefined();
    expect(report).toMatchObject({ driving: true, pose: { x: 1, y: 2, floor: 'F0' } });
    expect(problems).toEqual([expect.stringMatching(problem)]);
  });

  it.each([
    ['x of 1e308 m', at(1e308, 0), /agvPosition: x\/y 1e\+308 is not a position within 100 km/],
    ['y of -1e308 m', at(0, -1e308), /agvPosition: x\/y -1e\+308 is not a position/],
    ['theta of 40 rad', at(1, 1, 40), /agvPosition: theta 40 is not an angle/],
    ['a map that is no floor of the building', at(1, 1, 0, 'MARS'), /agvPosition: mapId "MARS" is not a floor of the building/],
  ])('leaves out a position with %s (the last good one stands) and takes the battery', (_what, more, problem) => {
    const { report, problems } = read({ ...more, batteryState: { batteryCharge: 55, charging: false } });
    expect(report.pose).toBeUndefined();
    expect(report.battery).toBe(55);
    expect(problems).toEqual([expect.stringMatching(problem)]);
  });

  it('takes the edges of what is possible: 0 and 100 %, a pose at ±π on a floor of the building', () => {
    expect(read({ batteryState: { batteryCharge: 0, charging: true }, ...at(0, 0, -Math.PI) }).problems).toEqual([]);
    expect(read({ batteryState: { batteryCharge: 100, charging: false }, ...at(99_999, -5, 2 * Math.PI) }).problems).toEqual([]);
  });
});

describe('missionToOrder', () => {
  it('writes a stage of a longer route as the order update it is: its orderUpdateId, sequenceIds as in the whole route, the stitching node as before', () => {
    const node = (nodeId: string, x: number, actions: { id: string; type: string }[] = []) => ({ nodeId, floor: 'F0', x, y: 0, actions });
    const nodes = [node('A', 0), node('B', 1), node('C', 2, [{ id: 't1:1/2.0-pick', type: 'pick' }]), node('D', 3), node('E', 4)];
    const whole = { id: 't1:1', robotId: 'M:R1', nodes };
    const first = missionToOrder({ ...whole, nodes: nodes.slice(0, 3), part: { updateId: 0, from: 0 } });
    const update = missionToOrder({ ...whole, nodes: nodes.slice(2), part: { updateId: 1, from: 2 } });
    expect(first).toMatchObject({ orderId: 't1:1', orderUpdateId: 0 });
    expect(update).toMatchObject({ orderId: 't1:1', orderUpdateId: 1 });
    expect(update.nodes.map((n) => [n.nodeId, n.sequenceId])).toEqual([['C', 4], ['D', 6], ['E', 8]]);
    expect(update.edges.map((e) => [e.startNodeId, e.endNodeId, e.sequenceId])).toEqual([['C', 'D', 5], ['D', 'E', 7]]);
    // §6.6.2: the stitching node's content is not changed
    expect(update.nodes[0]).toEqual(first.nodes[2]);
    for (const order of [first, update]) {
      const headed = { headerId: 1, timestamp: new Date(0).toISOString(), version: '2.0.0', manufacturer: 'M', serialNumber: 'R1', ...order };
      expect(validateMessage(Topic.Order, headed)).toMatchObject({ ok: true });
    }
  });

  const node = (nodeId: string, x: number, allowedDeviationM?: number) => ({ nodeId, floor: 'F0', x, y: 0, actions: [], ...(allowedDeviationM === undefined ? {} : { allowedDeviationM }) });

  it('gives every node half a metre of deviation, and the first node the range a mission widened it to (a robot stopped between nodes)', () => {
    const order = missionToOrder({ id: 't1:1', robotId: 'M:R1', nodes: [node('A', 0, 4.5), node('B', 10)] });
    expect(order.nodes.map((n) => n.nodePosition?.allowedDeviationXY)).toEqual([4.5, 0.5]);
    expect(missionToOrder({ id: 't1:1', robotId: 'M:R1', nodes: [node('A', 0), node('B', 10)] }).nodes[0]!.nodePosition?.allowedDeviationXY).toBe(0.5);
  });

  it.each(['2.0.0', '2.1.0'])('writes an order (actions with parameters, a speed limit) valid under the %s schema: a vehicle is written to in its own version', (version) => {
    const pick = { id: 't1:1/1.0-pick', type: 'pick', parameters: { stationType: 'kitchen', loadType: 'meal', weight: 2.5, fragile: true } };
    const order = missionToOrder({ id: 't1:1', robotId: 'M:R1', nodes: [node('A', 0), { ...node('B', 10), maxSpeedIn: 0.5, actions: [pick] }] });
    const message = { headerId: 1, timestamp: '2026-12-07T08:00:00.000Z', version, manufacturer: 'M', serialNumber: 'R1', ...order };
    expect(validateMessage(Topic.Order, message)).toMatchObject({ ok: true });
    const instant = { headerId: 2, timestamp: '2026-12-07T08:00:00.000Z', version, manufacturer: 'M', serialNumber: 'R1', ...commandToInstantActions({ kind: 'releaseTrigger', actionId: 'w1' }, 'a1') };
    expect(validateMessage(Topic.InstantActions, instant)).toMatchObject({ ok: true });
  });
});

describe('factsheetToInfo', () => {
  type Scope = 'INSTANT' | 'NODE' | 'EDGE';
  const factsheet = (...actions: [string, Scope[]][]) => ({
    ...sample20.factsheet(),
    protocolFeatures: { optionalParameters: [], agvActions: actions.map(([actionType, actionScopes]) => ({ actionType, actionScopes })) },
  });

  it('gives orders only the actions declared for a node, and keeps the instant ones apart (VDA 5050 actionScopes)', () => {
    const info = factsheetToInfo(factsheet(
      ['measureVitals', ['INSTANT']],
      ['pick', ['NODE']],
      ['drop', ['EDGE', 'NODE']],
      ['startCharging', ['INSTANT', 'NODE']],
      ['finePositioning', ['EDGE']],
      ['startPause', ['INSTANT']],
    ));
    expect(info.actions).toEqual(['pick', 'drop', 'startCharging']);
    expect(info.instantActions).toEqual(['measureVitals', 'startCharging', 'startPause']);
  });

  it('reads no action at all from a factsheet that lists none', () => {
    expect(factsheetToInfo(factsheet())).toMatchObject({ actions: [], instantActions: [], model: 'Courier', speed: 1.5 });
  });

  it('reads the limits that bind an order from protocolLimits; 0 or absent is no limit (the schema’s words)', () => {
    const limited = {
      ...factsheet(),
      protocolLimits: {
        maxStringLens: { idLen: 32, idNumericalOnly: true, msgLen: 10_000 },
        maxArrayLens: { 'order.nodes': 20, 'order.edges': 19, 'node.actions': 0, 'actions.actionsParameters': 4, instantActions: 3 },
        timing: { minOrderInterval: 1, minStateInterval: 0.5 },
      },
    };
    expect(factsheetToInfo(limited).orderLimits).toEqual({ nodes: 20, edges: 19, actionParameters: 4, idLength: 32, numericIds: true, messageBytes: 10_000 });
    expect(factsheetToInfo(factsheet()).orderLimits).toEqual({});
    expect(factsheetToInfo({ ...factsheet(), protocolLimits: undefined } as never).orderLimits).toBeUndefined();
  });
});

describe('commandToInstantActions', () => {
  it.each<[InstantCommand, string, string]>([
    [{ kind: 'pause' }, 'startPause', 'SOFT'], // "actions can continue", no driving (§6.8, §6.12)
    [{ kind: 'resume' }, 'stopPause', 'NONE'],
    [{ kind: 'cancel' }, 'cancelOrder', 'HARD'],
    [{ kind: 'factsheet' }, 'factsheetRequest', 'NONE'],
    [{ kind: 'state' }, 'stateRequest', 'NONE'],
    [{ kind: 'charge', start: true }, 'startCharging', 'HARD'],
    [{ kind: 'charge', start: false }, 'stopCharging', 'HARD'],
    [{ kind: 'releaseTrigger', actionId: 'w1' }, 'releaseTrigger', 'NONE'],
  ])('sends %o as VDA 5050 %s, blocking %s', (command, actionType, blockingType) => {
    expect(commandToInstantActions(command, 'a1').actions).toEqual([expect.objectContaining({ actionType, actionId: 'a1', blockingType })]);
  });
});

describe('blocking types the factsheet allows (protocolFeatures.agvActions[].blockingTypes)', () => {
  it.each<[string, 'NONE' | 'SOFT' | 'HARD', Array<'NONE' | 'SOFT' | 'HARD'> | undefined, string]>([
    ['what we want when the factsheet does not say', 'SOFT', undefined, 'SOFT'],
    ['what we want when it lists none', 'HARD', [], 'HARD'],
    ['what we want when it is allowed', 'SOFT', ['HARD', 'SOFT'], 'SOFT'],
    ['a pause only HARD is allowed: HARD (it waits for the action under way, but pauses)', 'SOFT', ['HARD'], 'HARD'],
    ['the more blocking of two as near', 'SOFT', ['NONE', 'HARD'], 'HARD'],
    ['the nearest', 'HARD', ['NONE', 'SOFT'], 'SOFT'],
    ['the nearest, up', 'NONE', ['HARD', 'SOFT'], 'SOFT'],
  ])('%s', (_what, wanted, allowed, expected) => {
    expect(blockingOf(wanted, allowed)).toBe(expected);
  });

  it('reads each declared action’s blocking types by scope, the known ones only', () => {
    const blocking = factsheetBlocking({
      protocolFeatures: {
        agvActions: [
          { actionType: 'startPause', actionScopes: ['INSTANT'], blockingTypes: ['HARD'] },
          { actionType: 'pick', actionScopes: ['NODE'], blockingTypes: ['SOFT', 'LATER'] },
          // declared once per scope, each with its own: a node's pick stays HARD whatever the instant one takes
          { actionType: 'lift', actionScopes: ['NODE'], blockingTypes: ['HARD'] },
          { actionType: 'lift', actionScopes: ['INSTANT'], blockingTypes: ['NONE'] },
          { actionType: 'drop', actionScopes: ['NODE'] },
          { actionType: 'odd', actionScopes: ['NODE'], blockingTypes: ['LATER'] },
        ],
      },
    });
    expect([...blocking!]).toEqual([
      ['INSTANT startPause', ['HARD']],
      ['NODE pick', ['SOFT']],
      ['NODE lift', ['HARD']],
      ['INSTANT lift', ['NONE']],
    ]);
  });

  it('reads nothing from a factsheet that declares no action (what was known stands)', () => {
    expect(factsheetBlocking({ protocolFeatures: { agvActions: [] } })).toBeUndefined();
    expect(factsheetBlocking({})).toBeUndefined();
  });

  it('sends a pause and a node action with a blocking type the robot takes', () => {
    const blocking = factsheetBlocking({ protocolFeatures: { agvActions: [{ actionType: 'startPause', actionScopes: ['INSTANT'], blockingTypes: ['HARD'] }, { actionType: 'drop', actionScopes: ['NODE'], blockingTypes: ['NONE'] }] } })!;
    const allowed = (scope: string) => (type: string) => blocking.get(`${scope} ${type}`);
    expect(commandToInstantActions({ kind: 'pause' }, 'a1', undefined, allowed('INSTANT')).actions[0]).toMatchObject({ actionType: 'startPause', blockingType: 'HARD' });
    expect(commandToInstantActions({ kind: 'resume' }, 'a2', undefined, allowed('INSTANT')).actions[0]).toMatchObject({ actionType: 'stopPause', blockingType: 'NONE' });
    const mission = { id: 'm1', robotId: 'r1', taskId: 't1', nodes: [{ nodeId: 'A', floor: 'F0', x: 0, y: 0, actions: [{ id: 'd1', type: 'drop' }, { id: 'p1', type: 'pick' }] }] };
    expect(missionToOrder(mission as never, undefined, allowed('NODE')).nodes[0]!.actions.map((a) => a.blockingType)).toEqual(['NONE', 'HARD']);
  });
});
