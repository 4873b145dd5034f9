/**
 * Local dev host entry (`npm run dev -w functions`, started by `npm start`): dev issuer, Azurite storage,
 * the same routes as Azure on http://localhost:7071/api.
 */
import { readSettings } from '../config.js';
import { createDeps } from '../deps.js';
import { startDevHost } from './host.js';

const env: NodeJS.ProcessEnv = { QMS_AUTH_MODE: 'dev', ...process.env };
const settings = readSettings(env);
const deps = await createDeps(settings);

// Azurite may still be starting: wait for it rather than failing the first requests.
for (let attempt = 1; ; attempt += 1) {
  try {
    await deps.tables.ensure();
    break;
  } catch (error) {
    if (attempt >= 60) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const host = await startDevHost(() => Promise.resolve(deps), {
  port: Number(env.QMS_PORT ?? 7071),
  host: env.QMS_HOST ?? '127.0.0.1',
});
console.log(`QMS API listening on ${host.url} (auth: ${settings.auth.mode}, CORS: ${settings.corsOrigins.join(', ')})`);

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
