import { ApiInProcess } from './support/api-in-process';

/** The same POST /api/tasks sent again with its Idempotency-Key makes no second task (medium: SQLite, HTTP). */
describe('idempotent task creation (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  const MEAL = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };

  beforeAll(async () => {
    api = await ApiInProcess.start();
    expect((await api.request('POST', '/api/robots', { manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] })).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  const total = async () => Number((await api.request('GET', '/api/tasks?limit=1')).body.total);

  it('answers a repeated key with the task it made, marked as replayed', async () => {
    const before = await total();
    const first = await fetch(`${api.baseUrl}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'order-42' }, body: JSON.stringify(MEAL) });
    const again = await fetch(`${api.baseUrl}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'order-42' }, body: JSON.stringify(MEAL) });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await total()).toBe(before + 1);
  });

  it('makes one task of the same key sent many times at once', async () => {
    const before = await total();
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'burst-1' })));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await total()).toBe(before + 1);
  });

  it('makes a task per key, and one per request without a key', async () => {
    const before = await total();
    await api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'a' });
    await api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'b' });
    await api.request('POST', '/api/tasks', MEAL);
    await api.request('POST', '/api/tasks', MEAL);
    expect(await total()).toBe(before + 4);
  });

  it('refuses a key that is not visible ASCII', async () => {
    const response = await api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'x'.repeat(201) });
    expect(response.status).toBe(400);
  });
});
