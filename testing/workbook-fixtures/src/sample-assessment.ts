// Test support: an assessment of the sample workbook's records, for tests that need a real layout.
import { assess, type Assessment } from '@qms/engine';
import { sampleRecords } from './sample-workbook.js';

export function assessSample(): Assessment {
  return assess(sampleRecords(), undefined, '2026-06-30', { runs: 100 });
}
