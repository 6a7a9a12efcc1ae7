import { createHash } from 'node:crypto';
import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { RequestKey } from '@opiekun/application';
import type { Request, Response } from 'express';

const VISIBLE_ASCII = /^[\x21-\x7e]{1,200}$/;

/** Object members in key order: the same body with its members in another order is the same request. */
const inKeyOrder = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** SHA-256 of the method, the path and the body as canonical JSON: what tells a retry from another request. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null, inKeyOrder)}`).digest('base64url');
}

/**
 * The request's `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header) with the fingerprint of the request, or
 * undefined without one. 400 for a key given twice (Node would join them into one value) or not 1–200 visible ASCII
 * characters.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): RequestKey | undefined => {
  const request = context.switchToHttp().getRequest<Request>();
  const keys = request.headersDistinct['idempotency-key'];
  if (keys === undefined) return undefined;
  if (keys.length > 1) throw new BadRequestException(`Idempotency-Key was given ${keys.length} times; send one`);
  const key = keys[0]!;
  if (!VISIBLE_ASCII.test(key)) throw new BadRequestException('Idempotency-Key must be 1–200 visible ASCII characters');
  return { key, fingerprint: requestFingerprint(request.method, request.originalUrl, request.body) };
});

/**
 * OpenAPI of an endpoint that takes an `Idempotency-Key` (IdempotencyKey): what the same key never does twice, and what
 * counts as a different request with it (refused with 422).
 */
export function AcceptsIdempotencyKey(never: string, different = 'request (body or path)'): MethodDecorator {
  return ApiHeader({ name: 'Idempotency-Key', required: false, description: `Any unique string (a UUID): the same key ${never}; sent with a different ${different} it is refused with 422` });
}

/** Tells the client its request was answered from its key: what the first one made, nothing made again. */
export function markReplayed(res: Response, replayed: boolean): void {
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
}
