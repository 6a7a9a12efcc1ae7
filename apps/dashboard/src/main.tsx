import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { createI18n } from './i18n/i18n';
import './styles/app.css';

const i18n = createI18n();
// Marks for the first-render measurement (npm run bench:dashboard).
performance.mark('opiekun:start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
