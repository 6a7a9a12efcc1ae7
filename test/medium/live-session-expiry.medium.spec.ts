import { TokenSigner, type StaffIdentity } from '@opiekun/application';
import { io, type Socket } from 'socket.io-client';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/**
 * A dashboard's live connection ends with the sign-in it was opened with: dashboards run on shared ward computers.
 * A sign-in lasts a whole shift and the api here runs on the real clock, so the token that runs out is the nurse's
 * own identity signed with the api's key for three seconds (the handshake must finish first on a loaded machine); her
 * ordinary sign-in on a second socket must stay connected.
 */
describe('live connections end with their sign-in (medium: in-process api, Socket.IO over loopback)', () => {
  jest.setTimeout(30_000);
  const LIFETIME_MS = 3_000;
  let api: ApiInProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await ApiInProcess.start();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await api?.close();
  });

  /** Resolves once connected; rejects with the server's refusal (`unauthenticated`). */
  const connect = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(api.baseUrl, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: 5_000 });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });

  const nurseToken = async () => (await signedIn(api, 'nurse')).authorization.replace(/^Bearer /, '');

  /** The nurse's identity in a token that runs out `lifetimeMs` from now. */
  const shortLivedToken = async (lifetimeMs: number) => {
    const me = await api.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${await nurseToken()}` });
    return api.app.get(TokenSigner).sign({ ...(me.body.user as unknown as StaffIdentity), expiresAt: Date.now() + lifetimeMs });
  };

  /** Why the socket was disconnected, or that it still was not after `ms` (the failure this spec is about). */
  const disconnection = (socket: Socket, ms: number) =>
    new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve(`still connected after ${ms} ms`), ms);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  it('tells the dashboard that the session expired, then hangs up; a sign-in still valid stays connected', async () => {
    const shift = await connect(await nurseToken());
    const token = await shortLivedToken(LIFETIME_MS);
    const expiring = await connect(token);
    const heard: string[] = [];
    expiring.on('session-expired', (notice: { message: string }) => heard.push(notice.message));

    expect(await disconnection(expiring, LIFETIME_MS + 4_000)).toBe('io server disconnect');
    expect(heard).toEqual(['the sign-in has expired; sign in again']);
    expect(shift.connected).toBe(true);
    // What the dashboard meets when it tries again: the handshake refuses the token.
    await expect(connect(token)).rejects.toThrow('unauthenticated');
  });
});
