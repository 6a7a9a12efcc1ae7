import { createI18n } from '../i18n/i18n';
import { typeName } from './task-title';

describe('typeName', () => {
  it.each([
    ['pl', 'reposition', 'Zmiana pozycji'],
    ['pl', 'hydration', 'Nawadnianie'],
    ['pl', 'incident-check', 'Kontrola po zdarzeniu'],
    ['pl', 'medication-return', 'Zwrot leków do apteki'],
    ['pl', 'patrol', 'Obchód nocny'],
    ['en', 'reposition', 'Repositioning'],
    ['pl', 'window-cleaning', 'Zadanie: window-cleaning'],
  ] as const)('names the task types Opiekun raises itself in the staff language (%s %s)', (language, type, expected) => {
    expect(typeName(createI18n(language).t, type)).toBe(expected);
  });
});
