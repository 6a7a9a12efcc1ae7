// Valid messages of every topic in VDA 5050 2.0 and 2.1, for tests only. Each call returns a fresh copy so tests
// can break one field without affecting another test. Typed with the generated types so a schema change that
// invalidates a sample also fails the type check.
import { Topic } from '../topics/topic';
import type { V2_0, V2_1 } from '../types/vda5050.types';

const header = (version: string, headerId = 7) => ({
  headerId,
  timestamp: '2026-11-23T10:15:30.25Z',
  version,
  manufacturer: 'ACME',
  serialNumber: 'R-01',
});

const pick = (): V2_0.Action => ({
  actionId: 'pick-1',
  actionType: 'pick',
  blockingType: 'HARD',
  actionParameters: [
    { key: 'stationType', value: 'TROLLEY_BAY' },
    { key: 'loadType', value: 'LAUNDRY_TROLLEY' },
  ],
});

function order20(): V2_0.Order {
  return {
    ...header('2.0.0'),
    orderId: 'order-1',
    orderUpdateId: 0,
    nodes: [
      { nodeId: 'A', sequenceId: 0, released: true, nodePosition: { x: 1, y: 2, mapId: 'floor-0' }, actions: [] },
      { nodeId: 'B', sequenceId: 2, released: true, nodePosition: { x: 5, y: 2, theta: 0, mapId: 'floor-0' }, actions: [pick()] },
    ],
    edges: [{ edgeId: 'A-B', sequenceId: 1, released: true, startNodeId: 'A', endNodeId: 'B', maxSpeed: 1.2, actions: [] }],
  };
}

function instantActions20(): V2_0.InstantActions {
  return {
    ...header('2.0.0'),
    actions: [{ actionId: 'cancel-1', actionType: 'cancelOrder', blockingType: 'NONE' }],
  };
}

function state20(): V2_0.State {
  return {
    ...header('2.0.0'),
    orderId: 'order-1',
    orderUpdateId: 0,
    lastNodeId: 'A',
    lastNodeSequenceId: 0,
    nodeStates: [{ nodeId: 'B', sequenceId: 2, released: true, nodePosition: { x: 5, y: 2, mapId: 'floor-0' } }],
    edgeStates: [{ edgeId: 'A-B', sequenceId: 1, released: true }],
    driving: true,
    agvPosition: { x: 2, y: 2, theta: 0, mapId: 'floor-0', positionInitialized: true },
    velocity: { vx: 1, vy: 0, omega: 0 },
    loads: [],
    actionStates: [{ actionId: 'pick-1', actionType: 'pick', actionStatus: 'WAITING' }],
    batteryState: { batteryCharge: 81.5, charging: false },
    operatingMode: 'AUTOMATIC',
    errors: [],
    information: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
  };
}

function visualization20(): V2_0.Visualization {
  return {
    ...header('2.0.0'),
    agvPosition: { x: 2, y: 2, theta: 0, mapId: 'floor-0', positionInitialized: true },
    velocity: { vx: 1, vy: 0, omega: 0 },
  };
}

function connection20(): V2_0.Connection {
  return { ...header('2.0.0'), connectionState: 'ONLINE' };
}

function factsheet20(): V2_0.Factsheet {
  return {
    ...header('2.0.0'),
    typeSpecification: {
      seriesName: 'Courier',
      agvKinematic: 'DIFF',
      agvClass: 'CARRIER',
      maxLoadMass: 120,
      localizationTypes: ['NATURAL'],
      navigationTypes: ['AUTONOMOUS'],
    },
    physicalParameters: {
      speedMin: 0.1,
      speedMax: 1.5,
      accelerationMax: 0.5,
      decelerationMax: 0.8,
      heightMin: 0.4,
      heightMax: 1.2,
      width: 0.6,
      length: 0.9,
    },
    protocolLimits: { maxStringLens: {}, maxArrayLens: {}, timing: { minOrderInterval: 1, minStateInterval: 0.5 } },
    protocolFeatures: {
      optionalParameters: [],
      agvActions: [
        {
          actionType: 'pick',
          actionScopes: ['NODE'],
          actionParameters: [{ key: 'stationType', valueDataType: 'STRING' }],
          blockingTypes: ['HARD', 'SOFT'],
        },
      ],
    },
    agvGeometry: {},
    loadSpecification: {},
  };
}

function order21(): V2_1.Order {
  const order = order20();
  return {
    ...order,
    version: '2.1.0',
    edges: order.edges.map((edge) => ({ ...edge, corridor: { leftWidth: 0.5, rightWidth: 0.5 } })),
  };
}

function state21(): V2_1.State {
  return {
    ...header('2.1.0'),
    maps: [{ mapId: 'floor-0', mapVersion: '3', mapStatus: 'ENABLED' }],
    orderId: 'order-1',
    orderUpdateId: 0,
    lastNodeId: 'A',
    lastNodeSequenceId: 0,
    nodeStates: [{ nodeId: 'B', sequenceId: 2, released: true }],
    edgeStates: [{ edgeId: 'A-B', sequenceId: 1, released: true }],
    driving: false,
    paused: true,
    actionStates: [{ actionId: 'pick-1', actionType: 'pick', actionStatus: 'PAUSED' }],
    batteryState: { batteryCharge: 40, charging: true },
    operatingMode: 'AUTOMATIC',
    errors: [{ errorType: 'noRoute', errorLevel: 'WARNING', errorReferences: [{ referenceKey: 'nodeId', referenceValue: 'B' }] }],
    safetyState: { eStop: 'NONE', fieldViolation: false },
  };
}

function factsheet21(): V2_1.Factsheet {
  const { typeSpecification, physicalParameters, protocolLimits, protocolFeatures } = factsheet20();
  return {
    ...header('2.1.0'),
    typeSpecification: { ...typeSpecification, localizationTypes: ['NATURAL'], navigationTypes: ['AUTONOMOUS'] },
    physicalParameters,
    protocolLimits,
    protocolFeatures,
    agvGeometry: {},
    loadSpecification: {},
    vehicleConfig: { versions: [{ key: 'firmware', value: '1.4.2' }] },
  };
}

/** One valid message per topic, in each version. */
export const SAMPLES: Readonly<Record<'2.0' | '2.1', Readonly<Record<Topic, () => Record<string, unknown>>>>> = {
  '2.0': {
    [Topic.Order]: () => ({ ...order20() }),
    [Topic.InstantActions]: () => ({ ...instantActions20() }),
    [Topic.State]: () => ({ ...state20() }),
    [Topic.Visualization]: () => ({ ...visualization20() }),
    [Topic.Connection]: () => ({ ...connection20() }),
    [Topic.Factsheet]: () => ({ ...factsheet20() }),
  },
  '2.1': {
    [Topic.Order]: () => ({ ...order21() }),
    [Topic.InstantActions]: () => ({ ...instantActions20(), version: '2.1.0' }),
    [Topic.State]: () => ({ ...state21() }),
    [Topic.Visualization]: () => ({ ...visualization20(), version: '2.1.0' }),
    [Topic.Connection]: () => ({ ...connection20(), version: '2.1.0' }),
    [Topic.Factsheet]: () => ({ ...factsheet21() }),
  },
};

/** Typed 2.0 samples for the transport tests. */
export const sample20 = { order: order20, instantActions: instantActions20, state: state20, factsheet: factsheet20 };
