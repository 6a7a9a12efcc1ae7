/** One malformed message for the api, and why the api must refuse it (its rejection counter's reason). */
export interface Garbage {
  readonly topic: string;
  readonly payload: Buffer;
  readonly reason: 'json' | 'schema' | 'version' | 'oversize' | 'identity';
}

/** A tiny seeded random source (mulberry32), so a soak's garbage is the same for the same seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const header = (manufacturer: string, serialNumber: string, headerId: number) => ({
  headerId,
  timestamp: new Date().toISOString(),
  version: '2.0.0',
  manufacturer,
  serialNumber,
});

/**
 * Malformed messages on the robots' own topics (state, connection, factsheet — what the api reads; not visualization):
 * random bytes, JSON of the wrong shape, wrong types, an unsupported version, deep nesting, a payload over the
 * size limit, a header naming another robot. Every one must be refused and counted; none may change anything.
 */
export function garbage(count: number, robots: readonly { manufacturer: string; serialNumber: string }[], random: () => number, maxBytes: number): Garbage[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const out: Garbage[] = [];
  for (let i = 0; i < count; i += 1) {
    const robot = pick(robots);
    const topicOf = (sub: string) => `uagv/v2/${robot.manufacturer}/${robot.serialNumber}/${sub}`;
    const base = header(robot.manufacturer, robot.serialNumber, 1_000_000 + i);
    const kinds: (() => Garbage)[] = [
      () => ({ topic: topicOf(pick(['state', 'connection', 'factsheet'])), payload: randomBytes(random, 1 + Math.floor(random() * 300)), reason: 'json' }),
      () => ({ topic: topicOf('state'), payload: Buffer.from(`{"headerId": ${i}, "orderId": `), reason: 'json' }),
      () => ({ topic: topicOf('state'), payload: json({ ...base, orderId: 42, batteryState: 'full', driving: 'yes' }), reason: 'schema' }),
      () => ({ topic: topicOf('state'), payload: json([base, base]), reason: 'schema' }),
      () => ({ topic: topicOf('connection'), payload: json({ ...base, connectionState: 'MAYBE' }), reason: 'schema' }),
      () => ({ topic: topicOf('state'), payload: json({ ...base, version: pick(['1.1.0', '3.0.0', '2.9.1', 'v2']) }), reason: 'version' }),
      () => ({ topic: topicOf('state'), payload: Buffer.from(`{"headerId":${i},"nodeStates":${'['.repeat(5_000)}${']'.repeat(5_000)}}`), reason: 'schema' }),
      () => ({ topic: topicOf('state'), payload: json({ ...base, filler: 'x'.repeat(maxBytes) }), reason: 'oversize' }),
      () => ({ topic: topicOf('connection'), payload: json({ ...base, serialNumber: `${robot.serialNumber}-impostor`, connectionState: 'OFFLINE' }), reason: 'identity' }),
    ];
    out.push(pick(kinds)());
  }
  return out;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(random() * 256);
  // A first byte of '{' or '[' would let a lucky draw parse; random bytes are meant not to.
  if (bytes[0] === 0x7b || bytes[0] === 0x5b || bytes[0] === 0x22 || (bytes[0] >= 0x30 && bytes[0] <= 0x39)) bytes[0] = 0x00;
  return bytes;
}
