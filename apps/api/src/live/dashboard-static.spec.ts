import { isSpaRoute } from './dashboard-static';

describe('dashboard SPA fallback', () => {
  it.each([
    ['GET', '/', true],
    ['GET', '/tasks', true],
    ['HEAD', '/robots/SimCare:SC-001', true],
    ['GET', '/api/tasks', false],
    ['GET', '/api', false],
    ['GET', '/health', false],
    ['GET', '/socket.io/', false],
    ['GET', '/assets/index-abc.js', false],
    ['GET', '/favicon.ico', false],
    ['POST', '/', false],
  ])('%s %s → index.html: %s', (method, path, expected) => {
    expect(isSpaRoute(method, path)).toBe(expected);
  });
});
