import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';

const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'artifacts');

/**
 * Debian's Chromium (apt-get install chromium): browsers are never downloaded here. Background networking and updates
 * are off, or Chromium keeps knocking on a network this machine does not have.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** The demo accounts the api seeds into a fresh database (README, "Dashboard"). */
export const DEMO_USERS = {
  carer: { username: 'opiekunka', password: 'opiekun-carer' },
  nurse: { username: 'pielegniarka', password: 'opiekun-nurse' },
  manager: { username: 'kierownik', password: 'opiekun-manager' },
} as const;
export type DemoUser = (typeof DEMO_USERS)[keyof typeof DEMO_USERS];

/** A 10" tablet in landscape, in a time zone other than the facility's (times must still show in Kraków time). */
export async function newTabletContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pl-PL', timezoneId: 'America/New_York' });
}

export async function signIn(page: Page, baseUrl: string, user: DemoUser): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-connection="online"]', { timeout: 15_000 });
}

/**
 * Saves what the tablet's screen shows as artifacts/dashboard-<name>.png (kept by CI as the test's artefact). The
 * screen, not the full page: a full-page shot of the live dashboard took 3–5 s in headless Chromium (0.2–0.3 s for the
 * screen), over a minute of the e2e suite, and the screen is what staff see.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `dashboard-${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A REST token for the test's own calls (robot and fleet commands need a signed-in staff member). */
export async function apiToken(baseUrl: string, user: DemoUser): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Stands between the page and the api's Socket.IO WebSocket: `drop()` closes the live connection and refuses new
 * ones, as a lost Wi-Fi would; `restore()` lets the page connect again.
 */
export class SocketSwitch {
  private blocked = false;
  private readonly open = new Set<WebSocketRoute>();

  async install(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (this.blocked) {
        void ws.close({ code: 4000, reason: 'network down' }).catch(() => undefined);
        return;
      }
      this.open.add(ws);
      ws.connectToServer();
    });
  }

  // 4000: an application close code; the WebSocket API refuses 1006 (reserved), which left the socket open.
  async drop(): Promise<void> {
    this.blocked = true;
    await Promise.all([...this.open].map((ws) => ws.close({ code: 4000, reason: 'network down' }).catch(() => undefined)));
    this.open.clear();
  }

  restore(): void {
    this.blocked = false;
  }
}
