import { formatIn } from './format';

describe('formatIn', () => {
  it.each([
    [60, 'pl', 'za 1 minutę'],
    [120, 'pl', 'za 2 minuty'],
    [300, 'pl', 'za 5 minut'],
    [3_600, 'pl', 'za 1 godzinę'],
    [7_200, 'pl', 'za 2 godziny'],
    [5_400, 'pl', 'za 1 godzinę 30 min'],
    [30, 'pl', 'za 30 sekund'],
    [60, 'en', 'in 1 minute'],
    [3_600, 'en', 'in 1 hour'],
  ] as const)('%i s in %s: "%s" (Polish takes the accusative after "za": not "za 1 godzina")', (seconds, language, expected) => {
    expect(formatIn(seconds, language)).toBe(expected);
  });
});
