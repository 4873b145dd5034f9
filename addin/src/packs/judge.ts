import { validateWorkbook, type WorkbookInput, type WorkbookResult } from '@qms/templates';
import type { PaneServices } from '../app/services.ts';
import { workbookPackFor, type WorkbookPack } from './org-pack.ts';

/**
 * The check Check and Sync both run, so what Sync sends is what Check showed: a workbook from a pack is checked with
 * its own version's extra columns (fetched from the server), which puts them in each record's `extra`; without the
 * pack at hand, with the product's templates alone.
 */
export async function judgeWorkbook(
  services: PaneServices,
  org: string,
  input: WorkbookInput,
  asOf: string,
): Promise<{ checked: WorkbookResult; pack: WorkbookPack | undefined }> {
  const pack = await workbookPackFor(services, org, input);
  const checked =
    pack?.own && pack.tools ? pack.tools.checkWithPack(input, pack.own, asOf) : validateWorkbook(input, { asOf });
  return { checked, pack };
}
