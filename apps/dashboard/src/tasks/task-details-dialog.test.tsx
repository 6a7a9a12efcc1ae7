import { act, fireEvent, screen } from '@testing-library/react';
import { aRobot, aTask } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { TaskDetailsDialog } from './task-details-dialog';

describe('<TaskDetailsDialog>', () => {
  it('says a task handed to staff waits for a member of staff, and why in Polish — not "waiting for a robot" and the api’s English', async () => {
    const task = aTask({ id: 'v1', status: 'ready', performer: 'staff', escalationReason: 'deadline-at-risk', statusReason: 'to staff: it would miss its deadline (due 2026-11-23T08:30:31.000Z)' });
    const api = { task: vi.fn().mockResolvedValue({ ...task, history: [] }), staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="v1" onClose={() => undefined} />, { api });
    await act(async () => {
      store.upsertTask(task);
    });
    expect(document.querySelector('[data-field="status"]')?.textContent).toBe('Czeka na osobę z personelu');
    expect(screen.getByText('robot nie zdążyłby przed terminem')).toBeTruthy();
    expect(screen.queryByText(/2026-11-23T08:30/)).toBeNull();
  });

  it('keeps "waiting for a robot" for the fleet’s own tasks', async () => {
    const task = aTask({ id: 'm1', status: 'ready' });
    const api = { task: vi.fn().mockResolvedValue({ ...task, history: [] }), staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="m1" onClose={() => undefined} />, { api });
    await act(async () => {
      store.upsertTask(task);
    });
    expect(document.querySelector('[data-field="status"]')?.textContent).toBe('Czeka na robota');
  });

  it('names the member of staff who raised or cancelled it in its history, not just "staff"', async () => {
    const task = aTask({ id: 'c1', status: 'cancelled' });
    const history = [
      { at: '2026-11-23T08:00:00.000Z', from: null, to: 'requested', causeKind: 'staff', causeId: 'u-nurse' },
      { at: '2026-11-23T08:05:00.000Z', from: 'ready', to: 'cancelled', causeKind: 'staff', causeId: 'u-gone', reason: 'not needed' },
    ];
    const api = { task: vi.fn().mockResolvedValue({ ...task, history }), staff: () => Promise.resolve([{ id: 'u-nurse', username: 'pielegniarka', displayName: 'Ewa Kowalska', role: 'nurse' as const, wardIds: [] }]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="c1" onClose={() => undefined} />, { api, language: 'en' });
    await act(async () => {
      store.upsertTask(task);
    });
    const causes = [...document.querySelectorAll('.history-cause')].map((el) => el.textContent);
    expect(causes[0]).toContain('Ewa Kowalska');
    // someone no longer on the staff list: still "staff"
    expect(causes[1]).not.toContain('u-gone');
  });

  it('says the robot waits at the pharmacy to be loaded instead of an ETA', async () => {
    const robot = aRobot({ lastNodeId: 'g-kitchen', state: 'working' });
    const task = aTask({ id: 'p1', type: 'medication', status: 'in-progress', robotId: robot.id, from: 'g-kitchen', to: 'u-r7' });
    const api = { task: vi.fn().mockResolvedValue({ ...task, history: [] }), staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="p1" onClose={() => undefined} />, { api, language: 'en' });
    await act(async () => {
      store.upsertRobot(robot);
      store.upsertTask(task);
    });
    expect(document.querySelector('[data-field="eta"]')?.textContent).toBe('Waiting to be loaded at the pharmacy');
  });

  it('names staff the api records by username as well as by account id', async () => {
    const task = aTask({ id: 'c3', status: 'cancelled' });
    const history = [
      { at: '2026-11-23T08:00:00.000Z', from: null, to: 'requested', causeKind: 'staff', causeId: 'opiekunka' },
      { at: '2026-11-23T08:05:00.000Z', from: 'ready', to: 'cancelled', causeKind: 'staff', causeId: 'u-nurse' },
    ];
    const staff = [
      { id: 'u-carer', username: 'opiekunka', displayName: 'Anna Nowak', role: 'carer' as const, wardIds: [] },
      { id: 'u-nurse', username: 'pielegniarka', displayName: 'Ewa Kowalska', role: 'nurse' as const, wardIds: [] },
    ];
    const api = { task: vi.fn().mockResolvedValue({ ...task, history }), staff: () => Promise.resolve(staff) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="c3" onClose={() => undefined} />, { api });
    await act(async () => {
      store.upsertTask(task);
    });
    const causes = [...document.querySelectorAll('.history-cause')].map((el) => el.textContent);
    expect(causes).toEqual(['przez: Anna Nowak', 'przez: Ewa Kowalska']);
  });

  it('words the history of a task with staff as its status: waiting for a member of staff from when it went to them', async () => {
    const task = aTask({ id: 'e1', status: 'ready', performer: 'staff', escalationReason: 'handover-missed', escalatedAt: '2026-11-23T08:10:00.000Z' });
    const history = [
      { at: '2026-11-23T08:00:00.000Z', from: null, to: 'requested', causeKind: 'system' },
      { at: '2026-11-23T08:00:00.000Z', from: 'requested', to: 'ready', causeKind: 'system' },
      { at: '2026-11-23T08:01:00.000Z', from: 'ready', to: 'accepted', causeKind: 'system' },
      { at: '2026-11-23T08:10:00.000Z', from: 'accepted', to: 'ready', causeKind: 'system', reason: 'to staff: nobody confirmed the handover in time' },
    ];
    const api = { task: vi.fn().mockResolvedValue({ ...task, history }), staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="e1" onClose={() => undefined} />, { api });
    await act(async () => {
      store.upsertTask(task);
    });
    const statuses = [...document.querySelectorAll('[data-testid="task-history"] strong')].map((el) => el.textContent);
    expect(statuses).toEqual(['Zgłoszone', 'Czeka na robota', 'Przydzielone', 'Czeka na osobę z personelu']);
  });

  it('words the whole history of a staff-only task for staff', async () => {
    const task = aTask({ id: 's1', status: 'ready', performer: 'staff' });
    const history = [
      { at: '2026-11-23T08:00:00.000Z', from: null, to: 'requested', causeKind: 'staff', causeId: 'u1' },
      { at: '2026-11-23T08:00:00.000Z', from: 'requested', to: 'ready', causeKind: 'staff', causeId: 'u1' },
    ];
    const api = { task: vi.fn().mockResolvedValue({ ...task, history }), staff: () => Promise.resolve([]) };
    const { store } = renderWithApp(<TaskDetailsDialog taskId="s1" onClose={() => undefined} />, { api });
    await act(async () => {
      store.upsertTask(task);
    });
    const statuses = [...document.querySelectorAll('[data-testid="task-history"] strong')].map((el) => el.textContent);
    expect(statuses).toEqual(['Zgłoszone dla personelu', 'Czeka na osobę z personelu']);
  });

  it('says the robot stops only when a robot has the task', async () => {
    const robot = aRobot({ name: 'Ola' });
    const waiting = aTask({ id: 'w1', status: 'ready' });
    const driving = aTask({ id: 'd1', status: 'in-progress', robotId: robot.id });
    const api = { task: (id: string) => Promise.resolve({ ...(id === 'w1' ? waiting : driving), history: [] }), staff: () => Promise.resolve([]) };
    const bodyOf = async (id: string) => {
      const view = renderWithApp(<TaskDetailsDialog taskId={id} onClose={() => undefined} />, { api });
      await act(async () => {
        view.store.upsertRobot(robot);
        view.store.upsertTask(id === 'w1' ? waiting : driving);
      });
      fireEvent.click(screen.getByText('Anuluj zadanie'));
      const body = screen.getByTestId('confirm-cancel').querySelector('.dialog-body')!.textContent;
      view.unmount();
      return body;
    };
    expect(await bodyOf('w1')).not.toContain('Robot');
    expect(await bodyOf('d1')).toContain('Robot przerwie jazdę');
  });
});
