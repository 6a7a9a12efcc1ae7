import { act, fireEvent, screen, within } from '@testing-library/react';
import type { Handover } from '../api/contract';
import { renderWithApp } from '../test/render-with-app';
import { HandoverPanel } from './handover-panel';

const WARDS = [{ id: 'U', name: 'Oddział górny', rooms: ['7', '12'] }];
const RESIDENTS = [{ id: 'res-1', displayName: 'Helena B.', roomId: '7', bed: 1, wardId: 'U' }];
const draft: Handover = {
  id: 'h1',
  wardId: 'U',
  status: 'draft',
  shiftStart: '2026-11-23T06:00:00.000Z',
  shiftEnd: '2099-11-23T14:00:00.000Z',
  generatedAt: '2026-11-23T13:30:00.000Z',
  openTasks: [
    { id: 't1', type: 'meal', status: 'ready', priority: 'urgent', performer: 'robot', residentId: 'res-1', roomNode: 'u-r7' },
    { id: 't3', type: 'reposition', status: 'ready', priority: 'routine', performer: 'staff', residentId: 'res-1', roomNode: 'u-r7', earliestStart: '2026-11-23T15:00:00.000Z' },
  ],
  escalations: [{ taskId: 't2', type: 'linen', reason: 'no-capable-robot', at: '2026-11-23T09:00:00.000Z', detail: 'no robot can carry linen' }],
  alerts: [
    // generated before reports kept the robot and the task: the api's message is all there is
    { id: 'a1', kind: 'patrol-finding', severity: 'stat', at: '2026-11-23T10:00:00.000Z', message: 'Patrol finding in room 7', roomId: '7', acknowledged: true },
    {
      id: 'a2',
      kind: 'task-escalated',
      severity: 'warning',
      at: '2026-11-23T11:00:00.000Z',
      message: 'Task t2 goes to staff of ward U: no robot of the fleet can do it',
      acknowledged: false,
      task: { id: 't2', type: 'linen', placeNode: 'u-r7', escalationReason: 'no-capable-robot' },
    },
    { id: 'a3', kind: 'robot-offline', severity: 'warning', at: '2026-11-23T12:00:00.000Z', message: 'Robot Test:R9 went offline', robotId: 'Test:R9', acknowledged: false },
  ],
  residentsWithIncidents: [{ residentId: 'res-1', incidents: [{ id: 'i1', kind: 'fall', occurredAt: '2026-11-23T08:15:00.000Z' }] }],
};

const apiWith = (reports: Handover[], more: Record<string, unknown> = {}) => ({
  wards: vi.fn().mockResolvedValue(WARDS),
  residents: vi.fn().mockResolvedValue(RESIDENTS),
  handovers: vi.fn().mockResolvedValue(reports),
  ...more,
});

describe('<HandoverPanel>', () => {
  it('shows the ward report: open tasks, escalations, alerts and residents after an incident, by name', async () => {
    renderWithApp(<HandoverPanel />, { api: apiWith([draft]), permissions: ['care.manage'] });
    const report = await screen.findByText('Do podpisu');
    expect(report).toBeTruthy();
    const section = (name: string) => within(document.querySelector(`[data-section="${name}"]`) as HTMLElement);
    expect(section('open-tasks').getByText(/Posiłek — Sala 7/)).toBeTruthy();
    expect(section('open-tasks').getAllByText(/Helena B\./)).toHaveLength(2);
    // a staff task reads as one, with when it may start; why a task went to staff in Polish, not the api's English
    expect(section('open-tasks').getByText(/Zmiana pozycji — Sala 7 · Czeka na osobę z personelu/)).toBeTruthy();
    expect(section('open-tasks').getByText(/16:00/)).toBeTruthy();
    expect(section('escalations').getByText(/żaden robot floty tego nie zrobi/)).toBeTruthy();
    expect(section('alerts').getByText(/Patrol finding in room 7/)).toBeTruthy();
    // alerts the report kept with their robot and task read in Polish, not in the api's English
    expect(section('alerts').getByText(/Przekazane personelowi: Pościel — Sala 7 — żaden robot floty tego nie zrobi\./)).toBeTruthy();
    expect(section('alerts').getByText(/Robot Test:R9 stracił połączenie\./)).toBeTruthy();
    expect(section('alerts').queryByText(/goes to staff|went offline/)).toBeNull();
    expect(section('incidents').getByText('Helena B.')).toBeTruthy();
    expect(section('incidents').getByText(/Upadek/)).toBeTruthy();
    expect(screen.getByText('Mieszkańcy po zdarzeniu (72 h): 1')).toBeTruthy();
  });

  it('lets the outgoing nurse sign with a remark, then another nurse sign as the incoming one', async () => {
    const signHandover = vi.fn().mockResolvedValue({ ...draft, status: 'signed-out', note: 'Pani Helena niespokojna', outgoing: { staffId: 'u1', displayName: 'Ewa', at: '2026-11-23T13:50:00.000Z' } });
    renderWithApp(<HandoverPanel />, { api: apiWith([draft], { signHandover }), permissions: ['care.manage'] });
    fireEvent.change(await screen.findByRole('textbox'), { target: { value: ' Pani Helena niespokojna ' } });
    await act(async () => {
      fireEvent.click(screen.getByText('Podpisuję jako zdająca zmianę'));
    });
    expect(signHandover).toHaveBeenCalledWith('h1', 'outgoing', 'Pani Helena niespokojna');
    expect(screen.getByText('Podpisany przez zdającą')).toBeTruthy();
    expect(screen.getByTestId('handover-note').textContent).toBe('Uwagi: Pani Helena niespokojna');
    // The same nurse cannot take the shift over from herself.
    expect(screen.queryByText('Podpisuję jako przejmująca zmianę')).toBeNull();
  });

  it('offers the incoming signature to another nurse, and keeps a complete report without buttons', async () => {
    const signedOut: Handover = { ...draft, status: 'signed-out', outgoing: { staffId: 'someone-else', displayName: 'Anna', at: '2026-11-23T13:50:00.000Z' } };
    const signHandover = vi.fn().mockResolvedValue({ ...signedOut, status: 'complete', incoming: { staffId: 'u1', displayName: 'Ewa', at: '2026-11-23T14:01:00.000Z' } });
    renderWithApp(<HandoverPanel />, { api: apiWith([signedOut], { signHandover }), permissions: ['care.manage'] });
    const sign = await screen.findByText('Podpisuję jako przejmująca zmianę');
    await act(async () => {
      fireEvent.click(sign);
    });
    expect(signHandover).toHaveBeenCalledWith('h1', 'incoming');
    expect(screen.getByText('Przekazany')).toBeTruthy();
    expect(screen.getByText(/Przejęła: Ewa/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('prepares the first report of a ward, and shows a carer the report without signing', async () => {
    const generateHandover = vi.fn().mockResolvedValue(draft);
    renderWithApp(<HandoverPanel />, { api: apiWith([], { generateHandover }), permissions: ['care.manage'] });
    const prepare = await screen.findByText('Przygotuj raport zmiany');
    await act(async () => {
      fireEvent.click(prepare);
    });
    expect(generateHandover).toHaveBeenCalledWith('U');
    expect(screen.getByText('Do podpisu')).toBeTruthy();

    document.body.innerHTML = '';
    renderWithApp(<HandoverPanel />, { api: apiWith([draft]), permissions: ['task.create'], role: 'carer', language: 'en' });
    expect(await screen.findByText('Nurses sign the report.')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
