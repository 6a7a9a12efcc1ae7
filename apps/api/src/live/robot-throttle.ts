import type { Clock, TimerHandle } from '@opiekun/application';

interface Slot<T> {
  lastSentAt: number;
  lastSent?: T;
  pending?: T;
  timer?: TimerHandle;
}

/**
 * Per-key rate limit with a trailing send: at most one value per key every `intervalMs`, and the latest value always
 * goes out. A value `urgent` says differs in what staff must see at once (state, pause, task) skips the wait.
 */
export class KeyedThrottle<T> {
  private readonly slots = new Map<string, Slot<T>>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly send: (value: T) => void,
    private readonly urgent: (previous: T, next: T) => boolean = () => false,
  ) {}

  push(key: string, value: T): void {
    const slot = this.slots.get(key) ?? { lastSentAt: -Infinity };
    this.slots.set(key, slot);
    const now = this.clock.now();
    const isUrgent = slot.lastSent !== undefined && this.urgent(slot.lastSent, value);
    if (isUrgent || now - slot.lastSentAt >= this.intervalMs) {
      this.flush(slot, value, now);
      return;
    }
    slot.pending = value;
    slot.timer ??= this.clock.setTimeout(() => {
      slot.timer = undefined;
      if (slot.pending !== undefined) this.flush(slot, slot.pending, this.clock.now());
    }, slot.lastSentAt + this.intervalMs - now);
  }

  stop(): void {
    for (const slot of this.slots.values()) slot.timer?.cancel();
    this.slots.clear();
  }

  private flush(slot: Slot<T>, value: T, now: number): void {
    slot.timer?.cancel();
    slot.timer = undefined;
    slot.pending = undefined;
    slot.lastSent = value;
    slot.lastSentAt = now;
    this.send(value);
  }
}
