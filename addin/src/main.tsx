import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createServices } from './app/create-services.ts';
import { ServicesContext } from './app/services.ts';
import { detectHost, officeThemeIsDark, whenReady, type HostStatus } from './office/host.ts';

// The first view's chunk (and the templates package it needs) loads while Office starts up, and is handed to
// the shell ready-made: a lazy first view would show a fallback, and React holds a fallback's reveal ~300 ms.
const firstView = import('./views/TemplatesView.tsx');
const element = document.getElementById('root');
const root = element ? createRoot(element) : undefined;

function render(host: HostStatus, initial: ComponentType | undefined) {
  const services = createServices(host);
  root?.render(
    <StrictMode>
      <FluentProvider theme={officeThemeIsDark() ? webDarkTheme : webLightTheme}>
        <ServicesContext.Provider value={services}>
          <App initialView={initial} />
        </ServicesContext.Provider>
      </FluentProvider>
    </StrictMode>,
  );
}

const host = await detectHost(globalThis.Office, 5_000);
const needsViews = (h: HostStatus) => h.kind === 'excel' || h.kind === 'excel-too-old';
render(host, needsViews(host) ? (await firstView).default : undefined);
// A cold start can keep Office.onReady waiting well past 5 s: the pane says it is starting, then carries on.
if (host.kind === 'starting' && globalThis.Office) {
  const ready = await whenReady(globalThis.Office);
  render(ready, needsViews(ready) ? (await firstView).default : undefined);
}
