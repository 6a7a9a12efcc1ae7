import type { ErrorObject } from 'ajv';
import type { ProtocolVersion, Topic, VersionedMessage } from '../topics/topic';
import { schemaRegistry } from './schema.registry';

/** Why an inbound message was rejected; used as the key of rejection counters. */
export type RejectReason = 'topic' | 'oversize' | 'json' | 'version' | 'schema' | 'identity';

/** A message that was rejected, with a human-readable reason naming the field and rule. */
export interface InvalidMessage {
  ok: false;
  reason: RejectReason;
  error: string;
  /** The decoded JSON when the payload was JSON, so a vehicle can quote e.g. `orderId` in its `validationError`. */
  payload?: unknown;
}

/** Result of validating one message: the typed message, or why it is invalid. */
export type ValidationResult<K extends Topic> = ({ ok: true } & VersionedMessage<K>) | InvalidMessage;

// The patch may be left out: some vehicles send "2.0" or "2.1", and the minor version alone picks the schema.
const VERSION_PATTERN = /^(2\.[01])(?:\.\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Maps a header `version` such as `2.0.1` (or `2.0`) to the schema family that applies, or undefined if unsupported. */
export function protocolVersionOf(version: string): ProtocolVersion | undefined {
  const match = VERSION_PATTERN.exec(version);
  return match ? (match[1] as ProtocolVersion) : undefined;
}

function describe(topic: Topic, error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const allowed = error.keyword === 'enum' ? `: ${JSON.stringify(error.params.allowedValues)}` : '';
  return `${topic}: ${path} ${error.message ?? `fails ${error.keyword}`}${allowed}`;
}

/**
 * Validates a parsed payload against the VDA 5050 schema of its topic, choosing 2.0 or 2.1 by the payload's own
 * `version` field. Errors name the topic, field path and rule, e.g. `state: /batteryState/batteryCharge must be number`.
 * Never throws.
 */
export function validateMessage<K extends Topic>(topic: K, payload: unknown): ValidationResult<K> {
  if (!isRecord(payload)) {
    return { ok: false, reason: 'schema', error: `${topic}: / must be a JSON object`, payload };
  }
  const declared = payload.version;
  if (typeof declared !== 'string') {
    return { ok: false, reason: 'schema', error: `${topic}: /version must be a string like "2.0.0"`, payload };
  }
  const version = protocolVersionOf(declared);
  if (!version) {
    return {
      ok: false,
      reason: 'version',
      error: `${topic}: unsupported version '${declared}' (supported: 2.0.x, 2.1.x)`,
      payload,
    };
  }
  const validate = schemaRegistry.validatorFor(version, topic);
  if (!validate(payload)) {
    const first = validate.errors?.[0];
    const error = first ? describe(topic, first) : `${topic}: invalid`;
    return { ok: false, reason: 'schema', error, payload };
  }
  // The schema has just accepted the payload, so it has the generated type of that version and topic.
  return { ok: true, version, message: payload } as unknown as ValidationResult<K>;
}
