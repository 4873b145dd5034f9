import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * Office requires production pages to load office.js from Microsoft's CDN. The dev server has no internet here,
 * so while serving (never in a build) it swaps the CDN tag for the same file from @microsoft/office-js.
 */
function officeJsOffline(): Plugin {
  const dist = join(here, '..', 'node_modules', '@microsoft', 'office-js', 'dist');
  return {
    name: 'qms-office-js-offline',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/office-js/', (req, res, next) => {
        const file = join(dist, (req.url ?? '').split('?')[0] ?? '');
        if (!file.startsWith(dist) || !existsSync(file)) return next();
        res.setHeader('Content-Type', 'text/javascript');
        createReadStream(file).pipe(res);
      });
    },
    transformIndexHtml(html) {
      return existsSync(join(dist, 'office.js')) ? html.replace(OFFICE_JS_CDN, '/office-js/office.js') : html;
    },
  };
}

/**
 * `file.xlsx?base64` imports the file as a base64 string (what insertWorksheetsFromBase64 takes). Each file
 * is its own lazily loaded chunk, so the pane's first load carries none of them.
 */
export function xlsxBase64(): Plugin {
  return {
    name: 'qms-xlsx-base64',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (query !== 'base64' || !file?.endsWith('.xlsx')) return null;
      return `export default ${JSON.stringify(readFileSync(file).toString('base64'))};`;
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), officeJsOffline(), xlsxBase64()],
  // Workspace packages export TypeScript sources under "source", so the pane builds without building them first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { taskpane: join(here, 'taskpane.html'), commands: join(here, 'commands.html') },
      // The workspace packages are pure (no module does anything on import but define values), so a module
      // whose exports go unused is dropped: a view that only needs the specs does not drag in the validation rules
      // and zod schemas, and importing ApiError from @qms/client does not bring the sync's contract schemas.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/](templates|contract|client|engine)[\\/]src[\\/]/.test(id),
      },
    },
  },
  server: { port: 3000, strictPort: true },
  preview: { port: 3000, strictPort: true },
});
