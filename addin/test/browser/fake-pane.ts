import { rmSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { buildPane, buildStandIn } from './build-pane.ts';
import { launchChromium } from './chromium.ts';
import type { FakeApi } from './fake-api.ts';
import { serve } from './serve.ts';

/** A token of the dev issuer's shape for user "tester" (the fake API checks only that there is one). */
export const DEV_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0ZXIifQ.';

export interface FakePane {
  /** Where the built pane and the fake API are served. */
  origin: string;
  /** The office.js stand-in, to serve at office.js's CDN URL. */
  standIn: string;
  browser: BrowserContext;
  close(): Promise<void>;
}

/** The built pane served beside `api`, and headless Chromium: what the fake-API browser tests share. */
export async function startFakePane(api: FakeApi): Promise<FakePane> {
  const [dist, standIn] = await Promise.all([buildPane(), buildStandIn()]);
  const { origin, server } = await serve(dist, api);
  const browser = await launchChromium();
  return {
    origin,
    standIn,
    browser,
    async close() {
      await browser.close();
      server.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}
