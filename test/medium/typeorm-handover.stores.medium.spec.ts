import type { HandoverReport, Incident } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { TypeormHandoverStore, TypeormIncidentStore } from '../../apps/api/src/persistence/stores/typeorm-handover.stores';
import { T0 } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

const HOUR = 3_600_000;

const draft = (id: string, overrides: Partial<HandoverReport> = {}): HandoverReport => ({
  id,
  wardId: 'F1',
  shiftStart: T0,
  shiftEnd: T0 + 8 * HOUR,
  generatedAt: T0 + 7 * HOUR,
  content: {
    openTasks: [{ id: 't1', type: 'meal', status: 'ready', priority: 'routine', performer: 'robot', residentId: 'r1', roomNode: 'F1-R101', deadline: T0 + 9 * HOUR }],
    escalations: [{ taskId: 't2', type: 'linen', reason: 'no-capable-robot', at: T0 + HOUR }],
    alerts: [{ id: 'a1', kind: 'patrol-finding', severity: 'stat', at: T0 + 2 * HOUR, message: 'room 104', roomId: '104', acknowledged: false }],
    residentsWithIncidents: [{ residentId: 'r1', incidents: [{ id: 'i1', kind: 'fall', occurredAt: T0 + 3 * HOUR }] }],
  },
  ...overrides,
});

const incident = (id: string, overrides: Partial<Incident> = {}): Incident => ({
  id,
  residentId: 'r1',
  wardId: 'F1',
  kind: 'fall',
  occurredAt: T0,
  description: 'found on the floor by the bed',
  reportedBy: 'ewa',
  createdAt: T0 + 60_000,
  ...overrides,
});

describe('handover and incident stores on SQLite', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
  });

  afterEach(async () => {
    await db.cleanup();
  });

  describe('TypeormHandoverStore', () => {
    it('keeps one report per ward and shift: a draft is refreshed in place, a signed one stays as it is', async () => {
      const store = new TypeormHandoverStore(dataSource);
      const first = await store.upsertDraft(draft('h1'));
      expect(first).toStrictEqual(draft('h1'));

      const refreshed = await store.upsertDraft(draft('h2', { generatedAt: T0 + 7.5 * HOUR }));
      expect(refreshed.id).toBe('h1');
      expect(await store.get('h1')).toStrictEqual(draft('h1', { generatedAt: T0 + 7.5 * HOUR }));
      expect(await store.get('h2')).toBeUndefined();

      const signed: HandoverReport = { ...refreshed, outgoing: { staffId: 'ewa', displayName: 'Ewa', at: T0 + 8 * HOUR }, note: 'bed 3 restless' };
      await store.saveSigned(signed, refreshed);
      expect(await store.upsertDraft(draft('h3', { generatedAt: T0 + 9 * HOUR }))).toStrictEqual(signed);
      expect(await store.get('h1')).toStrictEqual(signed);

      const other = await store.upsertDraft(draft('h4', { wardId: 'F2' }));
      expect(other.id).toBe('h4');
    });

    it('refuses a signature made on a stale read (someone signed meanwhile)', async () => {
      const store = new TypeormHandoverStore(dataSource);
      const report = await store.upsertDraft(draft('h1'));
      await store.saveSigned({ ...report, outgoing: { staffId: 'ewa', displayName: 'Ewa', at: T0 } }, report);
      await expect(store.saveSigned({ ...report, outgoing: { staffId: 'jan', displayName: 'Jan', at: T0 } }, report)).rejects.toMatchObject({ code: 'CARE_CONFLICT' });
      expect((await store.get('h1'))?.outgoing?.staffId).toBe('ewa');
    });

    it('lists the newest shift first, for one ward or all', async () => {
      const store = new TypeormHandoverStore(dataSource);
      await store.upsertDraft(draft('old'));
      await store.upsertDraft(draft('new', { shiftStart: T0 + 8 * HOUR, shiftEnd: T0 + 16 * HOUR }));
      await store.upsertDraft(draft('f2', { wardId: 'F2' }));
      expect((await store.list('F1', 10)).map((r) => r.id)).toEqual(['new', 'old']);
      expect((await store.list(undefined, 3)).map((r) => r.id)).toEqual(['new', 'old', 'f2']);
      expect(await store.list(undefined, 1)).toHaveLength(1);
    });
  });

  describe('TypeormIncidentStore', () => {
    it('stores incidents and lists them newest first, by ward, resident and time', async () => {
      const store = new TypeormIncidentStore(dataSource);
      await store.insert(incident('i1'));
      await store.insert(incident('i2', { occurredAt: T0 + HOUR, residentId: 'r2' }));
      await store.insert(incident('i3', { wardId: 'F2', residentId: 'r3' }));

      expect(await store.get('i2')).toStrictEqual(incident('i2', { occurredAt: T0 + HOUR, residentId: 'r2' }));
      expect(await store.get('nope')).toBeUndefined();
      expect((await store.list({ wardId: 'F1', limit: 10 })).map((i) => i.id)).toEqual(['i2', 'i1']);
      expect((await store.list({ residentId: 'r1', limit: 10 })).map((i) => i.id)).toEqual(['i1']);
      expect((await store.list({ since: T0 + 1, limit: 10 })).map((i) => i.id)).toEqual(['i2']);
    });

    it('stores one incident per request key and answers the first one, with its request fingerprint, to a retry', async () => {
      const store = new TypeormIncidentStore(dataSource);
      expect(await store.insert(incident('i1'), { key: 'key-1', fingerprint: 'f1' })).toStrictEqual({ incident: incident('i1'), fingerprint: 'f1' });
      expect(await store.insert(incident('i2'), { key: 'key-1', fingerprint: 'f2' })).toStrictEqual({ incident: incident('i1'), fingerprint: 'f1' });
      expect(await store.insert(incident('i3'), { key: 'key-2', fingerprint: 'f3' })).toStrictEqual({ incident: incident('i3'), fingerprint: 'f3' });
      expect((await store.list({ limit: 10 })).map((i) => i.id).sort()).toEqual(['i1', 'i3']);
      await expect(dataSource.query(`INSERT INTO incident (id, resident_id, ward_id, kind, occurred_at, description, reported_by, created_at, request_key) VALUES ('x', 'r', 'F1', 'fall', 0, 'd', 's', 0, 'key-1')`)).rejects.toThrow(/UNIQUE/);
    });
  });
});
