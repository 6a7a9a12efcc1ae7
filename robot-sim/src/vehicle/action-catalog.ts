import type { ActionScope, AgvAction } from '../protocol';

/** Instant actions of VDA 5050 §6.8 the simulator implements for every vehicle. */
export const PROTOCOL_ACTIONS: readonly AgvAction[] = [
  { actionType: 'startPause', actionScopes: ['INSTANT'], actionDescription: 'Stops driving and pauses actions.' },
  { actionType: 'stopPause', actionScopes: ['INSTANT'], actionDescription: 'Resumes driving and paused actions.' },
  { actionType: 'cancelOrder', actionScopes: ['INSTANT'], actionDescription: 'Stops at the next node and drops the order.' },
  { actionType: 'stateRequest', actionScopes: ['INSTANT'] },
  { actionType: 'factsheetRequest', actionScopes: ['INSTANT'] },
  {
    actionType: 'startCharging',
    actionScopes: ['INSTANT', 'NODE'],
    actionDescription: 'Starts charging; only on a charger node.',
    actionParameters: [durationParameter()],
  },
  { actionType: 'stopCharging', actionScopes: ['INSTANT', 'NODE'], actionParameters: [durationParameter()] },
  {
    actionType: 'waitForTrigger',
    actionScopes: ['NODE'],
    actionDescription: 'Waits for a person on the vehicle (a PIN it knows) or for releaseTrigger; with durationS, a trigger after that long.',
    actionParameters: [{ key: 'triggerType', valueDataType: 'STRING' }, durationParameter()],
  },
  {
    actionType: 'releaseTrigger',
    actionScopes: ['INSTANT'],
    actionDescription: 'Vendor action: ends the waitForTrigger named by actionId as its trigger would (confirmed on the master side).',
    actionParameters: [{ key: 'actionId', valueDataType: 'STRING' }],
  },
  {
    actionType: 'initPosition',
    actionScopes: ['INSTANT', 'NODE'],
    actionDescription: 'Resets the pose; refused while driving.',
    actionParameters: [
      { key: 'x', valueDataType: 'NUMBER' },
      { key: 'y', valueDataType: 'NUMBER' },
      { key: 'theta', valueDataType: 'NUMBER' },
      { key: 'mapId', valueDataType: 'STRING' },
      { key: 'lastNodeId', valueDataType: 'STRING' },
    ],
  },
];

/** The vehicle's own work (pick, drop, measureVitals…): node actions, each with an optional duration override. */
export function workAction(actionType: string): AgvAction {
  const parameters = [durationParameter()];
  if (actionType === 'pick' || actionType === 'drop') {
    parameters.push(
      { key: 'loadId', valueDataType: 'STRING', isOptional: true },
      { key: 'loadType', valueDataType: 'STRING', isOptional: true },
    );
  }
  return { actionType, actionScopes: ['NODE'], actionParameters: parameters };
}

/**
 * `durationS` is a simulator extension, allowed by VDA 5050 §6.8 ("additional parameters can be defined"): a number of
 * simulated seconds the action takes, overriding the vehicle's default for that action type.
 */
function durationParameter(): NonNullable<AgvAction['actionParameters']>[number] {
  return {
    key: 'durationS',
    valueDataType: 'NUMBER',
    isOptional: true,
    description: 'Simulator extension: seconds the action takes, overriding the default.',
  };
}

/** Every action a vehicle with the given work actions supports, protocol ones first. */
export function vehicleActions(workActionTypes: readonly string[]): AgvAction[] {
  const protocolTypes = new Set(PROTOCOL_ACTIONS.map((action) => action.actionType));
  const work = [...new Set(workActionTypes)].filter((type) => !protocolTypes.has(type)).map(workAction);
  return [...PROTOCOL_ACTIONS, ...work];
}

export function supportsScope(actions: readonly AgvAction[], actionType: string, scope: ActionScope): boolean {
  return actions.some((action) => action.actionType === actionType && action.actionScopes.includes(scope));
}
