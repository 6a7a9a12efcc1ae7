import type { AlertService, FleetControlService, StaffAuthService, StaffIdentity } from '@opiekun/application';
import { ManualClock } from '../../../../libs/application/src/testing';
import type { EventBus } from '../events/event-bus';
import { LiveGateway } from './live.gateway';

type LiveSocket = Parameters<LiveGateway['handleConnection']>[0];
type Middleware = (socket: LiveSocket, next: (error?: Error) => void) => void;

const NURSE: StaffIdentity = { id: 'n1', username: 'ania', displayName: 'Ania', role: 'nurse' };
const HOUR = 3600_000;

/** The gateway with a token that is good for an hour, on a clock that moves only when told. */
function setUp() {
  const clock = new ManualClock();
  const expiresAt = clock.now() + HOUR;
  const auth = { session: async () => ({ staff: NURSE, expiresAt }) } as unknown as StaffAuthService;
  const gateway = new LiveGateway({} as EventBus, auth, {} as AlertService, {} as FleetControlService, clock);
  let middleware: Middleware | undefined;
  gateway.afterInit({ use: (fn: Middleware) => (middleware = fn) } as never);

  /** A dashboard that passed the handshake and connected; `heard` is what it was sent and how the line ended. */
  const connect = async () => {
    const heard: string[] = [];
    const onDisconnect: (() => void)[] = [];
    const socket = {
      handshake: { auth: { token: 'signed' } },
      data: {},
      emit: (event: string, body: unknown) => heard.push(`${event} ${JSON.stringify(body)}`),
      disconnect: (close: boolean) => {
        heard.push(`disconnect(${close})`);
        onDisconnect.forEach((listener) => listener());
      },
      once: (event: string, listener: () => void) => event === 'disconnect' && onDisconnect.push(listener),
    } as unknown as LiveSocket;
    await new Promise<void>((resolve, reject) => middleware!(socket, (error) => (error ? reject(error) : resolve())));
    gateway.handleConnection(socket);
    return { heard, leave: () => onDisconnect.forEach((listener) => listener()) };
  };
  return { clock, connect };
}

describe('LiveGateway: a live connection ends with its sign-in', () => {
  it('says the session expired and hangs up when the token runs out, not before', async () => {
    const { clock, connect } = setUp();
    const dashboard = await connect();
    await clock.advance(HOUR - 1);
    expect(dashboard.heard).toEqual([]);
    await clock.advance(1);
    expect(dashboard.heard).toEqual(['session-expired {"message":"the sign-in has expired; sign in again"}', 'disconnect(true)']);
  });

  it('forgets a connection that closed before its token ran out', async () => {
    const { clock, connect } = setUp();
    const dashboard = await connect();
    dashboard.leave();
    await clock.advance(2 * HOUR);
    expect(dashboard.heard).toEqual([]);
  });
});
