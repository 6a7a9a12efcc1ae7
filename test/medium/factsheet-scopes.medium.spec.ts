import { sample20 } from '../../libs/vda5050/src/validation/sample-messages.fixture';
import { ApiInProcess } from './support/api-in-process';
import { ScriptedRobot } from './support/scripted-robot';
import { waitFor } from './support/wait-for';

/**
 * A vendor's vehicle declares in its factsheet which actions it takes as instant actions (VDA 5050 actionScopes
 * INSTANT). Staff's commands to it go through the real api (HTTP, the factsheet over the embedded broker, SQLite): one
 * its factsheet does not list is refused with 409 and never reaches the robot.
 */
type Scope = 'INSTANT' | 'NODE' | 'EDGE';

describe('robot commands and factsheet action scopes (medium: in-process api, embedded broker, SQLite, scripted vehicle)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  let auth: Record<string, string>;
  const robots: ScriptedRobot[] = [];

  beforeAll(async () => {
    api = await ApiInProcess.start({ DISPATCH_POLICY: 'earliest-finish' });
    const { status, body } = await api.request('POST', '/api/auth/sign-in', { username: 'pielegniarka', password: 'opiekun-nurse' });
    expect(status).toBe(200);
    auth = { authorization: `Bearer ${String(body.token)}` };
  });

  afterAll(async () => {
    for (const robot of robots.splice(0)) await robot.close().catch(() => undefined);
    await api?.close();
  });

  /** A vehicle that joins on its own, publishes a factsheet with these actions and stands at a dock. */
  const join = async (serial: string, actions: [string, Scope[]][]) => {
    const robot = new ScriptedRobot(api.brokerUrl, 'Vendo', serial);
    robots.push(robot);
    await robot.connected();
    const { headerId: _h, timestamp: _t, version: _v, manufacturer: _m, serialNumber: _s, ...factsheet } = sample20.factsheet();
    const agvActions = actions.map(([actionType, actionScopes]) => ({ actionType, actionScopes, blockingTypes: ['HARD' as const] }));
    await robot.client.publishFactsheet({ ...factsheet, protocolFeatures: { ...factsheet.protocolFeatures, agvActions } });
    await robot.publishState({ lastNodeId: 'F0-dock-1' });
    const shown = await waitFor(`${serial} online with its factsheet`, async () => {
      const { body } = await api.request('GET', `/api/robots/Vendo:${serial}`, undefined, auth);
      return body.connection === 'ONLINE' && (body.actions as string[]).includes('pick') ? body : undefined;
    });
    return { robot, shown };
  };

  it('answers 409 naming the robot and startPause to a pause its factsheet does not list as an instant action, and sends nothing', async () => {
    const { robot, shown } = await join('V-1', [['pick', ['NODE']], ['startPause', ['NODE']], ['stopPause', ['INSTANT']]]);

    const refused = await api.request('POST', '/api/robots/Vendo:V-1/pause', undefined, auth);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ROBOT_CONFLICT', message: expect.stringMatching(/V-1.*startPause/) });
    expect(shown).toMatchObject({ actions: ['pick', 'startPause'], instantActions: ['stopPause'] });

    // the resume it does take goes out on the same link, after where a pause would have been
    expect((await api.request('POST', '/api/robots/Vendo:V-1/resume', undefined, auth)).status).toBe(200);
    await robot.until(() => robot.instantActions.includes('stopPause'));
    expect(robot.instantActions).not.toContain('startPause');
  });
});
