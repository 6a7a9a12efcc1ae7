import { aTask, smallFacility } from '../test/fixtures';
import { createI18n } from '../i18n/i18n';
import { FacilityIndex } from '../facility/facility-index';
import type { Alert } from '../api/contract';
import { alertText, escalationText } from './alert-text';

const facility = new FacilityIndex(smallFacility);
const alert = (kind: string, taskId?: string): Alert =>
  ({ id: 'a1', at: '2026-11-23T08:30:00.000Z', kind, severity: 'stat', taskId, robotId: 'Test:R1', message: 'Task vitals t-1 goes to staff of ward F1: to staff: it would miss its deadline (due 2026-11-23T08:30:31.000Z)' }) as Alert;

describe('alertText', () => {
  it.each([
    ['pl', /^Przekazane personelowi: Pomiar parametrów — .+ — robot nie zdążyłby przed terminem\.$/],
    ['en', /^Passed to staff: Vital signs — .+ — a robot would miss the deadline\.$/],
  ] as const)('words a task passed to staff in the staff language with why, not the api’s English detail (%s)', (language, expected) => {
    const i18n = createI18n(language);
    const task = aTask({ id: 't-1', type: 'vitals', kind: 'visit', atNode: 'u-r7', from: undefined, to: undefined, performer: 'staff', escalationReason: 'deadline-at-risk' });
    const text = alertText(i18n.t, alert('task-escalated', 't-1'), new Map(), new Map([[task.id, task]]), facility);
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/2026-11-23T|t-1/);
  });

  it('words a patrol finding and a robot failing in Polish too', () => {
    const { t } = createI18n('pl');
    expect(alertText(t, alert('patrol-finding'), new Map(), new Map(), facility)).toMatch(/^Obchód: robot Test:R1 zgłasza coś w sali/);
    expect(alertText(t, alert('robot-failing'), new Map(), new Map(), facility)).toMatch(/^Robot Test:R1 porzucił kilka zadań z rzędu/);
    expect(alertText(t, alert('robot-order-limit'), new Map(), new Map(), facility)).toMatch(/^Robot Test:R1 nie przyjmie części zleceń: są dłuższe, niż pozwala jego producent/);
    expect(alertText(t, alert('task-done-offline'), new Map(), new Map(), facility)).toMatch(/^Robot Test:R1 wykonał zadanie bez łączności/);
    expect(alertText(createI18n('en').t, alert('task-done-offline'), new Map(), new Map(), facility)).toMatch(/^Robot Test:R1 did .* while out of contact/);
  });

  it('tells a delivery nobody loaded at the pharmacy from one nobody took at the room: the medication never left', () => {
    const { t } = createI18n('pl');
    expect(escalationText(t, { escalationReason: 'load-missed' })).toBe('nikt nie załadował leków do robota w aptece — leki są nadal w aptece');
    expect(escalationText(t, { escalationReason: 'handover-missed' })).toBe('nikt nie odebrał leków od robota');
  });
});
