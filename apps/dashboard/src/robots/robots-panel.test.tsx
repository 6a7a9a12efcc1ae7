import { act } from '@testing-library/react';
import { aRobot } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { RobotsPanel } from './robots-panel';

const row = (id: string) => document.querySelector(`[data-robot-row="${id}"]`) as HTMLElement;
const rowIds = () => [...document.querySelectorAll('[data-robot-row]')].map((el) => el.getAttribute('data-robot-row'));

describe('<RobotsPanel>', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Renders the panel, puts the robots in the store and lets the panel's throttled refresh (500 ms) happen. */
  function show(language: 'pl' | 'en', ...robots: ReturnType<typeof aRobot>[]) {
    const { store } = renderWithApp(<RobotsPanel onShowOnMap={() => undefined} />, { language });
    act(() => {
      for (const robot of robots) store.upsertRobot(robot);
    });
    act(() => vi.advanceTimersByTime(600));
  }

  it('says why a robot takes no jobs: a VDA 5050 mode without orders, or a safety stop', () => {
    show(
      'pl',
      aRobot({ id: 'auto', name: 'A', operatingMode: 'AUTOMATIC' }),
      aRobot({ id: 'semi', name: 'B', operatingMode: 'SEMIAUTOMATIC' }),
      aRobot({ id: 'unknown', name: 'C' }),
      aRobot({ id: 'manual', name: 'D', operatingMode: 'MANUAL' }),
      aRobot({ id: 'service', name: 'E', operatingMode: 'SERVICE' }),
      aRobot({ id: 'teach', name: 'F', operatingMode: 'TEACHIN' }),
      aRobot({ id: 'estop', name: 'G', operatingMode: 'AUTOMATIC', safetyStop: true }),
      aRobot({ id: 'gone', name: 'H', state: 'offline', connection: 'OFFLINE', operatingMode: 'MANUAL', safetyStop: true }),
    );
    expect(row('manual').textContent).toContain('Tryb ręczny: nie przyjmuje zadań');
    expect(row('service').textContent).toContain('Tryb serwisowy: nie przyjmuje zadań');
    expect(row('teach').textContent).toContain('Tryb uczenia: nie przyjmuje zadań');
    expect(row('estop').textContent).toContain('Zatrzymanie bezpieczeństwa');
    // what an offline robot last reported is not how it is now
    for (const id of ['auto', 'semi', 'unknown', 'gone']) {
      expect(row(id).textContent).not.toContain('nie przyjmuje zadań');
      expect(row(id).textContent).not.toContain('Zatrzymanie bezpieczeństwa');
    }
    // offline first, then the robots stopped for safety or in a mode without jobs (by name), then the rest
    expect(rowIds()).toEqual(['gone', 'manual', 'service', 'teach', 'estop', 'auto', 'semi', 'unknown']);
  });

  it('never says a robot was last seen in the future: a report newer than the panel\'s clock (it ticks every 5 s) was just now', () => {
    const at = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000).toISOString();
    // The panel's clock is read at render; the reports come after it (the 600 ms of the throttled refresh included).
    show('pl', aRobot({ id: 'ahead', lastSeenAt: at(3) }), aRobot({ id: 'now', lastSeenAt: at(0) }), aRobot({ id: 'quiet', lastSeenAt: at(-25) }), aRobot({ id: 'gone', lastSeenAt: at(-180) }));
    const lastSeen = (id: string) => row(id).querySelectorAll('td')[5]!.textContent;
    expect(lastSeen('ahead')).toBe('teraz');
    expect(lastSeen('now')).toBe('teraz');
    expect(lastSeen('quiet')).toBe('25 sekund temu');
    expect(lastSeen('gone')).toBe('3 minuty temu');
    act(() => vi.advanceTimersByTime(5000));
    expect(lastSeen('ahead')).toBe('teraz');
  });

  it('says "now" in English too, not "in 2 seconds"', () => {
    show('en', aRobot({ id: 'ahead', lastSeenAt: new Date(Date.now() + 2000).toISOString() }));
    expect(row('ahead').querySelectorAll('td')[5]!.textContent).toBe('now');
  });

  it('names the mode in English too', () => {
    show('en', aRobot({ id: 'manual', operatingMode: 'MANUAL' }), aRobot({ id: 'estop', safetyStop: true }));
    expect(row('manual').textContent).toContain('Manual mode: takes no jobs');
    expect(row('estop').textContent).toContain('Safety stop');
  });

  it('disables a command the robot\'s factsheet does not list, and says why; holds nothing back from a robot whose factsheet is unknown', () => {
    show(
      'en',
      aRobot({ id: 'vendor', name: 'V', actions: ['pick'], instantActions: ['stopPause'] }),
      aRobot({ id: 'known', name: 'K', actions: ['pick', 'startCharging'], instantActions: ['startPause', 'stopPause'] }),
      aRobot({ id: 'unknown', name: 'U', actions: ['pick'] }),
    );
    const button = (id: string, action: string) => row(id).querySelector(`[data-robot-action="${action}"]`) as HTMLButtonElement;
    expect(button('vendor', 'pause').disabled).toBe(true);
    expect(button('vendor', 'pause').title).toBe('This robot cannot do this: its factsheet does not list startPause.');
    expect(button('vendor', 'charge').disabled).toBe(true);
    expect(button('vendor', 'charge').title).toContain('startCharging');
    for (const id of ['known', 'unknown']) {
      for (const action of ['pause', 'charge']) {
        expect(button(id, action).disabled).toBe(false);
        expect(button(id, action).title).toBe('');
      }
    }
  });

  it('tells a carer who paused a robot who resumes it, since the carer may not', () => {
    const { store } = renderWithApp(<RobotsPanel onShowOnMap={() => undefined} />, { language: 'pl', permissions: ['robot.pause'], role: 'carer' });
    act(() => {
      store.upsertRobot(aRobot({ id: 'p', name: 'P', paused: true }));
      store.upsertRobot(aRobot({ id: 'r', name: 'R', paused: false }));
    });
    act(() => vi.advanceTimersByTime(600));
    expect(row('p').querySelector('[data-robot-hint="resume"]')?.textContent).toBe('Wstrzymany: wznawia pielęgniarka lub kierownik zmiany.');
    expect(row('p').querySelector('[data-robot-action="resume"]')).toBeNull();
    expect(row('r').querySelector('[data-robot-hint="resume"]')).toBeNull();
  });

  it('tells a carer during a fleet stop that only the manager resumes, as the stop banner does', () => {
    const { store } = renderWithApp(<RobotsPanel onShowOnMap={() => undefined} />, { language: 'pl', permissions: ['robot.pause', 'fleet.stop'], role: 'carer' });
    act(() => {
      store.setFleet({ stopped: true, stop: { at: '2026-11-23T08:00:00.000Z', byId: 'u1', byName: 'Anna Nowak' }, online: 1, paused: 1 });
      store.upsertRobot(aRobot({ id: 'p', name: 'P', paused: true }));
    });
    act(() => vi.advanceTimersByTime(600));
    expect(row('p').querySelector('[data-robot-hint="resume"]')?.textContent).toBe('Wstrzymany: flota jest zatrzymana, wznawia kierownik zmiany.');
  });

  it('names a known robot kind in the staff\'s language and shows any other model as reported', () => {
    show('pl', aRobot({ id: 'c', model: 'carrier' }), aRobot({ id: 'a', model: 'care-assistant' }), aRobot({ id: 'x', model: 'MiR250' }));
    const model = (id: string) => row(id).querySelectorAll('td')[0]!.textContent;
    expect([model('c'), model('a'), model('x')]).toEqual(['Robot transportowy', 'Asystent opieki', 'MiR250']);
  });
});
