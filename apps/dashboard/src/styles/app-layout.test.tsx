import { act, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ShiftReport } from '../api/contract';
import { RobotsPanel } from '../robots/robots-panel';
import { ShiftSummary } from '../summary/shift-summary';
import { TaskBoard } from '../tasks/task-board';
import { aRobot, aTask } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';

/**
 * Layout can only be seen in a browser, and jsdom lays nothing out: the views are rendered here as in the other specs,
 * and their markup is laid out with the dashboard's stylesheet by Debian's Chromium (as the e2e tests use), at the
 * widths the UX review found them broken at.
 */
const STYLESHEET = readFileSync(fileURLToPath(import.meta.url).replace(/app-layout\.test\.tsx$/, 'app.css'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}, 30_000);
afterAll(() => browser?.close());

/** A page of the given width showing `markup` inside the dashboard's shell, as the view it is. */
async function laidOut(markup: string, view: string, width: number, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<!doctype html><html lang="pl"><head><style>${STYLESHEET}</style></head><body><div class="shell"><main class="view view-${view}">${markup}</main></div></body></html>`);
  return page;
}

/** A real browser laying out pages: seconds on a loaded 2-core machine (vitest's default of 5 s timed out there). */
const IN_CHROMIUM_MS = 30_000;

describe('dashboard layout in Chromium', () => {
  it('never breaks a word of a task card title in two ("Nawadniani e"), at 1366 px and on a 1100 px tablet', async () => {
    const { store, container } = renderWithApp(<TaskBoard />);
    act(() => {
      const types = ['companion-call', 'hydration', 'supplies', 'lab-sample', 'vitals', 'medication-return', 'incident-check'];
      const priorities = ['stat', 'routine', 'asap', 'urgent'] as const;
      types.forEach((type, i) => store.upsertTask(aTask({ id: `t${i}`, type, priority: priorities[i % priorities.length], to: 'u-r12' })));
    });
    for (const width of [1366, 1100]) {
      const page = await laidOut(container.innerHTML, 'tasks', width);
      // the seven titles are there to be looked at (an empty board would pass the check below)
      expect(await page.$$eval('.task-card-title strong', (titles) => titles.length)).toBe(7);
      // a line that ends inside a word: two letters, one at the end of a line and the next at the start of the following
      const split = await page.$$eval('.task-card-title strong, .task-card-place', (elements) =>
        elements.flatMap((element) => {
          const text = element.firstChild!;
          const range = document.createRange();
          const tops = [...element.textContent!].map((_, i) => {
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            return range.getBoundingClientRect().top;
          });
          const broken = tops.some((top, i) => i > 0 && top > tops[i - 1]! + 2 && /\S/.test(element.textContent![i - 1]!) && /\S/.test(element.textContent![i]!));
          return broken ? [element.textContent] : [];
        }),
      );
      await page.close();
      expect({ width, split }).toEqual({ width, split: [] });
    }
  }, IN_CHROMIUM_MS);

  it('shows every robot button whole on a 768 px portrait tablet, without scrolling the table sideways', async () => {
    vi.useFakeTimers();
    try {
      const { store, container } = renderWithApp(<RobotsPanel onShowOnMap={() => undefined} />);
      act(() => {
        for (let i = 1; i <= 3; i += 1) store.upsertRobot(aRobot({ id: `r${i}`, name: `SC-00${i}`, model: i === 3 ? 'care-assistant' : 'carrier', lastSeenAt: new Date().toISOString() }));
      });
      act(() => vi.advanceTimersByTime(600));
      vi.useRealTimers();
      const page = await laidOut(container.innerHTML, 'robots', 768, 1024);
      // three robots' buttons are there to be looked at (none would pass the check below)
      expect(await page.$$eval('[data-robot-action]', (buttons) => buttons.length)).toBeGreaterThanOrEqual(3);
      const cut = await page.$$eval('[data-robot-action]', (buttons) =>
        buttons.filter((b) => b.getBoundingClientRect().right > b.closest('.table-wrap')!.getBoundingClientRect().right).map((b) => b.textContent),
      );
      const sideways = await page.$eval('.table-wrap', (wrap) => wrap.scrollWidth > wrap.clientWidth);
      await page.close();
      expect({ cut, sideways }).toEqual({ cut: [], sideways: false });
    } finally {
      vi.useRealTimers();
    }
  }, IN_CHROMIUM_MS);

  it('keeps the two shift summary tables apart on a 768 px portrait tablet', async () => {
    const report: ShiftReport = {
      date: '2026-12-07', timezone: 'Europe/Warsaw', from: '2026-12-06T23:00:00Z', to: '2026-12-07T23:00:00Z',
      completed: 24, failed: 0, cancelled: 0, onTimeRate: 1, averageWaitS: 58, robotWorkS: 540,
      byType: ['meal', 'linen', 'hydration', 'companion-call', 'lab-sample', 'supplies'].map((type) => ({ type, completed: 3, failed: 0, cancelled: 0, onTime: 3, withDeadline: 3, averageWaitS: 72, workS: 120 })),
      byRobot: ['SC-005', 'SC-006'].map((robotId) => ({ robotId, tasks: 11, workS: 240 })),
    };
    const { container } = renderWithApp(<ShiftSummary />, { api: { shiftReport: () => Promise.resolve(report) } });
    await screen.findByText('Według robota');
    const page = await laidOut(container.innerHTML, 'summary', 768, 1024);
    const [first, second] = await page.$$eval('.summary-tables table', (tables) => tables.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    await page.close();
    const apart = first!.right <= second!.left || second!.top >= first!.bottom;
    expect(apart).toBe(true);
  }, IN_CHROMIUM_MS);
});
