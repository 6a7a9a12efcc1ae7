import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n/i18n';

/** Two big buttons rather than a menu: one tap, and each language named in itself. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng: Language) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className={i18n.language === lng ? 'segment segment-on' : 'segment'}
          aria-pressed={i18n.language === lng}
          onClick={() => chooseLanguage(i18n, lng)}
          data-testid={`language-${lng}`}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
