import type { AgvAction, VehicleFactsheet } from '../protocol';
import type { VehicleLimits } from './vehicle-config';

export interface FactsheetInput {
  readonly model: string;
  readonly speed: number;
  readonly actions: readonly AgvAction[];
  readonly canCarry: boolean;
  readonly limits?: VehicleLimits;
}

/** The sim's physical build: a small indoor differential-drive service robot. */
const BODY = { width: 0.6, length: 0.8, heightMin: 1.0, heightMax: 1.3, maxLoadMassKg: 40 };

/** §6.16 factsheet of a simulated vehicle; what a master needs to plan with it, valid against factsheet.schema. */
export function buildFactsheet(input: FactsheetInput): VehicleFactsheet {
  return {
    typeSpecification: {
      seriesName: input.model,
      seriesDescription: `Opiekun simulated ${input.model}`,
      agvKinematic: 'DIFF',
      agvClass: 'CARRIER',
      maxLoadMass: input.canCarry ? BODY.maxLoadMassKg : 0,
      localizationTypes: ['NATURAL'],
      navigationTypes: ['VIRTUAL_LINE_GUIDED'],
    },
    physicalParameters: {
      speedMin: 0.01,
      speedMax: input.speed,
      accelerationMax: 0.5,
      decelerationMax: 0.5,
      heightMin: BODY.heightMin,
      heightMax: BODY.heightMax,
      width: BODY.width,
      length: BODY.length,
    },
    protocolLimits: {
      maxStringLens: input.limits?.idLength ? { idLen: input.limits.idLength } : {},
      // (no edge limit for a one-node order limit: 0 would mean none)
      maxArrayLens: input.limits?.orderNodes ? { 'order.nodes': input.limits.orderNodes, ...(input.limits.orderNodes > 1 ? { 'order.edges': input.limits.orderNodes - 1 } : {}) } : {},
      timing: { minOrderInterval: 0.1, minStateInterval: 0.1, defaultStateInterval: 5, visualizationInterval: 1 },
    },
    protocolFeatures: {
      optionalParameters: [
        { parameter: 'order.nodes.nodePosition', support: 'SUPPORTED', description: 'Used when given; else the map.' },
        { parameter: 'order.edges.maxSpeed', support: 'SUPPORTED' },
        { parameter: 'order.nodes.nodePosition.allowedDeviationXY', support: 'SUPPORTED' },
        { parameter: 'order.nodes.nodePosition.theta', support: 'SUPPORTED' },
      ],
      agvActions: input.actions.map((action) => ({ ...action })),
    },
    agvGeometry: {
      envelopes2d: [
        {
          set: 'body',
          polygonPoints: [
            { x: BODY.length / 2, y: BODY.width / 2 },
            { x: -BODY.length / 2, y: BODY.width / 2 },
            { x: -BODY.length / 2, y: -BODY.width / 2 },
            { x: BODY.length / 2, y: -BODY.width / 2 },
          ],
        },
      ],
    },
    loadSpecification: input.canCarry
      ? { loadPositions: ['tray'], loadSets: [{ setName: 'DEFAULT', loadType: 'box', maxWeight: BODY.maxLoadMassKg }] }
      : {},
  };
}
