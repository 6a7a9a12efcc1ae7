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

  it('says a body that is JSON but not an object is not one (null used to read as a syntax error at "n")', async () => {
    for (const [body, kind] of [['null', 'null'], ['42', 'a number'], ['"meal"', 'a string']]) {
      const response = await post('application/json', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'BODY_INVALID', message: `the request body must be a JSON object; got ${kind}` });
    }
    // broken JSON is still reported as such
    const broken = await post('application/json', '{"type":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).not.toContain('must be a JSON object');
  });

  it('refuses a one-value query parameter given twice, naming it; list parameters may repeat', async () => {
    const twice = await api.request('GET', '/api/tasks?limit=5&limit=6');
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('limit takes one value; it was given 2 times');
    const lists = await api.request('GET', '/api/tasks?status=ready&status=accepted&limit=5');
    expect(lists.status).toBe(200);
  });

  it('refuses a transport whose from and to are one node, saying so', async () => {
    const response = await post('application/json', JSON.stringify({ type: 'meal', priority: 'routine', from: 'F0-kitchen', to: 'F0-kitchen' }));
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain('to: is the same node as from (\\"F0-kitchen\\")');
  });
});
