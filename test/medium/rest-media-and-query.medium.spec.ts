import { ApiInProcess } from './support/api-in-process';

/** Found by an acceptance review: answers that name the problem instead of a misleading one (real HTTP, in-process api). */
describe('REST: a body that is not JSON, a query a route does not take (medium: in-process api over HTTP)', () => {
  jest.setTimeout(30_000);
  let api: ApiInProcess;

  beforeAll(async () => {
    api = await ApiInProcess.start();
  });

  afterAll(async () => {
    await api?.close();
  });

  const post = (type: string, body: string) => fetch(`${api.baseUrl}/api/tasks`, { method: 'POST', headers: { 'content-type': type }, body });

  it('answers a body sent as text, a form or XML with 415 naming what came (it used to list every field as missing)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await post(type, '{"type":"meal","priority":"routine","from":"F0-kitchen","to":"F1-R104"}');
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining(type) });
    }
    // JSON, with a charset or as a +json type, still reaches validation (400 names the field), a bodiless POST too
    expect((await post('application/json; charset=utf-8', '{"priority":"routine"}')).status).toBe(400);
    expect((await post('application/fhir+json', '{"priority":"routine"}')).status).toBe(400);
    expect((await fetch(`${api.baseUrl}/api/tasks/none/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a query parameter GET /api/robots does not take, naming it (it used to ignore it)', async () => {
    const refused = await api.request('GET', '/api/robots?limit=abc');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('limit');
    expect((await api.request('GET', '/api/robots')).status).toBe(200);
  });
});
