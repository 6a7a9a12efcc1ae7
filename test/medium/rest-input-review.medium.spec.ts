import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/**
 * Found by a review of the HTTP layer: inputs the api took without refusing them, or refused with a wrong answer
 * (real HTTP, in-process api, demo care data). Every wrong input gets a 4xx whose message names the field.
 */
describe('REST input review (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  const MEAL = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };
  let api: ApiInProcess;
  let nurse: Record<string, string>;

  beforeAll(async () => {
    api = await ApiInProcess.start({ CARE_FILE: 'assets/care/mco-demo-care.json' });
    nurse = await signedIn(api);
    expect((await api.request('POST', '/api/robots', { manufacturer: 'Rv', serialNumber: 'RV-1', actions: ['pick', 'drop'] }, nurse)).status).toBe(201);
    expect((await api.request('POST', '/api/tasks', MEAL, nurse)).status).toBe(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  const messageOf = (body: Record<string, unknown>) => JSON.stringify(body.message);

  describe('dates: only a full date-time with an explicit offset', () => {
    const FORMAT = 'must be a date-time with its offset (YYYY-MM-DDThh:mm[:ss[.fff]] and Z or ±hh:mm';
    // ISO 8601 forms that passed IsISO8601 and read as NaN (a query then matched nothing), one read in the server's
    // zone, and one Date.parse rolls over into March
    const WRONG = ['2026-W10-1', '20260301', '2026-060', '2026-03-01T10', '2026-03-01T10:00', '2026-02-30T10:00Z'];

    it('refuses them in the queries of tasks, alerts and incidents with 400 naming the parameter and the format', async () => {
      for (const value of WRONG) {
        for (const [path, name] of [['/api/tasks?from=', 'from'], ['/api/tasks?to=', 'to'], ['/api/alerts?since=', 'since'], ['/api/incidents?since=', 'since']]) {
          const refused = await api.request('GET', `${path}${encodeURIComponent(value)}`, undefined, nurse);
          expect({ value, path, status: refused.status }).toEqual({ value, path, status: 400 });
          expect(messageOf(refused.body)).toContain(`${name} ${FORMAT}`);
        }
      }
      const fine = await api.request('GET', `/api/tasks?from=${encodeURIComponent('2026-03-01T10:00:00+01:00')}&to=${encodeURIComponent('2099-01-01T00:00Z')}`, undefined, nurse);
      expect(fine.status).toBe(200);
      expect((fine.body as { total: number }).total).toBeGreaterThan(0);
    });

    it('refuses them in bodies (task deadline, staff task start, incident time) with 400 naming the member and the format', async () => {
      const STAFF_TASK = { type: 'reposition', priority: 'routine', atNode: 'F1-R104', action: 'reposition' };
      const INCIDENT = { residentId: 'nobody', kind: 'fall', description: 'seen on the floor' };
      for (const value of WRONG) {
        for (const [path, body, member] of [
          ['/api/tasks', { ...MEAL, deadline: value }, 'deadline'],
          ['/api/tasks', { ...MEAL, earliestStart: value }, 'earliestStart'],
          ['/api/staff-tasks', { ...STAFF_TASK, earliestStart: value }, 'earliestStart'],
          ['/api/incidents', { ...INCIDENT, occurredAt: value }, 'occurredAt'],
        ] as const) {
          const refused = await api.request('POST', path, body, nurse);
          expect({ value, path, status: refused.status }).toEqual({ value, path, status: 400 });
          expect(messageOf(refused.body)).toContain(`${member} ${FORMAT}`);
        }
      }
      expect((await api.request('POST', '/api/tasks', { ...MEAL, deadline: '2099-03-01T10:00:00.5+01:00' }, nurse)).status).toBe(201);
    });
  });

  describe('lengths and empty filters', () => {
    const LONG = 'x'.repeat(65);
    const longer = 'must be shorter than or equal to 64 characters';

    it('refuses an id over 64 characters in queries and bodies, naming the field (they went through unbounded)', async () => {
      for (const path of [`/api/staff-queue?ward=${LONG}`, `/api/residents?ward=${LONG}`, `/api/residents?room=${LONG}`, `/api/care-plans?resident=${LONG}`, `/api/care-plans?ward=${LONG}`]) {
        const refused = await api.request('GET', path, undefined, nurse);
        expect({ path, status: refused.status }).toEqual({ path, status: 400 });
        expect(messageOf(refused.body)).toContain(longer);
      }
      const plan = { title: 'Plan', rrule: 'FREQ=DAILY;BYHOUR=8', startsOn: '2026-11-23', activity: { type: 'vitals', priority: 'routine', atNode: '@room', action: 'measureVitals' } };
      const manager = await signedIn(api, 'manager');
      for (const [method, path, body, member] of [
        ['POST', '/api/care-plans', { ...plan, residentId: LONG }, 'residentId'],
        ['POST', '/api/care-plans', { ...plan, wardId: LONG }, 'wardId'],
        ['POST', '/api/staff-tasks', { type: 'reposition', priority: 'routine', atNode: 'F1-R104', action: 'reposition', residentId: LONG }, 'residentId'],
        ['POST', '/api/patrols', { rooms: ['104', LONG] }, 'rooms'],
        ['PUT', '/api/staff/anyone/wards', { wardIds: ['F1', LONG] }, 'wardIds'],
      ] as const) {
        const refused = await api.request(method, path, body, manager);
        expect({ path, member, status: refused.status }).toEqual({ path, member, status: 400 });
        expect(messageOf(refused.body)).toContain(`${member}`);
        expect(messageOf(refused.body)).toContain(longer);
      }
    });

    it('refuses an empty filter on GET /api/tasks with 400 naming it (it matched nothing, silently)', async () => {
      for (const query of ['status=', 'ward=', 'ward=,', 'priority=', 'type=', 'robot=', 'resident=', 'carePlan=']) {
        const refused = await api.request('GET', `/api/tasks?${query}`, undefined, nurse);
        expect({ query, status: refused.status }).toEqual({ query, status: 400 });
        expect(messageOf(refused.body)).toContain(`${query.split('=')[0]} must not be empty`);
      }
      expect((await api.request('GET', '/api/tasks?status=ready,', undefined, nurse)).status).toBe(200);
    });
  });

  describe('bodies of a +json media type', () => {
    const post = (type: string, body: string) => fetch(`${api.baseUrl}/api/tasks`, { method: 'POST', headers: { 'content-type': type, ...nurse }, body });

    it('reads them as JSON (they came through empty: every field "missing"), under the same size limit', async () => {
      expect((await post('application/fhir+json', JSON.stringify(MEAL))).status).toBe(201);
      const wrong = await post('application/merge-patch+json; charset=utf-8', JSON.stringify({ ...MEAL, priority: 'soon' }));
      expect(wrong.status).toBe(400);
      const message = JSON.stringify(((await wrong.json()) as { message: unknown }).message);
      expect(message).toContain('priority must be one of');
      expect(message).not.toContain('type must be');
      const tooLarge = await post('application/fhir+json', JSON.stringify({ ...MEAL, note: 'x'.repeat(101 * 1024) }));
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    });
  });
});
