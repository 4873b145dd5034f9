import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createServices } from './app/create-services.ts';
import { ServicesContext } from './app/services.ts';
import { detectHost } from './office/host.ts';

// The first view's chunk (and the templates package it needs) loads while Office starts up, and is handed to
// the shell ready-made: a lazy first view would show a fallback, and React holds a fallback's reveal ~300 ms.
const firstView = import('./views/TemplatesView.tsx');
const host = await detectHost(globalThis.Office, 5_000);
const services = createServices(host);
const initial = host.kind === 'outside-excel' ? undefined : (await firstView).default;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <ServicesContext.Provider value={services}>
          <App initialView={initial} />
        </ServicesContext.Provider>
      </FluentProvider>
    </StrictMode>,
  );
}
