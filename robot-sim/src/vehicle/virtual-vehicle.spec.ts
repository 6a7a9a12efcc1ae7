import { action, errorTypes, instant, orderThrough, statusOf, tinyWorld, vehicleIn } from '../../test-fixtures/order-fixtures';

describe('VirtualVehicle driving an order', () => {
  it('traverses the base node by node, interpolating its pose and shrinking node and edge states', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const pick = action('pick', 'pick-1', 'HARD', { loadId: 'tray-7' });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-kitchen'], { actions: { 'F0-kitchen': [pick] } }));

    let state = vehicle.state();
    expect(state).toMatchObject({ orderId: 'order-1', lastNodeId: 'F0-dock', lastNodeSequenceId: 0, driving: true, errors: [] });
    expect(state.nodeStates.map((node) => node.nodeId)).toEqual(['F0-hall', 'F0-kitchen']);
    expect(state.edgeStates.map((edge) => edge.sequenceId)).toEqual([1, 3]);
    expect(statusOf(vehicle, 'pick-1')).toBe('WAITING');

    world.clock.advance(4_000);
    state = vehicle.state();
    expect(state.agvPosition).toMatchObject({ x: 4, y: 0, theta: 0, mapId: 'F0' });
    expect(state.distanceSinceLastNode).toBe(4);
    expect(state.velocity).toEqual({ vx: 1, vy: 0, omega: 0 });

    world.clock.advance(6_000);
    state = vehicle.state();
    expect(state).toMatchObject({ lastNodeId: 'F0-hall', lastNodeSequenceId: 2, driving: true });
    expect(state.nodeStates.map((node) => node.nodeId)).toEqual(['F0-kitchen']);
    expect(state.edgeStates.map((edge) => edge.sequenceId)).toEqual([3]);
    expect(state.agvPosition?.theta).toBeCloseTo(Math.PI / 2);

    world.clock.advance(5_000);
    state = vehicle.state();
    expect(state).toMatchObject({ lastNodeId: 'F0-kitchen', lastNodeSequenceId: 4, driving: false, nodeStates: [], edgeStates: [] });
    expect(statusOf(vehicle, 'pick-1')).toBe('INITIALIZING');

    world.clock.advance(1_000);
    expect(statusOf(vehicle, 'pick-1')).toBe('RUNNING');
    world.clock.advance(14_000);
    expect(statusOf(vehicle, 'pick-1')).toBe('FINISHED');
    expect(vehicle.state().loads).toEqual([{ loadPosition: 'tray', loadId: 'tray-7' }]);
  });

  it('keeps to an edge maxSpeed below its own speed', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { speed: 2 });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { maxSpeed: 0.5 }));
    world.clock.advance(19_900);
    expect(vehicle.state().lastNodeId).toBe('F0-dock');
    world.clock.advance(100);
    expect(vehicle.state().lastNodeId).toBe('F0-hall');
  });

  it('waits for HARD and SOFT node actions before driving on, but not for NONE ones', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const beep = action('drop', 'none-1', 'NONE', { durationS: 30 });
    const soft = action('pick', 'soft-1', 'SOFT', { durationS: 5 });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-kitchen'], { actions: { 'F0-hall': [beep, soft] } }));
    world.clock.advance(10_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-hall', driving: false });
    expect([statusOf(vehicle, 'none-1'), statusOf(vehicle, 'soft-1')]).toEqual(['INITIALIZING', 'INITIALIZING']);
    world.clock.advance(5_000);
    expect(statusOf(vehicle, 'soft-1')).toBe('FINISHED');
    expect(vehicle.state()).toMatchObject({ driving: true });
    expect(statusOf(vehicle, 'none-1')).toBe('RUNNING');
  });

  it('runs a HARD action only after the actions before it have ended', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const first = action('pick', 'a', 'NONE', { durationS: 4 });
    const hard = action('drop', 'b', 'HARD', { durationS: 2 });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { actions: { 'F0-dock': [first, hard] } }));
    expect([statusOf(vehicle, 'a'), statusOf(vehicle, 'b')]).toEqual(['INITIALIZING', 'WAITING']);
    world.clock.advance(4_000);
    expect([statusOf(vehicle, 'a'), statusOf(vehicle, 'b')]).toEqual(['FINISHED', 'INITIALIZING']);
    world.clock.advance(2_000);
    expect(statusOf(vehicle, 'b')).toBe('FINISHED');
    expect(vehicle.state().loads).toEqual([]);
  });

  it('stitches an order update onto the end of its base and drives on into the new base', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const facility = world.facility;
    vehicle.receiveOrder(orderThrough(facility, ['F0-dock', 'F0-hall', 'F0-kitchen'], { released: 2 }));
    world.clock.advance(10_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-hall', driving: false });
    expect(vehicle.state().nodeStates).toEqual([expect.objectContaining({ nodeId: 'F0-kitchen', released: false })]);

    vehicle.receiveOrder(orderThrough(facility, ['F0-hall', 'F0-kitchen'], { orderUpdateId: 1, firstSequenceId: 2 }));
    expect(vehicle.state()).toMatchObject({ orderUpdateId: 1, driving: true, errors: [] });
    world.clock.advance(5_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-kitchen', lastNodeSequenceId: 4, nodeStates: [] });
  });
});

