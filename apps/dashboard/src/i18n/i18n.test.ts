import { createI18n } from './i18n';
import { en } from './en';
import { pl } from './pl';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const plKeys = leaves(pl as unknown as Tree);
  const enKeys = leaves(en as unknown as Tree);

  it('have every key in both languages', () => {
    expect([...enKeys.keys()].sort()).toEqual([...plKeys.keys()].sort());
  });

  it('leave no text empty and use the same placeholders in both languages', () => {
    for (const [key, text] of plKeys) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(enKeys.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('speak Polish by default and English when chosen, remembering the choice', async () => {
    localStorage.clear();
    const i18n = createI18n();
    expect(i18n.language).toBe('pl');
    expect(i18n.t('fleet.stopAll')).toBe('Zatrzymaj wszystkie roboty');
    const { chooseLanguage } = await import('./i18n');
    chooseLanguage(i18n, 'en');
    expect(i18n.t('fleet.stopAll')).toBe('Stop all robots');
    expect(createI18n().language).toBe('en');
  });
});
