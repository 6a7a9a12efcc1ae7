import { act, fireEvent, screen, within } from '@testing-library/react';
import type { StaffPermission } from '../api/contract';
import { aRobot, aTask } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { StaffQueuePanel } from './staff-queue-panel';

/** A facility without wards (the queue shows every task). */
const NO_WARDS = { wards: () => Promise.resolve([]), staff: () => Promise.resolve([]), residents: () => Promise.resolve([]) };
/** No robot measurement waits for a nurse. */
const NONE = { preliminaryMeasurements: () => Promise.resolve([]), ...NO_WARDS };

const WARDS = [
  { id: 'U', name: 'Oddział urazowy', rooms: ['7'] },
  { id: 'W', name: 'Oddział wewnętrzny', rooms: ['12'] },
];
/** Wards U and W; the signed-in member (u1) works on U. */
const ON_WARD_U = { preliminaryMeasurements: () => Promise.resolve([]), residents: () => Promise.resolve([]), wards: () => Promise.resolve(WARDS), staff: () => Promise.resolve([{ id: 'u1', username: 'ewa', displayName: 'Ewa', role: 'nurse' as const, wardIds: ['U'] }]) };
const queued = () => [...document.querySelectorAll('[data-queue-task]')].map((el) => el.getAttribute('data-queue-task'));
const wardPicker = () => document.querySelector('[data-field="queue-wards"]') as HTMLSelectElement;

const STAFF: StaffPermission[] = ['task.create', 'task.claim'];
const item = (id: string) => document.querySelector(`[data-queue-task="${id}"]`) as HTMLElement;

