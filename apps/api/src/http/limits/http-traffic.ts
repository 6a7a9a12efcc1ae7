import type { NextFunction, Request, Response } from 'express';

/**
 * Watches every HTTP request: counts refused ones (4xx) by status for /health, knows how many are under way so a
 * shutdown can wait for them, and turns new ones away (503, `Connection: close`) once the api is shutting down.
 */
export class HttpTraffic {
  private active = 0;
  private closing = false;
  private readonly refused = new Map<number, number>();
  private idleWaiters: (() => void)[] = [];

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.closing) {
      res.setHeader('Connection', 'close');
      res.status(503).json({ statusCode: 503, code: 'SHUTTING_DOWN', message: 'the api is shutting down; try again in a moment' });
      return;
    }
    this.active += 1;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      if (res.statusCode >= 400 && res.statusCode < 500) this.refused.set(res.statusCode, (this.refused.get(res.statusCode) ?? 0) + 1);
      if (this.active === 0) this.wakeIdle();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };

  /** Refused requests so far, by HTTP status. */
  refusedCounts(): Record<string, number> {
    return Object.fromEntries([...this.refused].sort(([a], [b]) => a - b).map(([status, n]) => [String(status), n]));
  }

  get inFlight(): number {
    return this.active;
  }

  /** Stops taking requests and resolves once those under way are answered (true) or after `timeoutMs` (false). */
  drain(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