describe('VirtualVehicle rejecting orders', () => {
  it('rejects an action it cannot perform with an orderError naming the action, and keeps its order', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    const bad = orderThrough(world.facility, ['F0-dock', 'F0-hall'], {
      orderId: 'order-2',
      actions: { 'F0-hall': [action('measureVitals', 'vitals-1')] },
    });
    vehicle.receiveOrder(bad);
    const error = vehicle.state().errors[0];
    expect(error).toMatchObject({ errorType: 'orderError', errorLevel: 'WARNING' });
    expect(error.errorReferences).toEqual(
      expect.arrayContaining([
        { referenceKey: 'orderId', referenceValue: 'order-2' },
        { referenceKey: 'actionId', referenceValue: 'vitals-1' },
        { referenceKey: 'actionType', referenceValue: 'measureVitals' },
      ]),
    );
    expect(vehicle.state().orderId).toBe('order-1');
  });

  it('declares its order limits in its factsheet and rejects an order over them with a validationError, as a vendor’s vehicle does', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { limits: { orderNodes: 2, idLength: 10 } });
    expect(vehicle.factsheet().protocolLimits).toMatchObject({ maxArrayLens: { 'order.nodes': 2, 'order.edges': 1 }, maxStringLens: { idLen: 10 } });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-kitchen']));
    expect(vehicle.state().errors).toEqual([
      expect.objectContaining({ errorType: 'validationError', errorDescription: 'order has 3 nodes; this vehicle processes at most 2 (factsheet maxArrayLens order.nodes)' }),
    ]);
    expect(vehicle.state().orderId).toBe('');
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { orderId: 'order-of-many-characters' }));
    expect(vehicle.state().errors.at(-1)).toMatchObject({ errorType: 'validationError', errorDescription: expect.stringContaining('orderId "order-of-many-characters" is longer than the 10 characters') });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { orderId: 'short' }));
    // the edge's id, "F0-dock--F0-hall", is over the limit too
    expect(vehicle.state().errors.at(-1)?.errorDescription).toBe('edgeId "F0-dock--F0-hall" is longer than the 10 characters this vehicle processes (factsheet maxStringLens idLen)');
    const fits = vehicleIn(world, { limits: { orderNodes: 2, idLength: 16 } });
    fits.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { orderId: 'short' }));
    expect(fits.state()).toMatchObject({ orderId: 'short', driving: true, errors: [] });
  });

  it('rejects a stale orderUpdateId with orderUpdateError and ignores the same update twice', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const facility = world.facility;
    vehicle.receiveOrder(orderThrough(facility, ['F0-dock', 'F0-hall'], { orderUpdateId: 3, released: 1 }));
    vehicle.receiveOrder(orderThrough(facility, ['F0-dock', 'F0-hall'], { orderUpdateId: 3 }));
    expect(vehicle.state()).toMatchObject({ orderUpdateId: 3, errors: [], driving: false });

    vehicle.receiveOrder(orderThrough(facility, ['F0-dock', 'F0-hall'], { orderUpdateId: 2 }));
    expect(vehicle.state().orderUpdateId).toBe(3);
    expect(vehicle.state().errors).toEqual([
      expect.objectContaining({
        errorType: 'orderUpdateError',
        errorReferences: expect.arrayContaining([{ referenceKey: 'orderUpdateId', referenceValue: '2' }]),
      }),
    ]);
  });

  it('reports a malformed order as validationError until it accepts a new one', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveInvalidOrder('must have required property nodes', { orderId: 'broken', headerId: 9 });
    const broken = orderThrough(world.facility, ['F0-dock', 'F0-hall']);
    broken.edges[0].startNodeId = 'F0-kitchen';
    vehicle.receiveOrder(broken);
    expect(errorTypes(vehicle)).toEqual(['validationError', 'validationError']);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { orderId: 'good' }));
    expect(vehicle.state()).toMatchObject({ orderId: 'good', errors: [] });
  });

  it('rejects a new order while busy, and one that starts away from the vehicle', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { orderId: 'order-2' }));
    world.clock.advance(10_000);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-kitchen'], { orderId: 'order-3' }));
    expect(errorTypes(vehicle)).toEqual(['orderError', 'noRouteError']);
    expect(vehicle.state().orderId).toBe('order-1');
  });

  it('rejects an order while charging unless configured to take it, and while a cancel is under way', () => {
    const world = tinyWorld();
    const strict = vehicleIn(world);
    const lenient = vehicleIn(world, { serialNumber: 'T-2', acceptOrdersWhileCharging: true });
    for (const vehicle of [strict, lenient]) vehicle.receiveInstantActions(instant(action('startCharging', 'c')));
    world.clock.advance(2_000);
    for (const vehicle of [strict, lenient]) vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    expect(strict.state()).toMatchObject({ orderId: '', errors: [expect.objectContaining({ errorType: 'orderError' })] });
    expect(lenient.state()).toMatchObject({ orderId: 'order-1', driving: true, batteryState: { charging: false } });

    lenient.receiveInstantActions(instant(action('cancelOrder', 'x')));
    lenient.receiveOrder(orderThrough(world.facility, ['F0-hall', 'F0-kitchen'], { orderUpdateId: 1, firstSequenceId: 2 }));
    expect(lenient.state()).toMatchObject({ orderUpdateId: 0, errors: [expect.objectContaining({ errorType: 'orderError' })] });
  });

  it('rejects the next order on an injected fault', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.faults.rejectNextOrder();
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    expect(vehicle.state()).toMatchObject({ orderId: '', errors: [expect.objectContaining({ errorType: 'orderError' })] });
  });
});

