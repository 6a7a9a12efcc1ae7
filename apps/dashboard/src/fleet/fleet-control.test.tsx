import { act, screen } from '@testing-library/react';
import { aRobot } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { FleetStoppedBanner } from './fleet-control';

const STOPPED = { stopped: true, stop: { at: '2026-11-23T08:00:00.000Z', byId: 'u2', byName: 'Anna' }, online: 3, paused: 0 };

describe('<FleetStoppedBanner>', () => {
  it('waits for the robots to confirm their pause', () => {
    const { store } = renderWithApp(<FleetStoppedBanner />, { language: 'en' });
    act(() => {
      store.setFleet(STOPPED);
      store.upsertRobot(aRobot({ paused: true }));
      store.upsertRobot(aRobot({ paused: false }));
    });
    expect(screen.getByText(/Robots stopped: 1 of 2/).textContent).toContain('Waiting for the robots to confirm');
    expect(screen.queryByTestId('cannot-pause')).toBeNull();
  });

  it('names the robots that cannot pause (no startPause in their factsheet) instead of waiting for them for ever', () => {
    const { store } = renderWithApp(<FleetStoppedBanner />, { language: 'en' });
    act(() => {
      store.setFleet(STOPPED);
      store.upsertRobot(aRobot({ name: 'Carrier 1', paused: true, instantActions: ['startPause', 'stopPause', 'cancelOrder'] }));
      store.upsertRobot(aRobot({ name: 'Vendo 7', paused: false, instantActions: ['cancelOrder', 'stateRequest'] }));
      // factsheet not known yet: not counted as unable
      store.upsertRobot(aRobot({ name: 'Carrier 2', paused: true }));
    });
    expect(screen.getByText(/Robots stopped: 2 of 3/).textContent).toContain('Every robot that can pause has confirmed.');
    expect(screen.getByTestId('cannot-pause').textContent).toBe(
      'Cannot pause (no pause in the factsheet): Vendo 7 — no new work; each finishes its current order. Cancel its task to stop it sooner.',
    );
  });
});
