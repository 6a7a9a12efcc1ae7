import { act, fireEvent, screen } from '@testing-library/react';
import { aTask } from '../test/fixtures';
import { renderWithApp } from '../test/render-with-app';
import { StaffQueuePanel } from './staff-queue-panel';

/** No robot measurement waits for a nurse; no wards to pick from. */
const NONE = { preliminaryMeasurements: () => Promise.resolve([]), wards: () => Promise.resolve([]), staff: () => Promise.resolve([]), residents: () => Promise.resolve([]) };

const RESIDENTS = [{ id: 'res-1', displayName: 'Helena B.', roomId: '7', bed: 1, wardId: 'U' }];

describe('<IncidentDialog> (from the staff queue)', () => {
  it('reports a fall for a resident with one request key, and the follow-up checks join the queue at once', async () => {
    const checks = [1, 2].map((n) => aTask({ id: `i1~check-${n}`, type: 'incident-check', kind: 'visit', atNode: 'u-r7', from: undefined, to: undefined, performer: 'staff', wardId: 'U' }));
    const reportIncident = vi.fn().mockRejectedValueOnce(new Error('timeout')).mockResolvedValue({ id: 'i1', residentId: 'res-1', kind: 'fall', followUps: checks });
    renderWithApp(<StaffQueuePanel />, { api: { ...NONE, residents: vi.fn().mockResolvedValue(RESIDENTS), reportIncident }, permissions: ['task.create', 'task.claim'] });
    fireEvent.click(screen.getByText('Zgłoś zdarzenie'));
    await screen.findByText('Helena B. — sala 7, łóżko 1');
    const submit = screen.getByText('Zgłoś');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(document.querySelector('[data-field="incident-resident"]')!, { target: { value: 'res-1' } });
    fireEvent.change(document.querySelector('[data-field="incident-description"]')!, { target: { value: ' Znaleziona na podłodze przy łóżku ' } });
    await act(async () => {
      fireEvent.click(submit);
    });
    expect(screen.getByRole('alert').textContent).toMatch(/timeout/);
    await act(async () => {
      fireEvent.click(screen.getByText('Zgłoś'));
    });
    expect(reportIncident).toHaveBeenCalledTimes(2);
    const [first, second] = reportIncident.mock.calls;
    expect(first![0]).toEqual({ residentId: 'res-1', kind: 'fall', description: 'Znaleziona na podłodze przy łóżku' });
    expect(second![1]).toBe(first![1]); // the retry carries the same key: the api answers the first report
    expect(screen.queryByTestId('incident-dialog')).toBeNull();
    expect(document.querySelectorAll('[data-queue-task^="i1~check-"]')).toHaveLength(2);
  });

  it('is not offered to a role that may not request tasks', () => {
    renderWithApp(<StaffQueuePanel />, { api: NONE, permissions: [] });
    expect(screen.queryByText('Zgłoś zdarzenie')).toBeNull();
  });
});
