import type { NextFunction, Request, Response } from 'express';

/** The bodies we read: JSON, and JSON media types of a format built on it (`application/fhir+json`). */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

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
 * Member names no request body of ours has, which JSON.parse still makes own members of and which the DTO whitelist
 * does not see (class-transformer skips them): refused outright, so they neither slip through validation nor reach
 * an object's prototype.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first reserved member name anywhere in a parsed JSON value, without recursion. */
export function reservedKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      const found = Object.keys(node).find((key) => RESERVED_KEYS.has(key));
      if (found) return found;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) stack.push(child);
  }
  return undefined;
}

/** Refuses a body with a member named `__proto__`, `constructor` or `prototype` with 400, naming it. */
export function reservedKeyGuard() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = reservedKey(req.body);
    if (key !== undefined) {
      res.status(400).json({ statusCode: 400, code: 'BODY_RESERVED_KEY', message: `property ${key} should not exist` });
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
  res.status(status).json({ statusCode: status, code, message: notAnObject(failure) ?? String(failure.message ?? 'request body refused') });
}

/**
 * The parser takes only objects and arrays (strict): a body that is valid JSON of another kind — `null`, a number, a
 * string — is said to be so, not reported as a syntax error at its first character.
 */
function notAnObject(failure: { type?: unknown; body?: unknown }): string | undefined {
  if (failure.type !== 'entity.parse.failed' || typeof failure.body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(failure.body);
    const kind = value === null ? 'null' : typeof value;
    return `the request body must be a JSON object; got ${kind === 'null' ? 'null' : `a ${kind}`}`;
  } catch {
    return undefined;
  }
}

/**
 * A request body that is not JSON (text/plain, a form…) is refused with 415 naming what was sent, instead of reaching
 * validation as an empty body (which listed every field as missing). JSON media types (`application/json`,
 * `application/*+json` such as FHIR's) pass.
 */
export function jsonOnly() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody || req.is(JSON_MEDIA_TYPES) !== false) {
      next();
      return;
    }
    const sent = req.headers['content-type'] ?? 'no Content-Type';
    res.status(415).json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `send the body as JSON (Content-Type: application/json); got ${sent}` });
  };
}
