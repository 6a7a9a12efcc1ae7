import { ApiInProcess } from './support/api-in-process';

/** The OpenAPI document the api serves at /api/docs-json lists every care operation, guarded by the bearer sign-in. */
describe('OpenAPI document (medium: api in process)', () => {
  jest.setTimeout(20_000);
  let api: ApiInProcess;
  let document: { paths: Record<string, Record<string, { tags?: string[]; security?: unknown[]; requestBody?: unknown }>>; components: { schemas: Record<string, unknown> } };

  beforeAll(async () => {
    api = await ApiInProcess.start();
    const response = await fetch(`${api.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as typeof document;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['care: wards', '/api/wards', ['get']],
    ['care: wards', '/api/wards/{id}', ['get', 'put']],
    ['care: residents', '/api/residents', ['get', 'post']],
    ['care: residents', '/api/residents/{id}', ['get', 'put']],
    ['care: residents', '/api/residents/{id}/discharge', ['post']],
    ['care: staff', '/api/staff', ['get']],
    ['care: staff', '/api/staff/{id}/wards', ['put']],
    ['care: care plans', '/api/care-plans', ['get', 'post']],
    ['care: care plans', '/api/care-plans/{id}', ['get', 'put']],
    ['care: care plans', '/api/care-plans/{id}/deactivate', ['post']],
    ['care: staff queue', '/api/staff-queue', ['get']],
    ['care: staff queue', '/api/staff-tasks', ['post']],
    ['care: staff queue', '/api/tasks/{id}/claim', ['post']],
    ['care: staff queue', '/api/tasks/{id}/complete', ['post']],
    ['care: staff queue', '/api/tasks/{id}/release', ['post']],
    ['care: staff queue', '/api/tasks/{id}/hand-back', ['post']],
    ['care: medication custody', '/api/tasks/{id}/load', ['post']],
    ['care: medication custody', '/api/tasks/{id}/handover', ['post']],
    ['care: medication custody', '/api/tasks/{id}/return', ['post']],
    ['care: medication custody', '/api/tasks/{id}/custody', ['get']],
    ['care: night patrol', '/api/patrols', ['post']],
    ['care: shift handover', '/api/handovers', ['get', 'post']],
    ['care: shift handover', '/api/handovers/{id}', ['get']],
    ['care: shift handover', '/api/handovers/{id}/sign', ['post']],
    ['care: incidents', '/api/incidents', ['get', 'post']],
    ['care: incidents', '/api/incidents/{id}', ['get']],
    ['care: measurements', '/api/measurements', ['get']],
    ['care: measurements', '/api/measurements/{id}', ['get']],
    ['care: measurements', '/api/measurements/{id}/review', ['post']],
  ])('%s: %s (%j), signed-in staff only', (tag, path, methods) => {
    const item = document.paths[path];
    expect(item).toBeDefined();
    expect(Object.keys(item!).sort()).toEqual(expect.arrayContaining(methods));
    for (const method of methods) {
      expect(item![method]!.tags).toEqual([tag]);
      expect(item![method]!.security).toEqual([{ bearer: [] }]);
    }
  });

  it('describes the handover and incident bodies and answers', () => {
    for (const schema of ['GenerateHandoverDto', 'SignHandoverDto', 'HandoverResponse', 'ReportIncidentDto', 'IncidentResponse', 'CreatePatrolDto', 'CustodyEntryResponse', 'SaveCarePlanDto', 'ReviewMeasurementDto', 'MeasurementResponse']) {
      expect(Object.keys(document.components.schemas)).toContain(schema);
    }
    expect(document.components.schemas['ReportIncidentDto']).toMatchObject({ required: expect.arrayContaining(['residentId', 'kind', 'description']) });
  });
});
