import type { NextFunction, Request, Response } from 'express';

/** Deeper JSON than any of our request bodies needs; deeper input is refused before validation walks it. */
export const MAX_JSON_DEPTH = 32;

/** Nesting depth of a parsed JSON value, without recursion (so hostile input cannot overflow the stack). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) stack.push([child, level]);
  }
  return deepest;
}

/** Refuses a body nested deeper than `maxDepth` with 400, naming the limit. */
export function depthGuard(maxDepth = MAX_JSON_DEPTH) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (jsonDepth(req.body, maxDepth) > maxDepth) {
      res.status(400).json({ statusCode: 400, code: 'BODY_TOO_DEEP', message: `JSON nested deeper than ${maxDepth} levels` });
      return;
    }
    next();
  };
}

/**
 * Answers what the body parser refused — too large (413), not JSON (400), an unsupported charset (415) — as JSON
 * in the api's error shape instead of Express's HTML page. Other errors go on unchanged.
 */
export function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const failure = error as { type?: unknown; status?: unknown; statusCode?: unknown; message?: unknown };
  const status = Number(failure.status ?? failure.statusCode);
  if (typeof failure.type !== 'string' || !(status >= 400 && status < 500)) return next(error);
  const code = status === 413 ? 'BODY_TOO_LARGE' : status === 415 ? 'BODY_UNSUPPORTED' : 'BODY_INVALID';
  res.status(status).json({ statusCode: status, code, message: String(failure.message ?? 'request body refused') });
}