describe('<StaffQueuePanel>', () => {
  it('lists tasks for people, most urgent first, with the care plan, ward and why they came to staff', () => {
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF });
    act(() => {
      store.upsertTask(aTask({ id: 'turn', type: 'reposition', kind: 'visit', atNode: 'u-r7', from: undefined, to: undefined, performer: 'staff', carePlanId: 'p1', wardId: 'U' }));
      store.upsertTask(aTask({ id: 'esc', priority: 'stat', performer: 'staff', escalationReason: 'no-capable-robot', statusReason: 'no robot of the fleet can do pick' }));
      store.upsertTask(aTask({ id: 'robots', performer: 'robot' }));
      store.upsertTask(aTask({ id: 'done', performer: 'staff', status: 'completed' }));
    });
    const ids = [...document.querySelectorAll('[data-queue-task]')].map((el) => el.getAttribute('data-queue-task'));
    expect(ids).toEqual(['esc', 'turn']);
    expect(within(item('turn')).getByText('Z planu opieki')).toBeTruthy();
    expect(within(item('turn')).getByText('Oddział U')).toBeTruthy();
    // why, in Polish (the api's statusReason is English detail)
    expect(within(item('esc')).getByText('Przekazane personelowi: żaden robot floty tego nie zrobi')).toBeTruthy();
    expect(screen.getByText('W kolejce: 2')).toBeTruthy();
  });

  it('claims, completes and hands back through the api, and shows the answer at once', async () => {
    const task = aTask({ id: 'q1', performer: 'staff' });
    const staffTask = vi.fn().mockImplementation((id: string, step: string) => Promise.resolve({ ...task, id, status: step === 'claim' ? 'accepted' : 'ready', staffId: step === 'claim' ? 'u1' : undefined }));
    const { store } = renderWithApp(<StaffQueuePanel />, { api: { staffTask, ...NONE }, permissions: STAFF });
    act(() => {
      // a robot able to do it: the task may go back to the fleet
      store.upsertRobot(aRobot({ actions: task.requires }));
      store.upsertTask(task);
    });
    await act(async () => {
      fireEvent.click(within(item('q1')).getByText('Biorę'));
    });
    expect(staffTask).toHaveBeenCalledWith('q1', 'claim');
    expect(within(item('q1')).getByText('Twoje')).toBeTruthy();
    expect(within(item('q1')).queryByText('Biorę')).toBeNull();
    await act(async () => {
      fireEvent.click(within(item('q1')).getByText('Oddaj robotom'));
    });
    expect(staffTask).toHaveBeenLastCalledWith('q1', 'hand-back');
    // done cannot be taken back: asked once; "not yet" sends nothing
    fireEvent.click(within(item('q1')).getByText('Zrobione'));
    const dialog = () => within(screen.getByTestId('confirm-complete'));
    expect(dialog().getByText(/zostanie zapisane jako wykonane przez Ciebie/)).toBeTruthy();
    expect(document.activeElement).toBe(dialog().getByText('Jeszcze nie')); // a stray Enter closes nothing
    fireEvent.click(dialog().getByText('Jeszcze nie'));
    expect(screen.queryByTestId('confirm-complete')).toBeNull();
    expect(staffTask).toHaveBeenLastCalledWith('q1', 'hand-back');
    fireEvent.click(within(item('q1')).getByText('Zrobione'));
    await act(async () => {
      fireEvent.click(dialog().getByText('Tak, zrobione'));
    });
    expect(staffTask).toHaveBeenLastCalledWith('q1', 'complete');
    expect(screen.queryByTestId('confirm-complete')).toBeNull();
  });

  it('leaves a colleague’s task alone and shows no buttons to a role that may not take tasks', () => {
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: ['task.create'] });
    act(() => {
      store.upsertTask(aTask({ id: 'other', performer: 'staff', status: 'accepted', staffId: 'someone' }));
      store.upsertTask(aTask({ id: 'free', performer: 'staff' }));
    });
    expect(within(item('other')).getByText('Zajmuje się tym ktoś inny')).toBeTruthy();
    expect(within(item('free')).queryAllByRole('button')).toHaveLength(0);
  });

  it('prompts a nurse to confirm a medication handover at the room and a load at the pharmacy', async () => {
    const custody = vi.fn().mockResolvedValue([]);
    const { store } = renderWithApp(<StaffQueuePanel />, { api: { custody, ...NONE }, permissions: STAFF });
    const atRoom = aRobot({ name: 'Lek-1', lastNodeId: 'u-r7' });
    const atPharmacy = aRobot({ name: 'Lek-2', lastNodeId: 'g-lab' });
    act(() => {
      store.upsertRobot(atRoom);
      store.upsertRobot(atPharmacy);
      store.upsertTask(aTask({ id: 'm1', type: 'medication', status: 'on-hold', robotId: atRoom.id, from: 'g-lab', to: 'u-r7' }));
      store.upsertTask(aTask({ id: 'm2', type: 'medication', status: 'in-progress', robotId: atPharmacy.id, from: 'g-lab', to: 'u-r12' }));
      store.upsertTask(aTask({ id: 'm3', type: 'medication', status: 'in-progress', robotId: atRoom.id, from: 'g-lab', to: 'u-r12' }));
    });
    const prompts = within(screen.getByTestId('custody-prompts'));
    expect(prompts.getByText('Lek-1 czeka w sali na przekazanie leków')).toBeTruthy();
    expect(prompts.getByText('Lek-2 czeka w aptece na załadunek')).toBeTruthy();
    expect(document.querySelector('[data-custody-task="m3"]')).toBeNull();
    await act(async () => {
      fireEvent.click(prompts.getByText('Potwierdzam przekazanie'));
    });
    expect(custody).toHaveBeenCalledWith('m1', 'handover');
    await act(async () => {
      fireEvent.click(prompts.getByText('Potwierdzam załadunek'));
    });
    expect(custody).toHaveBeenLastCalledWith('m2', 'load');
  });

  it('keeps the load button off after the load is recorded, while the robot still stands at the pharmacy', async () => {
    const custody = vi.fn().mockResolvedValue([]);
    const { store } = renderWithApp(<StaffQueuePanel />, { api: { custody, ...NONE }, permissions: STAFF });
    const robot = aRobot({ lastNodeId: 'g-lab' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'm2', type: 'medication', status: 'in-progress', robotId: robot.id, from: 'g-lab', to: 'u-r12' }));
    });
    const load = () => document.querySelector<HTMLButtonElement>('[data-action="custody-load"]')!;
    await act(async () => {
      fireEvent.click(load());
    });
    expect(load().disabled).toBe(true);
    await act(async () => {
      fireEvent.click(load());
    });
    expect(custody).toHaveBeenCalledTimes(1);
  });

  it('shows the prompts to a carer without the buttons: only a nurse confirms', () => {
    const robot = aRobot({ lastNodeId: 'u-r7' });
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF, role: 'carer', language: 'en' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'm1', type: 'medication', status: 'on-hold', robotId: robot.id }));
    });
    const prompt = within(document.querySelector('[data-custody-task="m1"]') as HTMLElement);
    expect(prompt.getByText('A nurse confirms this.')).toBeTruthy();
    expect(prompt.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText('Nothing is waiting for staff.')).toBeTruthy();
  });

  it('shows a carer a medication task in the queue without Take / Done: only a nurse gives medication', () => {
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF, role: 'carer' });
    act(() => {
      store.upsertTask(aTask({ id: 'dose', type: 'medication', performer: 'staff', escalationReason: 'load-missed' }));
      store.upsertTask(aTask({ id: 'turn', type: 'reposition', performer: 'staff' }));
    });
    expect(within(item('dose')).queryAllByRole('button')).toHaveLength(0);
    expect(within(item('dose')).getByText('Potwierdza pielęgniarka.')).toBeTruthy();
    expect(within(item('turn')).getByText('Zrobione')).toBeTruthy();
  });

  it('follows the custody types the api is configured with, not the word "medication"', () => {
    // an api with CUSTODY_TASK_TYPES=controlled-drug: its deliveries wait for a nurse, a plain medication task does not
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF, role: 'carer', custodyTypes: ['controlled-drug'] });
    const robot = aRobot({ lastNodeId: 'u-r7' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'cd', type: 'Controlled-Drug', status: 'on-hold', robotId: robot.id }));
      store.upsertTask(aTask({ id: 'cd-staff', type: 'controlled-drug', performer: 'staff' }));
      store.upsertTask(aTask({ id: 'med-staff', type: 'medication', performer: 'staff' }));
    });
    expect(document.querySelector('[data-custody-task="cd"]')).not.toBeNull();
    expect(within(item('cd-staff')).queryAllByRole('button')).toHaveLength(0);
    expect(within(item('med-staff')).getByText('Zrobione')).toBeTruthy();
  });

  it('tells a nurse to confirm on the robot, with no button, when the robot cannot be opened from the dashboard', () => {
    // a vendor's vehicle whose factsheet lists no releaseTrigger; a "Medication" typed task is a delivery all the same
    const robot = aRobot({ lastNodeId: 'u-r7', instantActions: ['cancelOrder', 'startPause', 'stopPause'] });
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF, role: 'nurse' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'm1', type: 'Medication', status: 'on-hold', robotId: robot.id }));
    });
    const prompt = within(document.querySelector('[data-custody-task="m1"]') as HTMLElement);
    expect(prompt.getByText(/pielęgniarka potwierdza na robocie/)).toBeTruthy();
    expect(prompt.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows robot measurements as preliminary, verbatim, for a nurse to confirm or reject', async () => {
    const waiting = [
      { id: 'm1', taskId: 't1', robotId: 'Test:V1', actionType: 'measureVitals', text: 'BP 130/85; HR 72', at: '2026-11-23T07:30:00.000Z', status: 'preliminary' },
      { id: 'm2', taskId: 't2', robotId: 'Test:V1', actionType: 'measureVitals', text: 'BP 150/95', at: '2026-11-23T07:40:00.000Z', status: 'preliminary' },
    ];
    const reviewMeasurement = vi.fn().mockResolvedValue({});
    renderWithApp(<StaffQueuePanel />, { api: { preliminaryMeasurements: vi.fn().mockResolvedValue(waiting), reviewMeasurement, ...NO_WARDS }, permissions: STAFF });
    expect(await screen.findByText('BP 130/85; HR 72')).toBeTruthy();
    expect(within(screen.getByTestId('measurements')).getAllByText('Wstępny')).toHaveLength(2);
    await act(async () => {
      fireEvent.click(within(document.querySelector('[data-measurement="m1"]') as HTMLElement).getByText('Potwierdzam'));
    });
    expect(reviewMeasurement).toHaveBeenCalledWith('m1', 'confirm');
    expect(document.querySelector('[data-measurement="m1"]')).toBeNull();
    await act(async () => {
      fireEvent.click(within(document.querySelector('[data-measurement="m2"]') as HTMLElement).getByText('Odrzucam'));
    });
    expect(reviewMeasurement).toHaveBeenLastCalledWith('m2', 'reject');
    expect(screen.queryByTestId('measurements')).toBeNull();
  });

  it('shows a carer the preliminary measurements without review buttons', async () => {
    const waiting = [{ id: 'm1', taskId: 't1', robotId: 'r', actionType: 'measureVitals', text: 'HR 72', at: '2026-11-23T07:30:00.000Z', status: 'preliminary' }];
    renderWithApp(<StaffQueuePanel />, { api: { preliminaryMeasurements: vi.fn().mockResolvedValue(waiting), ...NO_WARDS }, permissions: STAFF, role: 'carer' });
    const item = await screen.findByText('HR 72');
    expect(within(item.closest('li')!).queryAllByRole('button')).toHaveLength(0);
    expect(within(item.closest('li')!).getByText('Potwierdza pielęgniarka.')).toBeTruthy();
  });

  describe('by ward', () => {
    beforeEach(() => localStorage.clear());

    const fill = (store: ReturnType<typeof renderWithApp>['store']) =>
      act(() => {
        store.upsertTask(aTask({ id: 'u-task', performer: 'staff', wardId: 'U' }));
        store.upsertTask(aTask({ id: 'w-task', performer: 'staff', wardId: 'W' }));
        store.upsertTask(aTask({ id: 'no-ward', performer: 'staff' }));
      });

    it("starts on the member's own wards (and work of no ward), and shows every ward or one other on request", async () => {
      const { store } = renderWithApp(<StaffQueuePanel />, { api: ON_WARD_U, permissions: STAFF });
      fill(store);
      expect(await screen.findByText('Moje: Oddział urazowy')).toBeTruthy();
      expect(queued().sort()).toEqual(['no-ward', 'u-task']);
      expect(screen.getByText('W kolejce: 2')).toBeTruthy();
      act(() => {
        fireEvent.change(wardPicker(), { target: { value: 'all' } });
      });
      expect(queued().sort()).toEqual(['no-ward', 'u-task', 'w-task']);
      act(() => {
        fireEvent.change(wardPicker(), { target: { value: 'ward:W' } });
      });
      expect(queued().sort()).toEqual(['no-ward', 'w-task']);
    });

    it('remembers the choice for the member on this device, and falls back when its ward is gone', async () => {
      const first = renderWithApp(<StaffQueuePanel />, { api: ON_WARD_U, permissions: STAFF });
      await screen.findByText('Moje: Oddział urazowy');
      act(() => {
        fireEvent.change(wardPicker(), { target: { value: 'ward:W' } });
      });
      first.unmount();
      const again = renderWithApp(<StaffQueuePanel />, { api: ON_WARD_U, permissions: STAFF });
      fill(again.store);
      await screen.findByText('Moje: Oddział urazowy');
      expect(wardPicker().value).toBe('ward:W');
      expect(queued().sort()).toEqual(['no-ward', 'w-task']);
      again.unmount();
      const onlyU = { ...ON_WARD_U, wards: () => Promise.resolve(WARDS.slice(0, 1)) };
      const later = renderWithApp(<StaffQueuePanel />, { api: onlyU, permissions: STAFF });
      fill(later.store);
      await screen.findByText('Moje: Oddział urazowy');
      expect(wardPicker().value).toBe('mine');
      expect(queued().sort()).toEqual(['no-ward', 'u-task']);
    });

    it('shows every ward to a member with none of their own, and everything when the wards cannot be loaded', async () => {
      const noneOwn = { ...ON_WARD_U, staff: () => Promise.resolve([]) };
      const { store, unmount } = renderWithApp(<StaffQueuePanel />, { api: noneOwn, permissions: STAFF });
      fill(store);
      await screen.findByText('Wszystkie oddziały');
      expect(screen.queryByText(/^Moje:/)).toBeNull();
      expect(queued().sort()).toEqual(['no-ward', 'u-task', 'w-task']);
      unmount();
      const failing = { ...ON_WARD_U, wards: () => Promise.reject(new Error('offline')) };
      const second = renderWithApp(<StaffQueuePanel />, { api: failing, permissions: STAFF });
      fill(second.store);
      await act(async () => undefined);
      expect(wardPicker()).toBeNull();
      expect(queued().sort()).toEqual(['no-ward', 'u-task', 'w-task']);
    });

    it("asks a nurse only about her wards' medication robots", async () => {
      const { store } = renderWithApp(<StaffQueuePanel />, { api: ON_WARD_U, permissions: STAFF });
      const robot = aRobot({ name: 'Lek-1', lastNodeId: 'u-r7' });
      act(() => {
        store.upsertRobot(robot);
        store.upsertTask(aTask({ id: 'mu', type: 'medication', status: 'on-hold', robotId: robot.id, wardId: 'U' }));
        store.upsertTask(aTask({ id: 'mw', type: 'medication', status: 'on-hold', robotId: robot.id, wardId: 'W' }));
      });
      await screen.findByText('Moje: Oddział urazowy');
      expect(document.querySelector('[data-custody-task="mu"]')).not.toBeNull();
      expect(document.querySelector('[data-custody-task="mw"]')).toBeNull();
    });
  });

  it('names the resident a queue item or a medication prompt is for (a room often has two), and the ward by its name', async () => {
    const residents = () => Promise.resolve([
      { id: 'res-1', displayName: 'Tadeusz B.', roomId: '104', bed: 1, wardId: 'U' },
      { id: 'res-2', displayName: 'Krystyna S.', roomId: '104', bed: 2, wardId: 'U' },
    ]);
    const { store } = renderWithApp(<StaffQueuePanel />, { api: { ...ON_WARD_U, residents }, permissions: STAFF });
    const robot = aRobot({ name: 'Lek-1', lastNodeId: 'u-r7' });
    act(() => {
      store.upsertRobot(robot);
      store.upsertTask(aTask({ id: 'turn-1', type: 'reposition', kind: 'visit', atNode: 'u-r7', from: undefined, to: undefined, performer: 'staff', wardId: 'U', residentId: 'res-1' }));
      store.upsertTask(aTask({ id: 'turn-2', type: 'reposition', kind: 'visit', atNode: 'u-r7', from: undefined, to: undefined, performer: 'staff', wardId: 'U', residentId: 'res-2' }));
      store.upsertTask(aTask({ id: 'med', type: 'medication', status: 'on-hold', robotId: robot.id, wardId: 'U', residentId: 'res-2' }));
    });
    await screen.findAllByText('Tadeusz B.');
    expect(within(item('turn-1')).getByText('Tadeusz B.')).toBeTruthy();
    expect(within(item('turn-2')).getByText('Krystyna S.')).toBeTruthy();
    expect(within(item('turn-1')).getByText('Oddział urazowy')).toBeTruthy();
    expect(within(document.querySelector('[data-custody-task="med"]') as HTMLElement).getByText('Krystyna S.')).toBeTruthy();
  });

  it('offers "give back to robots" only for a task some robot of the fleet could do', () => {
    const { store } = renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: STAFF });
    act(() => {
      store.upsertRobot(aRobot({ actions: ['pick', 'drop'] }));
      store.upsertTask(aTask({ id: 'carry', performer: 'staff', requires: ['pick', 'drop'] }));
      store.upsertTask(aTask({ id: 'turn', type: 'reposition', performer: 'staff', requires: ['reposition'] }));
    });
    expect(within(item('carry')).queryByText('Oddaj robotom')).not.toBeNull();
    expect(within(item('turn')).queryByText('Oddaj robotom')).toBeNull();
    expect(within(item('turn')).getByText('Zrobione')).toBeTruthy();
  });
});
