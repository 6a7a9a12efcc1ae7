import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `vite build` puts the dashboard, seen from the built api (dist/apps/api/src/live). */
export const DASHBOARD_DIR = resolve(__dirname, '../../../../dashboard');

/** Paths the SPA fallback must leave to the api. */
const API_PATHS = /^\/(api|health|fhir|socket\.io)(\/|$)/;

/** A path that names a file (`/assets/x.js`, `/favicon.ico`): a miss is a 404, not the app. */
const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;

export function isSpaRoute(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !API_PATHS.test(path) && !FILE_PATH.test(path);
}

/**
 * Serves the built dashboard at `/`: hashed assets cached for long, index.html never cached, and every other page
 * path answered with index.html so a reload on a client route works.
 */
export function serveDashboard(app: NestExpressApplication, dir = DASHBOARD_DIR): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Dashboard').warn(`dashboard not built (${index} missing): run npm run build`);
    return false;
  }
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', fallthrough: false });
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isSpaRoute(req.method, req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
