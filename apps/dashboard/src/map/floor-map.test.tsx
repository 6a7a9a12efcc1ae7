import { act } from '@testing-library/react';
import type { Robot } from '../api/contract';
import { aRobot, aTask } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { FloorMap } from './floor-map';

describe('<FloorMap> route of the selected robot', () => {
  /** A meal from the ground-floor kitchen to room 7 upstairs, loaded, its robot then at `at` on the ground floor. */
  function show(floorId: string, at: Partial<Robot>) {
    const task = aTask({ status: 'in-progress', from: 'g-kitchen', to: 'u-r7', robotId: 'Test:lift' });
    const robot = aRobot({ id: 'Test:lift', state: 'moving', currentTaskId: task.id, lastNodeId: 'g-kitchen', position: { x: 0, y: 5, theta: 0 } });
    const { store } = renderWithApp(<FloorMap floorId={floorId} selectedRobotId={robot.id} onSelectRobot={() => undefined} />);
    act(() => {
      store.upsertTask(task);
      store.upsertRobot(robot); // at the kitchen: loaded
      store.upsertRobot({ ...robot, ...at });
    });
  }
  const lines = () => [...document.querySelectorAll('.route polyline')].map((l) => l.getAttribute('points')!.trim().split(' '));

  it('draws no dot-sized line for a robot waiting at the elevator, only the floor it goes on to (the dot hid the route from a browser check)', () => {
    show('G', { lastNodeId: 'g-lift', position: { x: 20, y: -3, theta: 0 } });
    expect(lines()).toEqual([]);
    expect(document.querySelector('.route-continues')?.textContent).toContain('Upper');
  });

  it('draws the route on a floor where it has more than one point', () => {
    show('G', { lastNodeId: 'g-c1', position: { x: 10, y: 0, theta: 0 } });
    expect(lines()).toEqual([['10,0', '20,0', '20,3']]);
    show('U', { lastNodeId: 'g-c1', position: { x: 10, y: 0, theta: 0 } });
    expect(lines().at(-1)!.length).toBeGreaterThan(1);
    expect(document.querySelector('[data-floor="U"] .route-destination')).not.toBeNull();
  });
});
