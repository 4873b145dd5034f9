/**
 * Which consultant's pack the pane works with (docs/api.md, Template packs): the one the signed-in user's
 * organisation is assigned (`GET /orgs/{org}/pack`), and, for a workbook built from a pack, the version it holds
 * and a later one to upgrade to. This file stays small and in the first load; what it does with a pack's content
 * is in pack-tools.ts, loaded on demand.
 */
import type { Pack, PackChange, PackRef, PackUpgrade, WorkbookInput } from '@qms/templates';
import type { PaneServices } from '../app/services.ts';
import { describeError } from '../app/describe-error.ts';

export type PackTools = typeof import('./pack-tools.ts');

/** The pack code, loaded once; a failed load is tried again next time. */
let tools: Promise<PackTools> | undefined;
export function loadPackTools(): Promise<PackTools> {
  tools ??= import('./pack-tools.ts').catch((error: unknown) => {
    tools = undefined;
    throw error;
  });
  return tools;
}

/** What the Templates view inserts: the organisation's pack, or the product's templates and why. */
export type OrgPackState =
  { kind: 'pack'; pack: Pack; tools: PackTools } | { kind: 'product'; why: string } | { kind: 'error'; why: string };

/** No token and no organisation mean no pack to ask for; neither is an error. */
async function orgOf(services: PaneServices, org: string): Promise<string | undefined> {
  const id = org.trim();
  if (id === '') return undefined;
  return (await services.auth.token()) === undefined ? undefined : id;
}

/** The organisation's pack, checked: the pane builds its files, so it checks the content as `qms pack build` does. */
export async function orgPackFor(services: PaneServices, org: string): Promise<OrgPackState> {
  try {
    const id = await orgOf(services, org);
    if (id === undefined)
      return {
        kind: 'product',
        why: "sign in and choose your organisation on the Sync tab to get your consultant's pack",
      };
    const answer = await services.api.orgPack(id);
    if (!answer.pack) return { kind: 'product', why: `organisation "${id}" has no pack assigned` };
    const loaded = await loadPackTools();
    const checked = loaded.checkedPack(answer.pack.content);
    if (!checked.ok)
      return {
        kind: 'error',
        why: `the pack ${answer.pack.id} v${answer.pack.version} of "${id}" does not fit this pane's templates (${checked.problem}); ask your consultant to publish a corrected version`,
      };
    return { kind: 'pack', pack: checked.pack, tools: loaded };
  } catch (error) {
    return { kind: 'error', why: describeError("Fetching your organisation's pack", error) };
  }
}

/** An upgrade the Check view offers: from the workbook's pack version to a later one the organisation may use. */
export interface PackOffer {
  from: Pack;
  to: Pack;
  changes: PackChange[];
  plan: PackUpgrade;
}

/** What the Check view knows of the pack a workbook came from (its `qms.pack` marker). */
export interface WorkbookPack {
  ref: PackRef;
  /** The workbook's own version, to check its extra columns with; undefined when it could not be had. */
  own?: Pack;
  offer?: PackOffer;
  /** Why the extra columns were not checked, or no upgrade could be looked for. */
  note?: string;
  tools?: PackTools;
}

/**
 * The pack of a workbook built from one: its own version's content (the organisation's assigned version, else
 * `GET /packs/{pack}?version=N`), and an upgrade when the organisation's assigned or latest version of the same pack is
 * later than the workbook's. Never throws: the workbook is checked without the extra columns, with a note, instead.
 */
export async function workbookPackFor(
  services: PaneServices,
  org: string,
  input: WorkbookInput,
): Promise<WorkbookPack | undefined> {
  const ref = input.pack;
  if (!ref) return undefined;
  const name = `${ref.id} v${ref.version}`;
  try {
    const id = await orgOf(services, org);
    if (id === undefined)
      return {
        ref,
        note: `This workbook is from pack ${name}. Sign in and choose your organisation on the Sync tab to check its extra columns and see later versions.`,
      };
    const assigned = (await services.api.orgPack(id)).pack;
    const loaded = await loadPackTools();
    const check = (content: unknown, version: number): Pack => {
      const checked = loaded.checkedPack(content);
      if (!checked.ok)
        throw new Error(`pack ${ref.id} v${version} does not fit this pane's templates (${checked.problem})`);
      return checked.pack;
    };
    const sameAssigned = assigned && assigned.id === ref.id ? assigned : undefined;
    const own =
      sameAssigned?.version === ref.version
        ? check(sameAssigned.content, ref.version)
        : check((await services.api.getPack(ref.id, ref.version)).content, ref.version);
    const result: WorkbookPack = { ref, own, tools: loaded };
    if (!sameAssigned) return result;
    // The assigned version first: it is what the consultant chose for this organisation; else the newest one.
    const target =
      sameAssigned.version > ref.version
        ? check(sameAssigned.content, sameAssigned.version)
        : sameAssigned.latest > ref.version
          ? check((await services.api.getPack(ref.id, sameAssigned.latest)).content, sameAssigned.latest)
          : undefined;
    if (target) result.offer = { from: own, to: target, ...loaded.packUpgradeOffer(input, own, target) };
    return result;
  } catch (error) {
    return {
      ref,
      note: `This workbook is from pack ${name}; its extra columns were not checked: ${describeError('Fetching the pack', error)}.`,
    };
  }
}
