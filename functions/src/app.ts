/**
 * Azure Functions entry (package.json `main` → dist/app.js): registers every route of the one route table.
 * Importing it loads only the table and the registration (the host indexes functions from these): dependencies
 * are built on the first request, from app settings, and the pipeline and each handler are imported on first
 * call (http/lazy.ts), so importing this module stays cheap.
 */
import azureFunctions from '@azure/functions';
import type { Deps } from './deps.js';
import { registrations, toFunctionOptions } from './http/register.js';
import { ROUTES } from './http/routes.js';

let deps: Promise<Deps> | undefined;

function getDeps(): Promise<Deps> {
  deps ??= Promise.resolve()
    .then(async () => {
      const [{ readSettings }, { createDeps }] = await Promise.all([import('./config.js'), import('./deps.js')]);
      return createDeps(readSettings());
    })
    .catch((error: unknown) => {
      deps = undefined;
      throw error;
    });
  return deps;
}

for (const reg of registrations(ROUTES, getDeps)) {
  azureFunctions.app.http(reg.name, toFunctionOptions(reg));
}

export { ROUTES } from './http/routes.js';
export type { Route, RouteContext } from './http/types.js';
