/**
 * The nurse of the shift: medication travels under custody (issue 4), so a robot waits at the pharmacy until a
 * nurse loads it and at the room until a nurse takes the medication. She looks in every `everyMs` (a few simulated
 * minutes at most) and confirms what waits for her — load, handover, or taking back a missed delivery — as a signed-in
 * nurse over REST, through api restarts. 409 (nothing waits for that step) is the usual answer.
 */
export class NurseOnShift {
  private token?: string;
  private confirmed = 0;
  private lastLook = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly everyMs: number,
    private readonly credentials = { username: 'pielegniarka', password: 'opiekun-nurse' },
  ) {}

  get confirmations(): number {
    return this.confirmed;
  }

  async tick(): Promise<void> {
    if (Date.now() - this.lastLook < this.everyMs) return;
    this.lastLook = Date.now();
    const token = this.token ?? (await this.signIn());
    if (!token) return;
    const query = 'type=medication&type=medication-return&status=accepted&status=in-progress&status=on-hold&limit=200';
    const response = await fetch(`${this.baseUrl}/api/tasks?${query}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!response?.ok) return;
    const page = (await response.json()) as { items: { id: string }[] };
    for (const task of page.items) {
      for (const step of ['load', 'handover', 'return']) {
        const answer = await fetch(`${this.baseUrl}/api/tasks/${task.id}/${step}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5_000),
        }).catch(() => undefined);
        if (answer?.status === 200) this.confirmed += 1;
        if (answer?.status === 401) this.token = undefined;
      }
    }
  }

  private async signIn(): Promise<string | undefined> {
    const response = await fetch(`${this.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.credentials),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
    if (!response?.ok) return undefined;
    this.token = ((await response.json()) as { token: string }).token;
    return this.token;
  }
}
