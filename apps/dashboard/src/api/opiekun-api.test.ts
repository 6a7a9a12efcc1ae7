import { aTask } from '../test/fixtures';
import { ApiError, HttpClient } from './http-client';
import { OpiekunApi } from './opiekun-api';

function fakeFetch(handler: (url: string, init: RequestInit) => { status: number; body: unknown }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const { status, body } = handler(url, init);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('OpiekunApi', () => {
  it('sends the sign-in token and reads every page of ended tasks', async () => {
    const all = Array.from({ length: 1200 }, (_, i) => aTask({ id: `e${i}`, status: 'completed' }));
    const { fn, calls } = fakeFetch((url) => {
      const offset = Number(new URL(url, 'http://x').searchParams.get('offset'));
      return { status: 200, body: { items: all.slice(offset, offset + 500), total: all.length, limit: 500, offset } };
    });
    const api = new OpiekunApi(new HttpClient(() => 'tok', () => undefined, fn));
    const tasks = await api.endedTasks('2026-11-22T23:00:00.000Z');
    expect(tasks).toHaveLength(1200);
    expect(calls.map((c) => new URL(c.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '500', '1000']);
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it("turns an error answer into an ApiError with the api's code, and reports a lost sign-in", async () => {
    let signedOut = 0;
    const { fn } = fakeFetch((url) =>
      url.includes('fleet') ? { status: 401, body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'sign in first' } } : { status: 422, body: { statusCode: 422, code: 'NO_CAPABLE_ROBOT', message: 'no robot' } },
    );
    const api = new OpiekunApi(new HttpClient(() => 'tok', () => (signedOut += 1), fn));
    await expect(api.createTask({ type: 'x', priority: 'routine', atNode: 'n', action: 'fly' })).rejects.toEqual(new ApiError(422, 'NO_CAPABLE_ROBOT', 'no robot'));
    await expect(api.stopFleet()).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toBe(1);
  });

  it('sends an incident report with its Idempotency-Key, and the care steps to their routes', async () => {
    const { fn, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const api = new OpiekunApi(new HttpClient(() => 'tok', () => undefined, fn));
    await api.reportIncident({ residentId: 'r1', kind: 'fall', description: 'on the floor' }, 'key-1');
    await api.staffTask('t/1', 'hand-back');
    await api.custody('m1', 'handover');
    await api.signHandover('h1', 'outgoing', 'calm night');
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', '/api/incidents'],
      ['POST', '/api/tasks/t%2F1/hand-back'],
      ['POST', '/api/tasks/m1/handover'],
      ['POST', '/api/handovers/h1/sign'],
    ]);
    expect(calls[0]!.init.headers).toMatchObject({ 'Idempotency-Key': 'key-1', Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
    expect(JSON.parse(calls[3]!.init.body as string)).toEqual({ as: 'outgoing', note: 'calm night' });
  });
});
