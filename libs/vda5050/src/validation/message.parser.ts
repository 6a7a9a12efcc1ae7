import type { Topic } from '../topics/topic';
import { validateMessage, type ValidationResult } from './message.validator';

/** Default upper bound for one inbound VDA 5050 message: large orders and states stay far below it. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

function byteLength(raw: Buffer | string): number {
  return typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
}

/**
 * Decodes one raw MQTT payload: rejects it if larger than `maxBytes` (before parsing, so a huge payload costs no
 * JSON work), if it is not JSON, or if it fails its schema. Never throws.
 */
export function parseMessage<K extends Topic>(
  topic: K,
  raw: Buffer | string,
  maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES,
): ValidationResult<K> {
  const size = byteLength(raw);
  if (size > maxBytes) {
    return { ok: false, reason: 'oversize', error: `${topic}: payload of ${size} bytes exceeds the limit of ${maxBytes}` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'json', error: `${topic}: payload is not valid JSON (${detail})` };
  }
  return validateMessage(topic, payload);
}
