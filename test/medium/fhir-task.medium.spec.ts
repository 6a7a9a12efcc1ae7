import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FleetService, StaffAuthService, TaskService } from '@opiekun/application';
import { loadFacility } from '@opiekun/domain';
import { AppModule } from '../../apps/api/src/app.module';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { FhirSchemaValidator } from '../../apps/api/src/fhir/fhir-schema.validator';
import { setApiPrefix } from '../../apps/api/src/http/global-prefix';
import { demoFacilityJson } from '../fixtures/demo-facility';

/** The FHIR facade over HTTP, on a real SQLite database: content type, search, read, errors as OperationOutcome. */
const STAFF = { kind: 'staff', id: 'test' } as const;

interface FhirBody {
  readonly resourceType: string;
  readonly total?: number;
  readonly entry?: { fullUrl: string; resource: Record<string, unknown> }[];
}

describe('FHIR R4 Task endpoints (medium: HTTP, SQLite)', () => {
  jest.setTimeout(20_000);
  let dir: string;
  let app: INestApplication;
  let base: string;
  let token: string;
  const validator = new FhirSchemaValidator();

  const get = async (path: string, auth = true) => {
    const response = await fetch(`${base}${path}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as FhirBody };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-fhir-'));
    // A broker URL nobody listens on: the FHIR view needs no robot link, only the database.
    const config = loadConfig({ DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '0', LOG_LEVEL: 'error', CARE_FILE: 'none', MQTT_URL: 'mqtt://127.0.0.1:1' });
    const facility = loadFacility(demoFacilityJson());
    app = await NestFactory.create(AppModule.forRoot(config, facility, { mode: 'external', url: 'mqtt://127.0.0.1:1' }), { logger: false });
    setApiPrefix(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (await app.get(StaffAuthService).signIn('pielegniarka', 'opiekun-nurse')).token;
    await app.get(FleetService).register({ manufacturer: 'Acme', serialNumber: 'R-1', actions: ['pick', 'drop'] });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a job as an R4 Task in application/fhir+json, and a searchset Bundle that validates', async () => {
    const tasks = app.get(TaskService);
    const meal = await tasks.create({ type: 'meal', priority: 'urgent', from: 'F0-kitchen', to: 'F1-R104' }, STAFF);
    const linen = await tasks.create({ type: 'linen', priority: 'routine', from: 'F0-laundry', to: 'F0-storage' }, STAFF);
    await tasks.cancel(linen.id, STAFF);

    const read = await get(`/fhir/Task/${meal.id}`);
    expect(read.status).toBe(200);
    expect(read.type).toMatch(/^application\/fhir\+json/);
    expect(read.body).toMatchObject({ resourceType: 'Task', id: meal.id, status: 'ready', intent: 'order', priority: 'urgent' });
    expect(validator.problems(read.body as never)).toEqual([]);

    const all = await get('/fhir/Task');
    expect(all.type).toMatch(/^application\/fhir\+json/);
    expect(all.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(validator.problems(all.body as never)).toEqual([]);

    const cancelled = await get('/fhir/Task?status=cancelled');
    expect(cancelled.body.total).toBe(1);
    expect(cancelled.body.entry![0].resource).toMatchObject({ id: linen.id, status: 'cancelled' });
    expect(cancelled.body.entry![0].fullUrl).toBe(`${base}/fhir/Task/${linen.id}`);

    const future = await get(`/fhir/Task?_lastUpdated=gt${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body).toMatchObject({ total: 0 });
    expect((await get('/fhir/Task?_count=1')).body.entry).toHaveLength(1);
    expect((await get('/fhir/Task?owner=Device/Acme-R-1')).body.total).toBe(0);
  });

  it('answers errors as OperationOutcome: 404 unknown task, 400 bad search, 401 without a sign-in', async () => {
    const missing = await get('/fhir/Task/no-such-task');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^application\/fhir\+json/);
    expect(missing.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    expect(validator.problems(missing.body as never)).toEqual([]);
    expect((await get('/fhir/Task?status=done')).body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
    expect((await get('/fhir/Task?status=done')).status).toBe(400);
    const anonymous = await get('/fhir/Task', false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.resourceType).toBe('OperationOutcome');
  });

  /** A request written by hand: fetch and node:http always send a well-formed Host. */
  const raw = (head: string) =>
    new Promise<{ status: number; body: FhirBody }>((done, fail) => {
      const socket = connect((app.getHttpServer().address() as AddressInfo).port, '127.0.0.1', () => socket.end(`${head}Authorization: Bearer ${token}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', fail);
      socket.on('end', () => {
        const [headers = '', body = ''] = text.split('\r\n\r\n');
        done({ status: Number(/^HTTP\/1\.\d (\d{3})/.exec(headers)?.[1]), body: JSON.parse(body) as FhirBody });
      });
    });

  it('refuses a Host header that is no host with 400 as an OperationOutcome (it was a 500); without one, links name the address it reached', async () => {
    for (const host of ['a b', 'example.org/evil', 'user@example.org', 'example.org:99999']) {
      const refused = await raw(`GET /fhir/Task HTTP/1.1\r\nHost: ${host}\r\n`);
      expect({ host, status: refused.status }).toEqual({ host, status: 400 });
      expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: expect.stringContaining('Host') }] });
    }
    const named = await raw('GET /fhir/Task HTTP/1.1\r\nHost: fhir.example.org:8443\r\n');
    expect(named.status).toBe(200);
    expect(named.body.entry![0].fullUrl).toMatch(/^http:\/\/fhir\.example\.org:8443\/fhir\/Task\//);
    const hostless = await raw('GET /fhir/Task HTTP/1.0\r\n');
    expect(hostless.status).toBe(200);
    expect(hostless.body.entry![0].fullUrl.startsWith(`${base}/fhir/Task/`)).toBe(true);
    expect(validator.problems(hostless.body as never)).toEqual([]);
  });

  it('is outside the /api prefix', async () => {
    expect((await get('/api/fhir/Task')).status).toBe(404);
  });
});
