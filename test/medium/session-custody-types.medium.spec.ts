import { ApiInProcess } from './support/api-in-process';

/**
 * The dashboard's medication prompts, waits and nurse-only buttons follow the task types the api delivers under
 * custody (CUSTODY_TASK_TYPES); the staff session names them. Real HTTP against the in-process api.
 */
describe('a staff session names the custody task types (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const session = async (server: ApiInProcess) => {
    const signedIn = await server.request('POST', '/api/auth/sign-in', { username: 'opiekunka', password: 'opiekun-carer' });
    expect(signedIn.status).toBe(200);
    const me = await server.request('GET', '/api/auth/me', undefined, { authorization: `Bearer ${String(signedIn.body.token)}` });
    expect(me.status).toBe(200);
    return { signIn: signedIn.body.custodyTaskTypes, me: me.body.custodyTaskTypes };
  };

  it('as configured: sign-in and /auth/me both say so', async () => {
    api = await ApiInProcess.start({ CUSTODY_TASK_TYPES: 'controlled-drug,insulin' });
    expect(await session(api)).toEqual({ signIn: ['controlled-drug', 'insulin'], me: ['controlled-drug', 'insulin'] });
  });

  it('by default, medication', async () => {
    api = await ApiInProcess.start();
    expect(await session(api)).toEqual({ signIn: ['medication'], me: ['medication'] });
  });
});
