/**
 * Prints a dev access token: `npm run token -w functions -- [--user alice] [--name "Alice"] [--hours 12]`.
 * Signed with the dev key that the dev host trusts (functions/.dev, created on first use).
 */
import { parseArgs } from 'node:util';
import { loadOrCreateDevKeys, mintDevToken } from '../auth/dev-issuer.js';
import { DEFAULT_DEV_KEY_FILE } from '../config.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string', default: 'dev-user' },
    name: { type: 'string' },
    hours: { type: 'string', default: '12' },
  },
});
const keys = await loadOrCreateDevKeys(process.env.QMS_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE);
const user = values.user ?? 'dev-user';
const token = await mintDevToken(keys, {
  user,
  name: values.name ?? user,
  ttlSeconds: Math.round(Number(values.hours) * 3600),
});
process.stdout.write(`${token}\n`);
