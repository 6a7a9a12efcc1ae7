export type RefusalKind = 'connect' | 'publish' | 'subscribe';

/** Client ids whose first refusal was logged, remembered so a client retrying for hours is logged once. */
const REMEMBERED_CLIENTS = 1_000;
/** At most this many lines a minute whatever the number of clients (a scan from many client ids). */
const LINES_PER_MINUTE = 20;

/**
 * What the embedded broker refused, counted by kind (/health `broker.accessRefused`) and logged once per client id,
 * so a misconfigured robot that reconnects every few seconds, or a scan, does not flood the log.
 */
export class BrokerRefusals {
  private readonly counts: Record<RefusalKind, number> = { connect: 0, publish: 0, subscribe: 0 };
  private readonly logged = new Set<string>();
  private minute = { start: Number.NEGATIVE_INFINITY, lines: 0 };

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  refuse(kind: RefusalKind, clientId: string, detail: string): void {
    this.counts[kind] += 1;
    if (this.logged.has(clientId)) return;
    const now = this.now();
    if (now - this.minute.start >= 60_000) this.minute = { start: now, lines: 0 };
    if (this.minute.lines >= LINES_PER_MINUTE) return;
    this.minute.lines += 1;
    this.logged.add(clientId);
    if (this.logged.size > REMEMBERED_CLIENTS) this.logged.delete(this.logged.values().next().value as string);
    const more = this.minute.lines === LINES_PER_MINUTE ? 'further refusals this minute are' : 'further refusals of this client are';
    this.log(`MQTT ${kind} refused, client "${clientId.slice(0, 100)}": ${detail} — ${more} only counted (/health broker.accessRefused)`);
  }

  snapshot(): Record<RefusalKind, number> {
    return { ...this.counts };
  }
}