describe('VirtualVehicle instant actions', () => {
  it('cancels a running order: fails waiting actions, stops at the next node, then finishes the cancel', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const pick = action('pick', 'pick-1');
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall', 'F0-kitchen'], { actions: { 'F0-kitchen': [pick] } }));
    world.clock.advance(3_000);
    vehicle.receiveInstantActions(instant(action('cancelOrder', 'cancel-1')));
    expect(statusOf(vehicle, 'cancel-1')).toBe('RUNNING');
    expect(statusOf(vehicle, 'pick-1')).toBe('FAILED');
    expect(vehicle.state().driving).toBe(true);

    world.clock.advance(7_000);
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F0-hall', driving: false, nodeStates: [], edgeStates: [], orderId: 'order-1' });
    expect(statusOf(vehicle, 'cancel-1')).toBe('FINISHED');
  });

  it('fails cancelOrder with a noOrderToCancel warning naming the action when there is no order', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveInstantActions(instant(action('cancelOrder', 'cancel-1')));
    expect(statusOf(vehicle, 'cancel-1')).toBe('FAILED');
    expect(vehicle.state().errors).toEqual([
      expect.objectContaining({
        errorType: 'noOrderToCancel',
        errorLevel: 'WARNING',
        errorReferences: [{ referenceKey: 'actionId', referenceValue: 'cancel-1' }],
      }),
    ]);
  });

  it('pauses driving and actions, then resumes where it stopped', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    world.clock.advance(4_000);
    vehicle.receiveInstantActions(instant(action('startPause', 'p1')));
    expect(vehicle.state()).toMatchObject({ paused: true, driving: false });
    world.clock.advance(60_000);
    expect(vehicle.state().agvPosition?.x).toBe(4);
    vehicle.receiveInstantActions(instant(action('stopPause', 'p2')));
    expect(vehicle.state()).toMatchObject({ paused: false, driving: true });
    world.clock.advance(6_000);
    expect(vehicle.state().lastNodeId).toBe('F0-hall');
    expect([statusOf(vehicle, 'p1'), statusOf(vehicle, 'p2')]).toEqual(['FINISHED', 'FINISHED']);
  });

  it('pauses a running action and keeps its remaining time', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { actions: { 'F0-dock': [action('pick', 'pick-1', 'HARD', { durationS: 10 })] } }));
    world.clock.advance(4_000);
    vehicle.receiveInstantActions(instant(action('startPause', 'p1')));
    expect(statusOf(vehicle, 'pick-1')).toBe('PAUSED');
    world.clock.advance(100_000);
    vehicle.receiveInstantActions(instant(action('stopPause', 'p2')));
    expect(statusOf(vehicle, 'pick-1')).toBe('RUNNING');
    world.clock.advance(5_999);
    expect(statusOf(vehicle, 'pick-1')).toBe('RUNNING');
    world.clock.advance(1);
    expect(statusOf(vehicle, 'pick-1')).toBe('FINISHED');
  });

  it('fails an unknown instant action with an error', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.receiveInstantActions(instant(action('teleport', 'x-1')));
    expect(statusOf(vehicle, 'x-1')).toBe('FAILED');
    expect(vehicle.state().errors).toEqual([
      expect.objectContaining({ errorType: 'instantActionError', errorReferences: expect.arrayContaining([{ referenceKey: 'actionId', referenceValue: 'x-1' }]) }),
    ]);
  });

  it('answers stateRequest and factsheetRequest with events', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const heard: string[] = [];
    vehicle.on('stateRequested', () => heard.push('state'));
    vehicle.on('factsheetRequested', () => heard.push('factsheet'));
    vehicle.receiveInstantActions(instant(action('stateRequest', 's1', 'NONE'), action('factsheetRequest', 'f1', 'NONE')));
    expect(heard).toEqual(['state', 'factsheet']);
    expect([statusOf(vehicle, 's1'), statusOf(vehicle, 'f1')]).toEqual(['FINISHED', 'FINISHED']);
  });

  it('resets its pose with initPosition', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    const init = action('initPosition', 'i1', 'HARD', { x: 20, y: 4, theta: 1, mapId: 'F1', lastNodeId: 'F1-dock' });
    vehicle.receiveInstantActions(instant(init));
    expect(statusOf(vehicle, 'i1')).toBe('FINISHED');
    expect(vehicle.state()).toMatchObject({ lastNodeId: 'F1-dock', agvPosition: { x: 20, y: 4, theta: 1, mapId: 'F1' } });
    vehicle.receiveInstantActions(instant(action('initPosition', 'i2', 'HARD', { x: 1 })));
    expect(statusOf(vehicle, 'i2')).toBe('FAILED');
  });

  it('fails the next action on an injected fault', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world);
    vehicle.faults.failNextAction();
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock'], { actions: { 'F0-dock': [action('pick', 'pick-1', 'HARD', { durationS: 2 })] } }));
    world.clock.advance(2_000);
    expect(statusOf(vehicle, 'pick-1')).toBe('FAILED');
    expect(vehicle.state()).toMatchObject({ loads: [], errors: [expect.objectContaining({ errorType: 'orderActionError' })] });
  });
});

