import { DataSource } from 'typeorm';
import { requestFingerprint } from '../../apps/api/src/http/idempotency-key.decorator';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

type Answer = { status: number; body: Record<string, unknown>; replayed: string | null };

/**
 * POST /api/care-plans, /api/staff-tasks and /api/patrols take an Idempotency-Key as POST /api/tasks does (medium:
 * in-process api, SQLite, HTTP): a retry after a timeout made a second care plan — every occurrence, medication rounds
 * too, raised twice — or another staff task or patrol.
 */
describe('idempotent care plans, staff tasks and patrols (medium: in-process api over HTTP)', () => {
  jest.setTimeout(60_000);
  let api: ApiInProcess;
  let nurse: Record<string, string>;
  // a week ago, so tomorrow's 08:00 falls within the plan and the horizon: the plan raises a task at once
  const startsOn = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const LINEN = { title: 'Pościel', wardId: 'F1', rrule: 'FREQ=DAILY;BYHOUR=8', startsOn, activity: { type: 'linen', priority: 'routine', from: 'F0-laundry', to: '@station' } };
  const TURN = { type: 'reposition', priority: 'urgent', atNode: 'F1-R101', action: 'reposition', note: 'co 2 h' };
  const PATROL = { rooms: ['104', '106'] };

  const post = async (path: string, body: unknown, key?: string): Promise<Answer> => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...nurse, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, replayed: response.headers.get('idempotent-replayed') };
  };
  const get = async (path: string) => (await api.request('GET', path, undefined, nurse)).body;
  const plans = async () => ((await get('/api/care-plans')) as unknown as { id: string }[]).length;
  const tasks = async () => (await get('/api/tasks?limit=500')).items as { id: string; type: string; carePlanId?: string }[];
  const tasksOf = async (type: string) => (await tasks()).filter((t) => t.type === type).length;
  const planTasks = async (planId: unknown) => (await tasks()).filter((t) => t.carePlanId === planId).length;

  beforeAll(async () => {
    api = await ApiInProcess.start();
    nurse = await signedIn(api, 'nurse');
    expect((await api.request('PUT', '/api/wards/F1', { name: 'Oddział 1', rooms: ['101', '104', '106'], stationNode: 'F1-nurse' }, nurse)).status).toBe(200);
    const robot = { manufacturer: 'M', serialNumber: 'R1', actions: ['pick', 'drop', 'patrolCheck'] };
    expect((await api.request('POST', '/api/robots', robot, await signedIn(api, 'manager'))).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe.each([
    ['/api/care-plans', LINEN, { ...LINEN, title: 'Pościel 2' }, plans],
    ['/api/staff-tasks', TURN, { ...TURN, note: 'co 3 h' }, () => tasksOf('reposition')],
    ['/api/patrols', PATROL, { rooms: ['104'] }, () => tasksOf('patrol')],
  ])('POST %s', (path, body, other, count) => {
    const key = (name: string) => `${path}-${name}`;

    it('answers the same key again with what it made, marked as replayed, making nothing more', async () => {
      const before = await count();
      const first = await post(path, body, key('retry'));
      const again = await post(path, body, key('retry'));
      expect([first.status, first.replayed]).toEqual([201, null]);
      expect([again.status, again.replayed]).toEqual([201, 'true']);
      expect(again.body).toEqual(first.body);
      expect(await count()).toBe(before + 1);
    });

    it('makes one of the same key sent many times at once', async () => {
      const before = await count();
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(path, body, key('burst'))));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
      expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
      for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
      expect(await count()).toBe(before + 1);
    });

    it('refuses the same key with another body as POST /api/tasks does (422 naming the key), making nothing', async () => {
      expect((await post(path, body, key('reused'))).status).toBe(201);
      const before = await count();
      const refused = await post(path, other, key('reused'));
      expect(refused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED', message: `Idempotency-Key ${key('reused')} was used with a different request` } });
      expect(await count()).toBe(before);
    });

    it('makes one per request without a key, and one per key', async () => {
      const before = await count();
      for (const k of [undefined, undefined, key('a'), key('b')]) expect((await post(path, body, k)).status).toBe(201);
      expect(await count()).toBe(before + 4);
    });

    it('says in the OpenAPI document that it takes the header', async () => {
      const document = (await (await fetch(`${api.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, { post: { parameters?: { name: string; in: string; required?: boolean }[] } }> };
      expect(document.paths[path]!.post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]));
    });
  });

  it('raises the occurrences of a care plan sent twice once', async () => {
    const first = await post('/api/care-plans', LINEN, 'plan-occurrences');
    const raised = await planTasks(first.body.id);
    expect(raised).toBeGreaterThan(0);
    const again = await post('/api/care-plans', LINEN, 'plan-occurrences');
    expect(again.body.id).toBe(first.body.id);
    expect(await planTasks(first.body.id)).toBe(raised);
  });

  it('refuses a key one endpoint used at another, whatever made it', async () => {
    const staff = await post('/api/staff-tasks', TURN, 'one-key');
    expect(staff.status).toBe(201);
    const [plansBefore, patrolsBefore] = [await plans(), await tasksOf('patrol')];
    expect(await post('/api/care-plans', LINEN, 'one-key')).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await post('/api/patrols', PATROL, 'one-key')).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect((await api.request('POST', '/api/tasks', { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' }, { ...nurse, 'idempotency-key': 'one-key' })).status).toBe(422);
    expect([await plans(), await tasksOf('patrol')]).toEqual([plansBefore, patrolsBefore]);
    const plan = await post('/api/care-plans', LINEN, 'a-plan-key');
    expect(await post('/api/staff-tasks', TURN, 'a-plan-key')).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect((await post('/api/care-plans', LINEN, 'a-plan-key')).body.id).toBe(plan.body.id);
  });

  it('stores a care plan whose key was reserved but which was never stored (the api stopped half-way) under the id the key names, once', async () => {
    const fingerprint = requestFingerprint('POST', '/api/care-plans', LINEN);
    await api.app
      .get(DataSource)
      .query(`INSERT INTO task_request (request_key, kind, care_plan_id, fingerprint, created_at) VALUES ('half-way', 'care-plan', 'plan-half-way', ?, 0)`, [fingerprint]);
    const before = await plans();
    const retried = await post('/api/care-plans', LINEN, 'half-way');
    expect([retried.status, retried.replayed, retried.body.id]).toEqual([201, null, 'plan-half-way']);
    expect(await planTasks('plan-half-way')).toBeGreaterThan(0);
    const again = await post('/api/care-plans', LINEN, 'half-way');
    expect([again.status, again.replayed, again.body]).toEqual([201, 'true', retried.body]);
    expect(await plans()).toBe(before + 1);
  });
});
