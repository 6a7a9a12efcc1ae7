import { AlertStore, HandoverService, IncidentStore, PasswordHasher, StaffUserStore, TaskStore } from '@opiekun/application';
import { DataSource } from 'typeorm';
import { requestFingerprint } from '../../apps/api/src/http/idempotency-key.decorator';
import { ApiInProcess } from './support/api-in-process';

/**
 * Shift handover and incident reports through the REST api: real SQLite, validation, staff sign-in and roles. A
 * ward and a resident are made over REST first; a second nurse account signs as the incoming nurse.
 */
describe('shift handover and incidents (medium: api in process)', () => {
  jest.setTimeout(20_000);
  let api: ApiInProcess;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  let residentId: string;

  beforeAll(async () => {
    api = await ApiInProcess.start();
    const hasher = api.app.get(PasswordHasher);
    await api.app.get(StaffUserStore).insert({ id: 'nurse-2', username: 'druga', displayName: 'Druga P.', role: 'nurse', passwordHash: await hasher.hash('opiekun-nurse-2'), createdAt: Date.now() });
    for (const [who, password] of [['pielegniarka', 'opiekun-nurse'], ['opiekunka', 'opiekun-carer'], ['druga', 'opiekun-nurse-2']]) {
      const signedIn = await api.request('POST', '/api/auth/sign-in', { username: who, password });
      expect(signedIn.status).toBe(200);
      tokens[who] = signedIn.body.token as string;
    }
    expect((await api.request('PUT', '/api/wards/F1', { name: 'Oddział 1', rooms: ['101', '102'], stationNode: 'F1-nurse' }, as('pielegniarka'))).status).toBe(200);
    const admitted = await api.request('POST', '/api/residents', { displayName: 'Helena B.', roomId: '101', bed: 1, careLevel: 'assisted', flags: ['fall-risk'] }, as('pielegniarka'));
    expect(admitted.status).toBe(201);
    residentId = admitted.body.id as string;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses a bad incident report with 400 naming the field, an unknown resident with 404, and anyone signed out with 401', async () => {
    const bad = await api.request('POST', '/api/incidents', { residentId, kind: 'bruise', description: '' }, as('opiekunka'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/kind must be one of the following values: fall, near-fall, injury, wandering, other/);
    expect(JSON.stringify(bad.body.message)).toMatch(/description must be longer than or equal to 1 characters/);
    const future = await api.request('POST', '/api/incidents', { residentId, kind: 'fall', description: 'x', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, as('opiekunka'));
    expect(future.status).toBe(422);
    expect(future.body.message).toMatch(/occurredAt: must not be in the future/);
    expect((await api.request('POST', '/api/incidents', { residentId: 'nobody', kind: 'fall', description: 'x' }, as('opiekunka'))).status).toBe(404);
    expect((await api.request('POST', '/api/incidents', { residentId, kind: 'fall', description: 'x' })).status).toBe(401);
    expect((await api.request('POST', '/api/incidents', { residentId, kind: 'fall', description: 'x' }, { ...as('opiekunka'), 'idempotency-key': 'bad key' })).status).toBe(400);
  });

  it('reports a fall once per key, with a staff check at the room in every shift for 72 hours, and hands it over at the shift change', async () => {
    const body = { residentId, kind: 'fall', description: 'Found on the floor by the bed, helped up', occurredAt: new Date(Date.now() - 600_000).toISOString() };
    const first = await api.request('POST', '/api/incidents', body, { ...as('opiekunka'), 'idempotency-key': 'fall-101-1' });
    expect(first.status).toBe(201);
    const incidentId = first.body.id as string;
    expect(first.body).toMatchObject({ residentId, wardId: 'F1', kind: 'fall', reportedBy: expect.any(String) });
    const checks = first.body.followUps as { id: string; type: string; performer: string; wardId: string; atNode: string; earliestStart: string; deadline: string }[];
    expect(checks.length).toBeGreaterThanOrEqual(9); // 3 shifts a day for 3 days, and the one where the 72 h end
    expect(checks.length).toBeLessThanOrEqual(10);
    expect(checks.map((c) => c.id)).toEqual(checks.map((_, i) => `${incidentId}~check-${i + 1}`));
    expect(checks.every((c) => c.type === 'incident-check' && c.performer === 'staff' && c.wardId === 'F1' && c.atNode === 'F1-R101')).toBe(true);
    expect(checks.every((c, i) => i === 0 || c.earliestStart === checks[i - 1]!.deadline)).toBe(true);

    const again = await api.request('POST', '/api/incidents', body, { ...as('opiekunka'), 'idempotency-key': 'fall-101-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(incidentId);
    expect((again.body.followUps as { id: string }[]).map((c) => c.id)).toEqual(checks.map((c) => c.id));
    const queue = await api.request('GET', '/api/staff-queue?ward=F1', undefined, as('opiekunka'));
    expect((queue.body as unknown as { type: string }[]).filter((t) => t.type === 'incident-check')).toHaveLength(checks.length);
    const listed = await api.request('GET', `/api/incidents?ward=F1`, undefined, as('opiekunka'));
    expect((listed.body as unknown as { id: string }[]).map((i) => i.id)).toEqual([incidentId]);
    expect((await api.request('GET', `/api/incidents/${incidentId}`, undefined, as('opiekunka'))).body.followUps).toHaveLength(checks.length);
    expect((await api.request('GET', '/api/incidents/nope', undefined, as('opiekunka'))).status).toBe(404);

    // an alert of the shift about one of the checks and a robot: the report keeps both, so it reads in Polish
    await api.app.get(AlertStore).insertIfNew({ id: 'overdue-check-1', at: Date.now() - 60_000, kind: 'task-overdue', severity: 'warning', taskId: checks[0]!.id, robotId: 'Sim:R9', wardId: 'F1', message: `Task ${checks[0]!.id} is overdue` });

    // The outgoing nurse's report: a carer may not generate it; an unknown ward is 404.
    expect((await api.request('POST', '/api/handovers', { wardId: 'F1' }, as('opiekunka'))).status).toBe(403);
    expect((await api.request('POST', '/api/handovers', { wardId: 'F9' }, as('pielegniarka'))).status).toBe(404);
    expect((await api.request('POST', '/api/handovers', {}, as('pielegniarka'))).status).toBe(400);
    const draft = await api.request('POST', '/api/handovers', { wardId: 'F1' }, as('pielegniarka'));
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    expect(draft.body).toMatchObject({ wardId: 'F1', status: 'draft', residentsWithIncidents: [{ residentId, incidents: [{ id: incidentId, kind: 'fall' }] }] });
    expect(draft.body.alerts).toEqual([
      expect.objectContaining({ id: 'overdue-check-1', kind: 'task-overdue', robotId: 'Sim:R9', task: { id: checks[0]!.id, type: 'incident-check', placeNode: 'F1-R101' }, acknowledged: false }),
    ]);
    expect(Date.parse(draft.body.shiftEnd as string) - Date.parse(draft.body.shiftStart as string)).toBeGreaterThanOrEqual(7 * 3_600_000);
    // open tasks the incoming shift will meet — checks that may start before it ends — soonest first; the later ones
    // of the 72 h are not handed over yet
    const [start, end] = [Date.parse(draft.body.shiftStart as string), Date.parse(draft.body.shiftEnd as string)];
    const due = checks.filter((c) => c.earliestStart === undefined || Date.parse(c.earliestStart as string) < end + (end - start));
    expect((draft.body.openTasks as { id: string }[]).map((t) => t.id)).toEqual(due.map((c) => c.id));
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(checks.length);

    // Signed by the outgoing nurse, then by another, incoming nurse; kept as it is after.
    const sign = (who: string, body: Record<string, unknown>) => api.request('POST', `/api/handovers/${id}/sign`, body, as(who));
    expect((await sign('pielegniarka', { as: 'sideways' })).status).toBe(400);
    expect((await sign('pielegniarka', { as: 'incoming' })).status).toBe(409);
    expect((await sign('opiekunka', { as: 'outgoing' })).status).toBe(403);
    const out = await sign('pielegniarka', { as: 'outgoing', note: 'Pani Helena niespokojna w nocy' });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'signed-out', note: 'Pani Helena niespokojna w nocy', outgoing: { displayName: expect.any(String) } });
    expect((await sign('pielegniarka', { as: 'incoming' })).status).toBe(409);
    const done = await sign('druga', { as: 'incoming' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'complete', incoming: { staffId: 'nurse-2', displayName: 'Druga P.' } });

    const regenerated = await api.request('POST', '/api/handovers', { wardId: 'F1' }, as('pielegniarka'));
    expect(regenerated.body).toMatchObject({ id, status: 'complete' });
    const kept = await api.request('GET', '/api/handovers?ward=F1', undefined, as('opiekunka'));
    expect((kept.body as unknown as { id: string; status: string }[]).map((r) => [r.id, r.status])).toEqual([[id, 'complete']]);
    expect((await api.request('GET', `/api/handovers/${id}`, undefined, as('opiekunka'))).body).toStrictEqual(done.body);
    expect((await api.request('GET', '/api/handovers/nope', undefined, as('opiekunka'))).status).toBe(404);
    expect((await api.request('GET', '/api/handovers?limit=0', undefined, as('opiekunka'))).status).toBe(400);
  });

  it('refuses a key used again for another report (422, nothing recorded), and replays a key stored before fingerprints were kept', async () => {
    const fall = { residentId, kind: 'fall', description: 'Found by the window' };
    const first = await api.request('POST', '/api/incidents', fall, { ...as('opiekunka'), 'idempotency-key': 'inc-1' });
    expect(first.status).toBe(201);
    const count = async () => ((await api.request('GET', '/api/incidents', undefined, as('opiekunka'))).body as unknown as unknown[]).length;
    const before = await count();
    const other = await api.request('POST', '/api/incidents', { residentId, kind: 'near-fall', description: 'Slipped in the bathroom' }, { ...as('opiekunka'), 'idempotency-key': 'inc-1' });
    expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'Idempotency-Key inc-1 was used with a different request' } });
    expect(await count()).toBe(before);

    await api.app.get(DataSource).query(`UPDATE incident SET request_fingerprint = NULL WHERE request_key = 'inc-1'`);
    const legacy = await api.request('POST', '/api/incidents', { residentId, kind: 'near-fall', description: 'Slipped in the bathroom' }, { ...as('opiekunka'), 'idempotency-key': 'inc-1' });
    expect([legacy.status, legacy.body.id]).toEqual([201, first.body.id]);
  });

  it('leaves a medication task of the staff queue to a nurse: a carer gets 403 on Take and Done, and nothing changes', async () => {
    const dose = await api.request('POST', '/api/staff-tasks', { type: 'medication', priority: 'urgent', atNode: 'F1-R101', action: 'giveMedication' }, as('pielegniarka'));
    expect(dose.status).toBe(201);
    const id = dose.body.id as string;
    for (const step of ['claim', 'complete']) {
      const refused = await api.request('POST', `/api/tasks/${id}/${step}`, {}, as('opiekunka'));
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/only a nurse/);
    }
    expect((await api.request('GET', `/api/tasks/${id}`, undefined, as('opiekunka'))).body.status).toBe('ready');
    expect((await api.request('POST', `/api/tasks/${id}/complete`, {}, as('pielegniarka'))).body.status).toBe('completed');
  });

  it('makes up the checks a crash left out when the same report is sent again, and never one twice', async () => {
    // As if the api stopped right after storing the incident: no check was made yet.
    const now = Date.now();
    const body = { residentId, kind: 'near-fall', description: 'slipped, caught by a carer' };
    await api.app.get(IncidentStore).insert(
      { id: 'crashed', residentId, wardId: 'F1', kind: 'near-fall', occurredAt: now - 60_000, description: 'slipped, caught by a carer', reportedBy: 'u', createdAt: now - 30_000 },
      { key: 'retry-after-crash', fingerprint: requestFingerprint('POST', '/api/incidents', body) },
    );
    expect(await api.app.get(TaskStore).get('crashed~check-1')).toBeUndefined();
    const retried = await api.request('POST', '/api/incidents', body, { ...as('opiekunka'), 'idempotency-key': 'retry-after-crash' });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe('crashed');
    const made = (retried.body.followUps as { id: string }[]).map((c) => c.id);
    expect(made.length).toBeGreaterThanOrEqual(9);
    const again = await api.request('POST', '/api/incidents', body, { ...as('opiekunka'), 'idempotency-key': 'retry-after-crash' });
    expect((again.body.followUps as { id: string }[]).map((c) => c.id)).toEqual(made);
    const page = await api.app.get(TaskStore).query({ wardId: ['F1'], limit: 500, offset: 0 });
    expect(page.items.filter((t) => t.id.startsWith('crashed~'))).toHaveLength(made.length);
  });

  it('prepares the draft of every ward without one before the shift changes, and leaves a kept report alone', async () => {
    expect((await api.request('PUT', '/api/wards/F2', { name: 'Oddział 2', rooms: ['201'], stationNode: 'F2-nurse' }, as('pielegniarka'))).status).toBe(200);
    const service = api.app.get(HandoverService);
    expect(await service.prepareDue(0)).toEqual([]); // not yet: the shift does not end now
    const made = await service.prepareDue(24 * 3_600_000);
    expect(made.map((r) => [r.wardId, r.outgoing])).toEqual([['F2', undefined]]); // F1's signed report stays
    expect(await service.prepareDue(24 * 3_600_000)).toEqual([]);
    const f2 = await api.request('GET', '/api/handovers?ward=F2', undefined, as('opiekunka'));
    expect((f2.body as unknown as { id: string; status: string }[]).map((r) => [r.id, r.status])).toEqual([[made[0]!.id, 'draft']]);
  });
});
