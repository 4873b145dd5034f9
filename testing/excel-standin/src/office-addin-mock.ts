/**
 * Loads office-addin-mock. Its entry requires office-addin-manifest, whose validator needs ajv 8, but the
 * install tree hoists ajv 6 to the root, so the plain require fails ("Cannot find module 'ajv/dist/core'").
 * The mock only uses the manifest package's OfficeApp enum, so that module alone is put in its place.
 */
import { createRequire } from 'node:module';
import type * as MockModule from 'office-addin-mock';

const require = createRequire(import.meta.url);
const mockEntry = require.resolve('office-addin-mock');
const requireFromMock = createRequire(mockEntry);
const manifestEntry = requireFromMock.resolve('office-addin-manifest');
const officeAppPath = createRequire(manifestEntry).resolve('./officeApp');
try {
  requireFromMock('office-addin-manifest');
} catch {
  const officeApp = require(officeAppPath) as Record<string, unknown>;
  require.cache[manifestEntry] = {
    id: manifestEntry,
    filename: manifestEntry,
    loaded: true,
    exports: officeApp,
  } as unknown as NodeJS.Module;
}

export const { OfficeMockObject } = require('office-addin-mock') as typeof MockModule;
