import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createServices } from './app/create-services.ts';
import { ServicesContext } from './app/services.ts';
import { detectHost } from './office/host.ts';

const host = await detectHost(globalThis.Office, 5_000);
const services = createServices(host);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <ServicesContext.Provider value={services}>
          <App />
        </ServicesContext.Provider>
      </FluentProvider>
    </StrictMode>,
  );
}
