import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { I18nProvider } from './i18n/i18n';
import { RouterProvider } from './lib/router';
import { joinSession, SessionProvider } from './lib/session';
import './styles.css';

// A tab opened without a session takes another tab's before the first render (else it would flash the sign-in page).
void joinSession().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RouterProvider>
        <I18nProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </I18nProvider>
      </RouterProvider>
    </StrictMode>,
  ),
);
