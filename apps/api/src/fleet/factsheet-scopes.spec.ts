import { instantActionType, type InstantCommand } from '@opiekun/application';
import { GENERATED_KINDS, vehicleActions } from '@opiekun/robot-sim';
import { sample20 } from '../../../../libs/vda5050/src/validation/sample-messages.fixture';
import { durable, idle, process, reports, sentTo, STAFF, taskOf, type Api } from '../../../../libs/application/src/services/resilience-world.fixture';
import { factsheetToInfo } from './order.mapper';

/**
 * Small tests: a vehicle's factsheet as the link reads it (factsheetToInfo) into the application wired to fakes, on a
 * manual clock. An action a vendor declares only as an instant action must never be put on a node of its orders.
 */
describe('action scopes from the factsheet', () => {
  type Scope = 'INSTANT' | 'NODE' | 'EDGE';
  const factsheet = (...actions: [string, Scope[]][]) => ({
    ...sample20.factsheet(),
    protocolFeatures: { optionalParameters: [], agvActions: actions.map(([actionType, actionScopes]) => ({ actionType, actionScopes })) },
  });

  /** A robot that joins on its own (auto-registration), sends its factsheet, then its first state. */
  async function joinsWith(api: Api, serial: string, node: string, sheet: ReturnType<typeof factsheet>): Promise<string> {
    await api.fleet.onConnection('M', serial, 'ONLINE');
    await api.fleet.onFactsheet('M', serial, factsheetToInfo(sheet));
    await reports(api, serial, idle(node));
    return `M:${serial}`;
  }

  it('gives a vitals visit not to the nearer robot that declares measureVitals INSTANT only, but to one that declares it for a node', async () => {
    const d = durable();
    const api = await process(d);
    await api.boot();
    const instantOnly = await joinsWith(api, 'V1', 'B', factsheet(['pick', ['NODE']], ['drop', ['NODE']], ['measureVitals', ['INSTANT']], ['startPause', ['INSTANT']]));
    const onNodes = await joinsWith(api, 'S1', 'Q0', factsheet(['measureVitals', ['INSTANT', 'NODE']], ['startPause', ['INSTANT']]));
    const visit = await api.service.create({ type: 'vitals', priority: 'routine', atNode: 'K', action: 'measureVitals' }, STAFF);
    await d.clock.advance(10);

    expect(sentTo(d, instantOnly)).toHaveLength(0);
    expect(await taskOf(d, visit.id)).toMatchObject({ status: 'accepted', robotId: onNodes });
    const [mission] = sentTo(d, onNodes);
    expect(mission.nodes.at(-1)).toMatchObject({ nodeId: 'K', actions: [expect.objectContaining({ type: 'measureVitals' })] });
    expect(api.registry.get(instantOnly)).toMatchObject({ actions: ['pick', 'drop'], instantActions: ['measureVitals', 'startPause'] });
    api.shutdown();
  });

  it('sends no charge trip to a robot that takes startCharging only as an instant action, however low its battery', async () => {
    const d = durable();
    const api = await process(d);
    await api.boot();
    const robot = await joinsWith(api, 'V1', 'A', factsheet(['pick', ['NODE']], ['startCharging', ['INSTANT']], ['stopCharging', ['INSTANT']]));
    await reports(api, 'V1', { ...idle('A'), battery: 5 });
    await d.clock.advance(30_000);
    expect(sentTo(d, robot).map((m) => m.id)).toEqual([]);
    api.shutdown();
  });

  it('finds in the simulator\'s factsheets every action our orders put on nodes and every instant action we send', () => {
    const commands: InstantCommand[] = [
      { kind: 'pause' },
      { kind: 'resume' },
      { kind: 'cancel' },
      { kind: 'factsheet' },
      { kind: 'state' },
      { kind: 'charge', start: true },
      { kind: 'charge', start: false },
      { kind: 'releaseTrigger', actionId: 'w1' },
    ];
    for (const kind of GENERATED_KINDS) {
      const info = factsheetToInfo({ protocolFeatures: { agvActions: vehicleActions(kind.actions) } });
      expect(info.actions).toEqual(expect.arrayContaining([...kind.actions, 'startCharging', 'initPosition', 'waitForTrigger']));
      expect(info.instantActions).toEqual(expect.arrayContaining(commands.map(instantActionType)));
    }
  });
});
