/**
 * Azure Functions entry (package.json `main` → dist/app.js): registers every route of the one route table.
 * Dependencies are built on the first request, from app settings, so importing this module stays cheap.
 */
import azureFunctions from '@azure/functions';
import { readSettings } from './config.js';
import { createDeps, type Deps } from './deps.js';
import { registrations, toFunctionOptions } from './http/register.js';
import { ROUTES } from './http/routes.js';

let deps: Promise<Deps> | undefined;

function getDeps(): Promise<Deps> {
  deps ??= Promise.resolve()
    .then(() => createDeps(readSettings()))
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
