import type { Mission } from '@opiekun/application';
import { DomainError, DomainErrorCode, type Task, type TaskStatus } from '@opiekun/domain';
import type { DataSource } from 'typeorm';
import { TypeormTaskStore } from '../../apps/api/src/persistence/stores/typeorm-task.store';
import { T0, aFullTask, aTask, anEvent, created } from './persistence-fixtures';
import { SqliteTestDatabase } from './sqlite-test-database';

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('TypeormTaskStore on SQLite', () => {
  let db: SqliteTestDatabase;
  let dataSource: DataSource;
  let store: TypeormTaskStore;

  beforeEach(async () => {
    db = await SqliteTestDatabase.create();
    dataSource = await db.connect();
    store = new TypeormTaskStore(dataSource);
  });

  afterEach(async () => {
    await db.cleanup();
  });

  describe('insert and get', () => {
    it('round-trips a task with every optional field', async () => {
      const task = aFullTask('t-full');
      await store.insert(task, created(task));

      expect(await store.get('t-full')).toStrictEqual(task);
    });

    it('round-trips a task with no optional field, leaving them absent', async () => {
      const task = aTask({ id: 't-min' });
      await store.insert(task, created(task));

      expect(await store.get('t-min')).toStrictEqual(task);
    });

    it('returns undefined for an unknown id', async () => {
      expect(await store.get('nope')).toBeUndefined();
    });

    it('stores the creating event as the start of the history', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));

      expect(await store.history('t1')).toStrictEqual([created(task)]);
    });

    it('writes the task and its event in one transaction: nothing is kept when the event fails', async () => {
      const task = aTask({ id: 't1' });
      const orphanEvent = { ...created(task), taskId: 'no-such-task' }; // violates the foreign key

      await expect(store.insert(task, orphanEvent)).rejects.toThrow(/FOREIGN KEY/);
      expect(await store.get('t1')).toBeUndefined();
    });

    it('refuses a second task with the same id', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));

      await expect(store.insert(task, created(task))).rejects.toThrow(/UNIQUE/);
    });
  });

  describe('save', () => {
    it('updates the task and appends its events, in order', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));
      const ready: Task = { ...task, status: 'ready', updatedAt: T0 + 1000 };
      const accepted: Task = { ...ready, status: 'accepted', robotId: 'acme:r1', attempt: 1, updatedAt: T0 + 2000 };
      const toReady = anEvent(ready, { from: 'requested', to: 'ready' });
      const toAccepted = anEvent(accepted, { from: 'ready', to: 'accepted', robotId: 'acme:r1', detail: 'cost 12.5' });

      await store.save(ready, [toReady], task.updatedAt);
      await store.save(accepted, [toAccepted], ready.updatedAt);

      expect(await store.get('t1')).toStrictEqual(accepted);
      expect(await store.history('t1')).toStrictEqual([created(task), toReady, toAccepted]);
    });

    it('clears optional fields the new version no longer has', async () => {
      const task = aFullTask('t1');
      await store.insert(task, created(task));
      const { robotId: _r, startedAt: _s, finishedAt: _f, statusReason: _why, ...rest } = task;
      const requeued: Task = { ...rest, status: 'ready', updatedAt: task.updatedAt + 1 };

      await store.save(requeued, [], task.updatedAt);

      expect(await store.get('t1')).toStrictEqual(requeued);
    });

    it('keeps createdAt as first stored', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));

      await store.save({ ...task, createdAt: T0 + 5, updatedAt: T0 + 10 }, [], T0);

      expect((await store.get('t1'))?.createdAt).toBe(T0);
    });

    it('fails with TASK_TRANSITION_INVALID when the task changed since it was read, and changes nothing', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));
      const first: Task = { ...task, status: 'ready', updatedAt: T0 + 1000 };
      await store.save(first, [anEvent(first, { to: 'ready' })], T0);
      const stale: Task = { ...task, status: 'cancelled', updatedAt: T0 + 2000 };

      const error = await rejection(store.save(stale, [anEvent(stale, { to: 'cancelled' })], T0));

      expect(error.code).toBe(DomainErrorCode.TaskTransitionInvalid);
      expect(error.message).toBe('task t1 was changed concurrently');
      expect(await store.get('t1')).toStrictEqual(first);
      expect((await store.history('t1')).map((e) => e.to)).toEqual(['requested', 'ready']);
    });

    it('fails with TASK_NOT_FOUND for a task never inserted', async () => {
      const task = aTask({ id: 'ghost' });

      const error = await rejection(store.save(task, [], T0));

      expect(error.code).toBe(DomainErrorCode.TaskNotFound);
      expect(await store.history('ghost')).toEqual([]);
    });

    it('lets exactly one of two concurrent saves from the same version win, with only its events kept', async () => {
      const task = aTask({ id: 't1' });
      await store.insert(task, created(task));
      const asStaff: Task = { ...task, status: 'cancelled', updatedAt: T0 + 1 };
      const asDispatcher: Task = { ...task, status: 'ready', updatedAt: T0 + 2 };

      const outcomes = await Promise.allSettled([
        store.save(asStaff, [anEvent(asStaff, { to: 'cancelled', cause: { kind: 'staff', id: 'nurse-7' } })], T0),
        store.save(asDispatcher, [anEvent(asDispatcher, { to: 'ready' })], T0),
      ]);

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
      expect(await store.get('t1')).toStrictEqual(asStaff);
      expect((await store.history('t1')).map((e) => e.to)).toEqual(['requested', 'cancelled']);
    });

    it('keeps each of many interleaved saves on different tasks whole', async () => {
      const tasks = Array.from({ length: 20 }, (_, i) => aTask({ id: `t${String(i).padStart(2, '0')}` }));
      await Promise.all(tasks.map((t) => store.insert(t, created(t))));

      // every odd save is stale and must roll back alone, without taking an even one with it
      await Promise.allSettled(
        tasks.map((t, i) => {
          const next: Task = { ...t, status: 'ready', updatedAt: T0 + 1 };
          return store.save(next, [anEvent(next, { to: 'ready' })], i % 2 === 0 ? T0 : T0 - 1);
        }),
      );

      const histories = await Promise.all(tasks.map((t) => store.history(t.id)));
      expect(histories.map((h) => h.length)).toEqual(tasks.map((_, i) => (i % 2 === 0 ? 2 : 1)));
      const statuses = await Promise.all(tasks.map(async (t) => (await store.get(t.id))?.status));
      expect(statuses).toEqual(tasks.map((_, i) => (i % 2 === 0 ? 'ready' : 'requested')));
    });
  });

  describe('query', () => {
    const seeded: Task[] = [
      aTask({ id: 'a', createdAt: T0 + 0, status: 'requested', priority: 'routine', type: 'deliver' }),
      aTask({ id: 'b', createdAt: T0 + 10, status: 'ready', priority: 'urgent', type: 'deliver' }),
      aTask({
        id: 'c',
        createdAt: T0 + 20,
        status: 'in-progress',
        priority: 'stat',
        type: 'fetch',
        robotId: 'acme:r1',
      }),
      aTask({
        id: 'd',
        createdAt: T0 + 20,
        status: 'completed',
        priority: 'routine',
        type: 'fetch',
        robotId: 'acme:r1',
      }),
      aTask({ id: 'e', createdAt: T0 + 30, status: 'failed', priority: 'asap', type: 'visit', robotId: 'acme:r2' }),
      aTask({ id: 'f', createdAt: T0 + 40, status: 'on-hold', priority: 'urgent', type: 'visit', robotId: 'acme:r2' }),
    ];

    beforeEach(async () => {
      for (const task of seeded) await store.insert({ ...task, updatedAt: task.createdAt }, created(task));
    });

    const ids = async (query: Partial<Parameters<TypeormTaskStore['query']>[0]>) =>
      (await store.query({ limit: 100, offset: 0, ...query })).items.map((t) => t.id);

    it('returns everything newest first, ties broken by id', async () => {
      expect(await ids({})).toEqual(['f', 'e', 'c', 'd', 'b', 'a']);
    });

    it('filters by any of the given statuses', async () => {
      expect(await ids({ status: ['ready', 'completed'] })).toEqual(['d', 'b']);
    });

    it('matches nothing for an empty status list', async () => {
      expect(await store.query({ status: [], limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
    });

    it('filters by robot', async () => {
      expect(await ids({ robotId: 'acme:r1' })).toEqual(['c', 'd']);
    });

    it('filters by any of the given priorities and types', async () => {
      expect(await ids({ priority: ['urgent', 'stat'] })).toEqual(['f', 'c', 'b']);
      expect(await ids({ type: ['fetch', 'visit'] })).toEqual(['f', 'e', 'c', 'd']);
    });

    it('filters createdAt from inclusive to exclusive', async () => {
      expect(await ids({ createdFrom: T0 + 20 })).toEqual(['f', 'e', 'c', 'd']);
      expect(await ids({ createdTo: T0 + 20 })).toEqual(['b', 'a']);
      expect(await ids({ createdFrom: T0 + 10, createdTo: T0 + 30 })).toEqual(['c', 'd', 'b']);
    });

    it('combines filters with AND', async () => {
      expect(await ids({ type: ['visit'], status: ['on-hold', 'requested'], createdFrom: T0 })).toEqual(['f']);
    });

    it('pages with limit and offset, reporting the total of all matches', async () => {
      const page1 = await store.query({ limit: 2, offset: 0 });
      const page2 = await store.query({ limit: 2, offset: 2 });
      const page4 = await store.query({ limit: 2, offset: 6 });

      expect(page1.items.map((t) => t.id)).toEqual(['f', 'e']);
      expect(page2.items.map((t) => t.id)).toEqual(['c', 'd']);
      expect(page4.items).toEqual([]);
      expect([page1.total, page2.total, page4.total]).toEqual([6, 6, 6]);
    });

    it('counts the filtered set, not the table', async () => {
      const page = await store.query({ robotId: 'acme:r2', limit: 1, offset: 0 });
      expect(page).toEqual({ items: [expect.objectContaining({ id: 'f' })], total: 2 });
    });

    it('returns only the total for a limit of 0', async () => {
      expect(await store.query({ limit: 0, offset: 0 })).toEqual({ items: [], total: 6 });
    });

    it('lists active tasks, oldest first, leaving out completed, failed and cancelled', async () => {
      const cancelled = seeded[1]!;
      await store.save({ ...cancelled, status: 'cancelled', updatedAt: T0 + 99 }, [], cancelled.createdAt);

      const active = await store.active();

      expect(active.map((t) => t.id)).toEqual(['a', 'c', 'f']);
      const terminal: TaskStatus[] = ['completed', 'failed', 'cancelled'];
      expect(active.every((t) => !terminal.includes(t.status))).toBe(true);
    });
  });

  describe('the outbox', () => {
    const missionOf = (taskId: string, id: string, from: string): Mission => ({
      id,
      robotId: 'acme:r1',
      taskId,
      nodes: [from, 'K'].map((nodeId) => ({ nodeId, floor: 'F0', x: 0, y: 0, actions: [] })),
    });

    async function assigned(taskId: string, mission: Mission): Promise<Task> {
      const task = aTask({ id: taskId });
      await store.insert(task, created(task));
      const accepted: Task = { ...task, status: 'accepted', robotId: 'acme:r1', attempt: 1, updatedAt: T0 + 1000 };
      await store.save(accepted, [anEvent(accepted, { from: 'ready', to: 'accepted' })], task.updatedAt, mission);
      return accepted;
    }

    it('keeps the mission decided with the assignment, and a rebuilt copy of the same order in its place, across a restart', async () => {
      const first = missionOf('t1', 't1:1', 'A');
      await assigned('t1', first);
      expect(await store.forTask('t1')).toStrictEqual(first);
      const rebuilt = missionOf('t1', 't1:1', 'B');
      await store.replace(rebuilt);
      await db.disconnect(dataSource);
      const reopened = new TypeormTaskStore(await db.connect());
      expect(await reopened.forTask('t1')).toStrictEqual(rebuilt);
      expect(await reopened.current()).toStrictEqual([rebuilt]);
    });

    it('stores a task made already assigned with its mission in one transaction: both, or neither when a write fails', async () => {
      const task = aTask({ id: 'r1' });
      const accepted: Task = { ...task, status: 'accepted', robotId: 'acme:r1', attempt: 1 };
      const mission = missionOf('r1', 'r1:1', 'A');
      await store.insert(accepted, [created(task), anEvent(accepted, { from: 'ready', to: 'accepted' })], undefined, mission);
      expect(await store.get('r1')).toStrictEqual(accepted);
      expect(await store.current()).toStrictEqual([mission]);
      // the second one's event names no task: the insert fails whole, and no mission is kept for it
      const other = { ...accepted, id: 'r2' };
      await expect(store.insert(other, [{ ...created(task), taskId: 'no-such-task' }], undefined, missionOf('r2', 'r2:1', 'A'))).rejects.toThrow(/FOREIGN KEY/);
      expect(await store.get('r2')).toBeUndefined();
      expect(await store.current()).toStrictEqual([mission]);
    });

    it('writes no rebuilt copy over another order of the task, nor for a task with no row', async () => {
      const second = missionOf('t1', 't1:2', 'A');
      await assigned('t1', second);
      await store.replace(missionOf('t1', 't1:1', 'B'));
      await store.replace(missionOf('t9', 't9:1', 'B'));
      expect(await store.current()).toStrictEqual([second]);
    });
  });

  it('keeps tasks and history across a restart', async () => {
    const task = aFullTask('t1');
    await store.insert(task, created(task));
    const done: Task = { ...task, status: 'completed', updatedAt: task.updatedAt + 1 };
    await store.save(done, [anEvent(done, { from: 'in-progress', to: 'completed' })], task.updatedAt);
    await db.disconnect(dataSource);

    const reopened = new TypeormTaskStore(await db.connect());

    expect(await reopened.get('t1')).toStrictEqual(done);
    expect((await reopened.history('t1')).map((e) => e.to)).toEqual(['in-progress', 'completed']);
  });
});