describe('VirtualVehicle battery', () => {
  const rates = { drivePerMetre: 0.1, workPerSecond: 0.01, idlePerSecond: 0.001, chargePerSecond: 0.5, recoverAbove: 5 };

  it('drains per metre driven and per second of work or standing', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { battery: 50, batteryRates: rates });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall'], { actions: { 'F0-hall': [action('pick', 'p', 'HARD', { durationS: 20 })] } }));
    world.clock.advance(10_000); // 10 m driving: 1 % + 10 s idle 0.01 %
    expect(vehicle.state().batteryState.batteryCharge).toBeCloseTo(48.99, 2);
    world.clock.advance(20_000); // 20 s working: 0.2 % + 0.02 % idle
    expect(vehicle.state().batteryState.batteryCharge).toBeCloseTo(48.77, 2);
  });

  it('charges on a charger node up to 100 and refuses to charge elsewhere', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { battery: 90, batteryRates: rates });
    vehicle.receiveInstantActions(instant(action('startCharging', 'c1')));
    world.clock.advance(2_000);
    expect(vehicle.state().batteryState).toMatchObject({ charging: true });
    world.clock.advance(60_000);
    expect(vehicle.state().batteryState).toEqual(expect.objectContaining({ batteryCharge: 100, charging: true }));
    vehicle.receiveInstantActions(instant(action('stopCharging', 'c2')));
    world.clock.advance(1_000);
    expect(vehicle.state().batteryState.charging).toBe(false);

    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    world.clock.advance(10_000);
    vehicle.receiveInstantActions(instant(action('startCharging', 'c3')));
    expect(statusOf(vehicle, 'c3')).toBe('FAILED');
    expect(errorTypes(vehicle)).toContain('chargingError');
  });

  it('stops with a FATAL batteryLow error when empty and recovers by charging', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { battery: 0.5, batteryRates: rates });
    vehicle.receiveOrder(orderThrough(world.facility, ['F0-dock', 'F0-hall']));
    world.clock.advance(10_000);
    const state = vehicle.state();
    expect(state).toMatchObject({ driving: false, lastNodeId: 'F0-dock', batteryState: { batteryCharge: 0 } });
    expect(state.agvPosition?.x).toBeCloseTo(4.95, 2);
    expect(state.errors).toEqual([expect.objectContaining({ errorType: 'batteryLow', errorLevel: 'FATAL' })]);
  });

  it('clears the FATAL error once charged above the recovery threshold', () => {
    const world = tinyWorld();
    const vehicle = vehicleIn(world, { battery: 0.001, batteryRates: rates });
    world.clock.advance(2_000);
    expect(errorTypes(vehicle)).toEqual(['batteryLow']);
    vehicle.receiveInstantActions(instant(action('startCharging', 'c1')));
    world.clock.advance(2_000 + 10_000);
    expect(vehicle.state().errors).toEqual([]);
    expect(vehicle.state().batteryState.batteryCharge).toBeGreaterThanOrEqual(5);
  });
});
