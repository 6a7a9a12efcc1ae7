import { createI18n } from '../i18n/i18n';
import { noteText, reasonText } from './task-note';

describe('noteText', () => {
  it('words an incident follow-up check in the staff language, without the incident id', () => {
    const task = { type: 'incident-check', note: 'Follow-up 2/10 after fall (incident e42c9c88-0a1b-4c2d-9e8f-001122334455)' };
    expect(noteText(createI18n('pl').t, task)).toBe('Kontrola 2 z 10 po zdarzeniu (upadek)');
    expect(noteText(createI18n('en').t, task)).toBe('Check 2 of 10 after an incident (fall)');
  });

  it('shows anyone’s own note as written, and a note like it on another type of task too', () => {
    const { t } = createI18n('pl');
    expect(noteText(t, { type: 'meal', note: 'Follow-up 2/10 after fall (incident x)' })).toBe('Follow-up 2/10 after fall (incident x)');
    expect(noteText(t, { type: 'incident-check', note: 'Pani Helena niespokojna' })).toBe('Pani Helena niespokojna');
    expect(noteText(t, { type: 'incident-check', note: undefined })).toBeUndefined();
  });
});

describe('reasonText', () => {
  const names = new Map([['opiekunka', 'Anna Nowak']]);

  it('words the api’s fixed sentences in the staff language, naming the member of staff', () => {
    const { t } = createI18n('pl');
    expect(reasonText(t, 'cancelled by opiekunka', names)).toBe('Anulowane przez: Anna Nowak');
    expect(reasonText(t, 'cancelled by someone-unknown', names)).toBe('Anulowane przez: someone-unknown');
    expect(reasonText(t, 'waiting at the room for a nurse to take the medication', names)).toBe('Czeka w sali na pielęgniarkę');
    expect(reasonText(t, 'medication handed over to a nurse (robot)', names)).toBe('Leki przekazane pielęgniarce (potwierdzone na robocie)');
    expect(reasonText(createI18n('en').t, 'cancelled over the api', names)).toBe('Cancelled by another system (API)');
  });

  it('shows a robot’s own words as written', () => {
    expect(reasonText(createI18n('pl').t, 'robot rejected the order: noRouteError: node F0-X unreachable', names)).toBe('robot rejected the order: noRouteError: node F0-X unreachable');
  });
});
