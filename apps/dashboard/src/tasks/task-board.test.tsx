import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWithApp } from '../test/render-with-app';
import { aRobot, aTask } from '../test/fixtures';
import { TaskBoard } from './task-board';

const column = (name: string) => document.querySelector(`[data-column="${name}"]`) as HTMLElement;

describe('<TaskBoard>', () => {
  it('shows each task in its column with type, room, priority in words, robot and overdue flag', async () => {
    const { store } = renderWithApp(<TaskBoard />);
    const robot = aRobot({ name: 'Kuba' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'meal-7', type: 'meal', priority: 'stat', status: 'ready', to: 'u-r7', deadline: '2020-01-01T00:00:00Z' }));
      store.upsertTask(aTask({ id: 'vitals-1', type: 'vitals', kind: 'visit', atNode: 'g-r1', status: 'in-progress', robotId: robot.id, from: undefined, to: undefined }));
      store.upsertTask(aTask({ id: 'held', status: 'on-hold' }));
      store.upsertTask(aTask({ id: 'done', status: 'completed', finishedAt: new Date().toISOString() }));
    });
    const waiting = within(column('waiting'));
    expect(waiting.getByText('Posiłek')).toBeTruthy();
    expect(waiting.getByText('Sala 7')).toBeTruthy();
    expect(waiting.getByText('Natychmiast')).toBeTruthy();
    expect(waiting.getByText('Po terminie')).toBeTruthy();
    // Robot names and ETAs follow the robots at most once a second.
    expect(await within(column('underWay')).findByText('Robot: Kuba', {}, { timeout: 2500 })).toBeTruthy();
    expect(within(column('needsPerson')).getAllByRole('button')).toHaveLength(1);
    expect(within(column('doneToday')).getAllByRole('button')).toHaveLength(1);
  });

  it('says a medication robot waits for a nurse instead of a time that slides on while it stands there', async () => {
    const atPharmacy = aRobot({ name: 'Ola', lastNodeId: 'g-kitchen', state: 'working' });
    const atRoom = aRobot({ name: 'Ela', lastNodeId: 'u-r7', state: 'idle' });
    const { store } = renderWithApp(<TaskBoard />);
    act(() => {
      store.upsertRobot(atPharmacy);
      store.upsertRobot(atRoom);
      store.upsertTask(aTask({ id: 'load', type: 'medication', status: 'in-progress', robotId: atPharmacy.id, from: 'g-kitchen', to: 'u-r7' }));
      store.upsertTask(aTask({ id: 'handover', type: 'medication', status: 'on-hold', robotId: atRoom.id, from: 'g-kitchen', to: 'u-r7' }));
    });
    const card = (id: string) => document.querySelector(`[data-task="${id}"]`)!.textContent;
    await screen.findByText('Robot: Ola', {}, { timeout: 5000 });
    expect(card('load')).toContain('Czeka na załadunek w aptece');
    expect(card('load')).not.toContain('Ok.');
    expect(card('handover')).toContain('Czeka w sali na pielęgniarkę');
  });

  it('dates a deadline that is not today: 08:30 seen at 09:20 is tomorrow, not overdue', () => {
    // 09:20 on 7 December in Kraków (UTC+1)
    vi.useFakeTimers({ now: new Date('2026-12-07T08:20:00Z'), toFake: ['Date'] });
    try {
      const { store } = renderWithApp(<TaskBoard />);
      act(() => {
        store.upsertTask(aTask({ id: 'tomorrow', status: 'ready', deadline: '2026-12-08T07:30:00Z' }));
        store.upsertTask(aTask({ id: 'today', status: 'ready', deadline: '2026-12-07T12:30:00Z' }));
      });
      const card = (id: string) => document.querySelector(`[data-task="${id}"]`)!.textContent;
      expect(card('tomorrow')).toContain('Termin 8 gru, 08:30');
      expect(card('tomorrow')).not.toContain('Po terminie');
      expect(card('today')).toContain('Termin 13:30');
    } finally {
      vi.useRealTimers();
    }
  });

  it('filters by floor, type and priority from the filter bar', () => {
    const { store } = renderWithApp(<TaskBoard />);
    act(() => {
      store.upsertTask(aTask({ id: 'up', type: 'meal', to: 'u-r7' }));
      store.upsertTask(aTask({ id: 'down', type: 'lab-sample', priority: 'urgent', from: 'g-r1', to: 'g-lab' }));
    });
    const cards = () => [...document.querySelectorAll('[data-task]')].map((el) => el.getAttribute('data-task'));
    expect(cards().sort()).toEqual(['down', 'up']);
    fireEvent.change(document.querySelector('[data-filter="floor"]')!, { target: { value: 'U' } });
    expect(cards()).toEqual(['up']);
    fireEvent.change(document.querySelector('[data-filter="floor"]')!, { target: { value: '' } });
    fireEvent.change(document.querySelector('[data-filter="priority"]')!, { target: { value: 'urgent' } });
    expect(cards()).toEqual(['down']);
    fireEvent.click(screen.getByText('Wyczyść filtry'));
    expect(cards()).toHaveLength(2);
  });

  it('opens the history and cancels only after confirmation', async () => {
    const task = aTask({ id: 'c1', status: 'ready' });
    const cancelTask = vi.fn().mockResolvedValue({ ...task, status: 'cancelled' });
    const api = { task: vi.fn().mockResolvedValue({ ...task, history: [{ at: task.createdAt, from: null, to: 'requested', causeKind: 'staff' }] }), cancelTask, staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskBoard />, { api });
    act(() => store.upsertTask(task));
    fireEvent.click(document.querySelector('[data-task="c1"]')!);
    expect(await screen.findByTestId('task-history')).toBeTruthy();
    fireEvent.click(screen.getByText('Anuluj zadanie'));
    expect(cancelTask).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByText('Tak, anuluj zadanie'));
    });
    expect(cancelTask).toHaveBeenCalledWith('c1');
  });

  it('hides cancelling from a role that may not cancel', async () => {
    const task = aTask({ id: 'c2' });
    const { store } = renderWithApp(<TaskBoard />, { api: { task: vi.fn().mockResolvedValue(task), staff: () => Promise.resolve([]) }, permissions: ['task.create'] });
    act(() => store.upsertTask(task));
    fireEvent.click(document.querySelector('[data-task="c2"]')!);
    await screen.findByTestId('task-history');
    expect(screen.queryByText('Anuluj zadanie')).toBeNull();
  });
});
