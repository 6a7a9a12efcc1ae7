import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/** The same POST /api/tasks sent again with its Idempotency-Key makes no second task (medium: SQLite, HTTP). */
describe('idempotent task creation (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;
  const MEAL = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };

  beforeAll(async () => {
    api = await ApiInProcess.start();
    expect((await api.request('POST', '/api/robots', { manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop'] }, await signedIn(api))).status).toBe(201);
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

  it('refuses the same key with a different body (422 naming the key), making nothing; the same body in another order replays', async () => {
    const first = await api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'meal-7' });
    expect(first.status).toBe(201);
    const before = await total();
    const other = await api.request('POST', '/api/tasks', { ...MEAL, to: 'F1-R105' }, { 'idempotency-key': 'meal-7' });
    expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'Idempotency-Key meal-7 was used with a different request' } });
    expect((await api.request('POST', '/api/tasks', { ...MEAL, note: 'warm' }, { 'idempotency-key': 'meal-7' })).status).toBe(422);
    expect(await total()).toBe(before);
    const reordered = Object.fromEntries(Object.entries(MEAL).reverse());
    const again = await api.request('POST', '/api/tasks', reordered, { 'idempotency-key': 'meal-7' });
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    expect(await total()).toBe(before);
  });

  it('keeps replaying a key stored before fingerprints were kept, whatever the body', async () => {
    const first = await api.request('POST', '/api/tasks', MEAL, { 'idempotency-key': 'stored-long-ago' });
    await api.app.get(DataSource).query(`UPDATE task_request SET fingerprint = NULL WHERE request_key = 'stored-long-ago'`);
    const again = await api.request('POST', '/api/tasks', { ...MEAL, to: 'F1-R105' }, { 'idempotency-key': 'stored-long-ago' });
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
  });

  it('refuses a key header given twice, saying so', async () => {
    // fetch joins repeated headers into one; node:http sends an array as separate header lines, as curl -H twice does
    const { port } = new URL(api.baseUrl);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = httpRequest({ host: '127.0.0.1', port, path: '/api/tasks', method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': ['k-1', 'k-2'] } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      sent.on('error', reject);
      sent.end(JSON.stringify(MEAL));
    });
    expect([status, (JSON.parse(body) as { message: string }).message]).toEqual([400, 'Idempotency-Key was given 2 times; send one']);
  });
});
