import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWithApp } from '../test/render-with-app';
import { aRobot } from '../test/fixtures';
import { NewTaskDialog } from './new-task-dialog';

describe('<NewTaskDialog>', () => {
  it('offers what the fleet can do, says plainly what only a person can, and sends the template body', async () => {
    const createTask = vi.fn().mockResolvedValue({});
    const onClose = vi.fn();
    const { store } = renderWithApp(<NewTaskDialog onClose={onClose} />, { api: { createTask } });
    act(() => store.upsertRobot(aRobot({ actions: ['pick', 'drop'] })));

    const vitals = document.querySelector('[data-template="vitals"]') as HTMLButtonElement;
    expect(vitals.disabled).toBe(true);
    expect(document.querySelector('[data-unavailable="vitals"]')!.textContent).toContain('Żaden robot tego nie potrafi');
    expect(document.querySelector('[data-unavailable="linen"]')!.textContent).toContain('pralnia');

    fireEvent.click(document.querySelector('[data-template="meal"]')!);
    expect(screen.getByText('Może to zrobić robotów: 1')).toBeTruthy();
    fireEvent.click(document.querySelector('[data-room-choice="12"]')!);
    fireEvent.click(document.querySelector('[data-priority-choice="asap"]')!);
    await act(async () => {
      fireEvent.click(document.querySelector('[data-action="submit-task"]')!);
    });
    expect(createTask).toHaveBeenCalledWith(expect.objectContaining({ type: 'meal', priority: 'asap', from: 'g-kitchen', to: 'u-r12', pickAction: 'pick', dropAction: 'drop' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('warns that the task will wait when every capable robot is busy elsewhere', () => {
    const { store } = renderWithApp(<NewTaskDialog onClose={() => undefined} />, { api: {} });
    act(() => store.upsertRobot(aRobot({ actions: ['pick', 'drop'], paused: true })));
    fireEvent.click(document.querySelector('[data-template="meal"]')!);
    expect(screen.getByText(/Zadanie poczeka/)).toBeTruthy();
  });

  it('marks the chosen priority for assistive tech and by more than colour, with one tab stop and arrow keys', () => {
    renderWithApp(<NewTaskDialog onClose={() => undefined} />, { api: {} });
    const group = screen.getByRole('radiogroup', { name: 'Priorytet' });
    const radios = within(group).getAllByRole('radio');
    const state = () =>
      radios.map((r) => `${r.getAttribute('data-priority-choice')}:${r.getAttribute('aria-checked')}:${r.tabIndex}:${r.querySelector('.priority-check') ? 'ticked' : '-'}`);
    expect(state()).toEqual(['routine:true:0:ticked', 'urgent:false:-1:-', 'asap:false:-1:-', 'stat:false:-1:-']);

    fireEvent.click(within(group).getByRole('radio', { name: 'Natychmiast' }));
    expect(state()).toEqual(['routine:false:-1:-', 'urgent:false:-1:-', 'asap:false:-1:-', 'stat:true:0:ticked']);

    fireEvent.keyDown(radios[3]!, { key: 'ArrowLeft' });
    expect(within(group).getByRole('radio', { checked: true }).getAttribute('data-priority-choice')).toBe('asap');
    expect(document.activeElement).toBe(radios[2]);
    fireEvent.keyDown(radios[2]!, { key: 'Home' });
    fireEvent.keyDown(radios[0]!, { key: 'ArrowUp' });
    expect(within(group).getByRole('radio', { checked: true }).getAttribute('data-priority-choice')).toBe('stat');
    expect(document.activeElement).toBe(radios[3]);
  });

  it('previews a typed due time with its date when it falls tomorrow', () => {
    // 09:27 on 7 December in Kraków (UTC+1)
    vi.useFakeTimers({ now: new Date('2026-12-07T08:27:00Z'), toFake: ['Date'] });
    try {
      renderWithApp(<NewTaskDialog onClose={() => undefined} />, { api: {} });
      const time = document.querySelector('input[type="time"]') as HTMLInputElement;
      fireEvent.change(time, { target: { value: '08:00' } });
      expect(document.querySelector('.due-preview')?.textContent).toBe('8 gru, 08:00');
      fireEvent.change(time, { target: { value: '13:00' } });
      expect(document.querySelector('.due-preview')?.textContent).toBe('13:00');
    } finally {
      vi.useRealTimers();
    }
  });

  it('finds a room by number and takes it with Enter', () => {
    renderWithApp(<NewTaskDialog onClose={() => undefined} />, { api: {} });
    const search = document.querySelector('[data-room-search]') as HTMLInputElement;
    fireEvent.change(search, { target: { value: '12' } });
    expect(document.querySelectorAll('[data-room-choice]')).toHaveLength(1);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.getByText('Wybrano salę 12')).toBeTruthy();
  });
});
