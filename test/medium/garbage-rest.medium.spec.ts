import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ApiInProcess } from './support/api-in-process';
import { signedIn } from './support/signed-in';

/**
 * Issue 6, "Garbage in" (REST): property-based tests over the DTOs of the real Nest app in process (its HTTP limits,
 * ValidationPipe, SQLite file). Random bodies to POST /api/tasks and POST /api/robots — random bytes, random JSON,
 * wrong types, unknown fields, deep nesting, bodies over the size limit — each get a 4xx with a message (400 unless
 * too large: 413), nothing is written, and the process keeps serving.
 */
const MEAL = { type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F1-R104' };
const VISIT = { type: 'vitals', priority: 'urgent', atNode: 'F1-R104', action: 'pick' };
const ROBOT = { manufacturer: 'Rest', serialNumber: 'RF-1', actions: ['pick', 'drop'] };
const BODY_LIMIT_KB = 8;
const RUNS = 60;
// A fixed seed keeps the run deterministic; FC_SEED=… explores others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 6_2026) });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

describe('garbage on the REST DTOs (medium, property-based: in-process Nest app over HTTP, SQLite)', () => {
  jest.setTimeout(60_000);
  let api: ApiInProcess;
  let db: DataSource;
  let baseline: string;
  /** A nurse's sign-in: registering a robot needs one. */
  let nurse: Record<string, string>;

  const tables = async () =>
    JSON.stringify(await Promise.all(['task', 'task_event', 'task_request', 'robot', 'outbox', 'alert'].map((t) => db.query(`SELECT * FROM ${t} ORDER BY rowid`))));

  /** Sends a raw body and expects a refusal with a message. */
  const refused = async (path: string, body: string | Buffer, allowed = [400]) => {
    const response = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...nurse }, body });
    const text = await response.text();
    expect(allowed).toContain(response.status);
    const parsed = JSON.parse(text) as { message?: unknown };
    const message = Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message;
    expect(typeof message).toBe('string');
    expect((message as string).length).toBeGreaterThan(0);
    return message as string;
  };

  beforeAll(async () => {
    api = await ApiInProcess.start({ HTTP_BODY_LIMIT_KB: String(BODY_LIMIT_KB) });
    db = api.app.get(DataSource);
    nurse = await signedIn(api);
    expect((await api.request('POST', '/api/robots', ROBOT, nurse)).status).toBe(201);
    // The valid bodies the generators break are valid: the harness can tell a refusal from an acceptance.
    expect((await api.request('POST', '/api/tasks', MEAL)).status).toBe(201);
    expect((await api.request('POST', '/api/tasks', VISIT)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    baseline = await tables();
  });

  afterAll(async () => {
    await api?.close();
  });

  afterEach(async () => {
    expect(await tables()).toBe(baseline);
    expect((await api.request('GET', '/health')).status).toBeLessThan(600);
    expect((await api.request('GET', '/api/tasks?limit=1')).status).toBe(200);
  });

  it('refuses to register a robot that is registered, naming it, and changes nothing', async () => {
    const again = await api.request('POST', '/api/robots', { ...ROBOT, name: 'Hijacked', actions: ['flyToMoon'], speed: 10 }, nurse);
    expect(again).toMatchObject({ status: 409, body: { message: 'robot Rest:RF-1 is already registered' } });
    expect((await api.request('GET', '/api/robots/Rest:RF-1')).body).toMatchObject({ name: 'RF-1', actions: ['pick', 'drop'], speed: 1 });
  });

  it('refuses random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1_024 }), async (bytes) => {
        // 415 when the bytes happen to start like a byte-order mark of another charset.
        await refused('/api/tasks', Buffer.from(bytes), [400, 415]);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses random JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await refused('/api/tasks', JSON.stringify(value));
        await refused('/api/robots', JSON.stringify(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a valid body with one field of the wrong type', async () => {
    const cases = fc
      .tuple(fc.constantFrom<[string, Record<string, Json>]>(['/api/tasks', MEAL], ['/api/tasks', VISIT], ['/api/robots', ROBOT as unknown as Record<string, Json>]), fc.jsonValue({ maxDepth: 2 }))
      .chain(([[path, body], value]) => fc.constantFrom(...Object.keys(body)).map((key) => ({ path, body, key, value })))
      .filter(({ body, key, value }) => kind(value) !== kind(body[key]));
    await fc.assert(
      fc.asyncProperty(cases, async ({ path, body, key, value }) => {
        await refused(path, JSON.stringify({ ...body, [key]: value }));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a valid body with unknown fields, naming them', async () => {
    const known = new Set([...Object.keys(MEAL), 'pickAction', 'dropAction', 'atNode', 'action', 'requires', 'earliestStart', 'deadline', 'note', 'serviceS', 'idempotencyKey']);
    const extra = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 16 }).filter((k) => !known.has(k) && !['name', 'model', 'speed', 'manufacturer', 'serialNumber', 'actions'].includes(k)),
      fc.jsonValue({ maxDepth: 2 }),
      { minKeys: 1, maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<[string, object]>(['/api/tasks', MEAL], ['/api/tasks', VISIT], ['/api/robots', { ...ROBOT, serialNumber: 'RF-2' }]), extra, async ([path, body], more) => {
        // Written as text: a key such as __proto__ must travel as an ordinary member.
        const text = JSON.stringify(body).replace(/}$/, () => `,${JSON.stringify(more).slice(1)}`);
        expect(await refused(path, text)).toMatch(/should not exist/);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses members that would reach a prototype (__proto__, constructor, prototype), at any depth', async () => {
    const cases = fc.record({
      key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
      path: fc.constantFrom<[string, object]>(['/api/tasks', MEAL], ['/api/tasks', VISIT], ['/api/robots', { ...ROBOT, serialNumber: 'RF-3' }]),
      value: fc.jsonValue({ maxDepth: 2 }),
      nestedIn: fc.constantFrom(undefined, 'requires', 'actions'),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ key, path: [path, body], value, nestedIn }) => {
        const member = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
        const text = nestedIn ? JSON.stringify({ ...body, [nestedIn]: '<x>' }).replace('"<x>"', () => `[{${member}}]`) : JSON.stringify(body).replace(/}$/, () => `,${member}}`);
        expect(await refused(path, text)).toMatch(nestedIn ? /./ : /should not exist/);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses deep nesting before validating it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 33, max: 3_000 }), fc.boolean(), fc.constantFrom('type', 'from', 'note', 'requires'), async (depth, asArray, key) => {
        const deep = asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const text = JSON.stringify({ ...MEAL, [key]: '<deep>' }).replace('"<deep>"', () => deep);
        // Deeper than the limit: 400; a body that is also larger than the size limit: 413 first.
        await refused('/api/tasks', text, [400, 413]);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses bodies over the size limit with 413', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: BODY_LIMIT_KB * 1024 + 1, max: BODY_LIMIT_KB * 1024 * 20 }), async (size) => {
        const text = JSON.stringify({ ...MEAL, note: '' }).replace('"note":""', () => `"note":"${'n'.repeat(size)}"`);
        await refused('/api/tasks', text, [413]);
      }),
      { numRuns: 15 },
    );
  });

  it('never answers a random query or id with a server error (GET /api/tasks, GET /api/tasks/:id, POST /api/tasks/:id/cancel)', async () => {
    const keys = fc.constantFrom('status', 'priority', 'type', 'robot', 'from', 'to', 'ward', 'resident', 'carePlan', 'performer', 'limit', 'offset', 'sort', 'x');
    const values = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('1e20', '-1', '9007199254740993', '1.5', 'NaN', 'Infinity', '0x10', '', ' ', 'ready,,completed', '2026-13-45T99:00:00Z', '%00', '[]', '{}'),
      fc.double().map(String),
    );
    const query = fc.array(fc.tuple(keys, values), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(query, fc.string({ minLength: 1, maxLength: 40 }), async (pairs, id) => {
        const search = new URLSearchParams(pairs).toString();
        const list = await fetch(`${api.baseUrl}/api/tasks?${search}`);
        expect(list.status).toBeLessThan(500);
        const one = await fetch(`${api.baseUrl}/api/tasks/${encodeURIComponent(id)}`);
        expect(one.status).toBeLessThan(500);
        const cancel = await fetch(`${api.baseUrl}/api/tasks/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
        expect(cancel.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses random bytes under any content type (form, text, another charset, none) with a 4xx, never a 5xx', async () => {
    const types = fc.oneof(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/xml'),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(types, fc.uint8Array({ maxLength: 512 }), async (type, bytes) => {
        const headers = type === '' ? undefined : { 'content-type': type };
        const response = await fetch(`${api.baseUrl}/api/tasks`, { method: 'POST', headers, body: Buffer.from(bytes) }).catch(() => undefined);
        // A content type Node cannot even send is the client's problem, not a request the api saw.
        if (response === undefined) return;
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});
