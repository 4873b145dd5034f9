import {
  assignPackBodySchema,
  PACK_ID_PATTERN,
  type OrgPack,
  type PackInfo,
  type PackIssueWire,
  type PackVersion,
} from '@qms/contract';
import { checkPack, contentHash, type Pack } from '@qms/templates';
import { invalidRequest, readJson } from '../http/body.js';
import { ApiError, json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import {
  assignPack,
  getOrgPack as readOrgPack,
  getPackOwner,
  getPackVersion,
  listPackVersions,
  mayReadPack,
  publishPack,
  type PackOwner,
} from '../storage/packs-store.js';

/**
 * A pack's JSON is small (a few columns, words and a logo of at most 64 KiB as base64); 256 KiB keeps its stored
 * row far below the 1 MiB entity limit.
 */
export const PACK_BODY_LIMIT = 256 * 1024;

/** The `{pack}` of the path, checked for shape only (which says nothing about whether it exists). */
function packIdParam(rc: RouteContext): string {
  const pack = rc.params.pack ?? '';
  if (!PACK_ID_PATTERN.test(pack)) {
    throw new ApiError(
      400,
      'bad-pack-id',
      `"${pack}" is not a pack id (lower-case letters, digits and hyphens, such as acme-consulting; at most 64).`,
    );
  }
  return pack;
}

/** `?version=N`, if given: a whole number from 1. */
function versionParam(rc: RouteContext): number | undefined {
  const raw = rc.request.query.get('version');
  if (raw === null) return undefined;
  if (!/^[1-9][0-9]{0,6}$/.test(raw)) {
    throw new ApiError(
      400,
      'bad-pack-version',
      `version "${raw}" is not a pack version; give a whole number from 1 (such as ?version=2), or leave it out for the latest.`,
    );
  }
  return Number(raw);
}

/**
 * The one answer for a pack the caller may not read and for one that does not exist, so nothing tells a stranger
 * which pack ids are in use (as an organisation route answers a stranger, docs/security.md).
 */
function packNotFound(pack: string): ApiError {
  return new ApiError(
    404,
    'pack-not-found',
    `There is no pack "${pack}" you can read: it does not exist, or it is not assigned to an organisation you are a member of. Ask the consultant who publishes it to assign it to your organisation.`,
  );
}

function versionNotFound(pack: string, version: number, versions: readonly number[]): ApiError {
  return new ApiError(
    404,
    'pack-version-not-found',
    `Pack "${pack}" has no version ${version}; its versions are ${versions.join(', ')}.`,
    { versions },
  );
}

/** The pack's owner row when the caller may read the pack; otherwise the not-found answer. */
async function readablePack(rc: RouteContext, pack: string, user: string): Promise<PackOwner> {
  const owner = await getPackOwner(rc.deps.tables, pack);
  if (owner === undefined || owner.latest === 0) throw packNotFound(pack);
  if (!(await mayReadPack(rc.deps.tables, pack, owner, user))) throw packNotFound(pack);
  return owner;
}

function packInvalid(pack: string, issues: readonly PackIssueWire[]): ApiError {
  const first = issues[0];
  const where = first === undefined ? '' : `: ${first.path === '' ? '(top level)' : first.path} ${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more, listed in issues)` : '';
  return new ApiError(
    422,
    'pack-invalid',
    `Pack "${pack}" is not valid${where}${more}. Fix the pack JSON (qms pack build checks it the same way) and publish again; nothing was stored.`,
    { issues },
  );
}

/**
 * PUT /api/packs/{pack} — signed in. Body: the pack JSON, checked as `qms pack build` checks it (422 pack-invalid
 * with every issue's JSON path). The first publisher of a pack id owns it; a version is immutable: the same content
 * again is a 200 replay, other content 409 pack-version-exists, and a new version must be newer than the latest.
 */
export async function putPack(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('pack publish without caller');
  const id = packIdParam(rc);
  const checked = checkPack(await readJson(rc.request, PACK_BODY_LIMIT));
  if (!checked.ok) throw packInvalid(id, checked.issues);
  const pack: Pack = checked.pack;
  if (pack.id !== id) {
    throw packInvalid(id, [
      { path: 'id', message: `is "${pack.id}" but the URL publishes "${id}"; make the two the same` },
    ]);
  }
  const outcome = await publishPack(rc.deps.tables, {
    pack: id,
    version: pack.version,
    caller: rc.caller.userId,
    hash: contentHash(pack),
    json: JSON.stringify(pack),
    at: rc.deps.clock.now().toISOString(),
  });
  switch (outcome.kind) {
    case 'not-yours':
      // Like a taken organisation id, this tells that the id is in use, and nothing more about the pack.
      throw new ApiError(
        403,
        'pack-not-yours',
        `The pack id "${id}" belongs to another publisher; only they can publish its versions. Choose another id for your pack (its "id" and the URL).`,
      );
    case 'exists': {
      const latest = Math.max(...(await listPackVersions(rc.deps.tables, id)));
      throw new ApiError(
        409,
        'pack-version-exists',
        `Version ${pack.version} of pack "${id}" is already published with other content, and a published version never changes. Bump "version" (to ${latest + 1}) and publish again.`,
        { latest },
      );
    }
    case 'not-newer':
      throw new ApiError(
        409,
        'pack-version-not-newer',
        `Pack "${id}" is at version ${outcome.latest}; a new version must be newer. Set "version" to ${outcome.latest + 1} and publish again.`,
        { latest: outcome.latest },
      );
    case 'busy':
      throw new ApiError(
        409,
        'pack-busy',
        `Pack "${id}" was being published by someone else at the same moment; send the same request again.`,
      );
    case 'created':
    case 'replayed': {
      const info: PackInfo = {
        id,
        version: pack.version,
        owner: outcome.owner,
        versions: await listPackVersions(rc.deps.tables, id),
      };
      return json(outcome.kind === 'created' ? 201 : 200, info);
    }
  }
}

/**
 * GET /api/packs/{pack}[?version=N] — signed in; the pack's owner and the members (any role) of organisations it is
 * assigned to. Anyone else gets the answer a pack that does not exist gets (404 pack-not-found).
 */
export async function getPack(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('pack read without caller');
  const id = packIdParam(rc);
  const wanted = versionParam(rc);
  const owner = await readablePack(rc, id, rc.caller.userId);
  const version = wanted ?? owner.latest;
  const row = await getPackVersion(rc.deps.tables, id, version);
  const versions = await listPackVersions(rc.deps.tables, id);
  if (row === undefined) throw versionNotFound(id, version, versions);
  const body: PackVersion = {
    id,
    version,
    owner: owner.owner,
    versions,
    latest: owner.latest,
    content: JSON.parse(row.json) as Pack,
  };
  return json(200, body);
}

/** The org's pack as the pane fetches it: the assigned version's content and the newest version. */
async function orgPackAnswer(rc: RouteContext, org: string): Promise<OrgPack> {
  const { assigned } = await readOrgPack(rc.deps.tables, org);
  if (assigned === undefined) return { pack: null };
  const owner = await getPackOwner(rc.deps.tables, assigned.pack);
  const row = await getPackVersion(rc.deps.tables, assigned.pack, assigned.version);
  // Versions are never deleted, so an assignment always names a stored one; anything else is a storage fault.
  if (owner === undefined || row === undefined)
    throw new Error(`organisation ${org} is assigned ${assigned.pack} v${assigned.version}, which is not stored`);
  return {
    pack: {
      id: assigned.pack,
      version: assigned.version,
      latest: owner.latest,
      content: JSON.parse(row.json) as Pack,
    },
  };
}

/** GET /api/orgs/{org}/pack — any role. `{pack: {id, version, latest, content}}`, or `{pack: null}`. */
export async function getOrgPack(rc: RouteContext) {
  if (rc.org === undefined) throw new Error('org route without org context');
  return json(200, await orgPackAnswer(rc, rc.org.id));
}

/**
 * PUT /api/orgs/{org}/pack — owner or consultant. Body `{pack, version}` or `{pack: null}`. The pack's owner assigns
 * it to their organisations; an organisation already on a pack may move to another of its versions. A pack the
 * caller cannot read answers as one that does not exist.
 */
export async function putOrgPack(rc: RouteContext) {
  if (rc.org === undefined || rc.caller === undefined) throw new Error('org route without org context');
  const parsed = assignPackBodySchema.safeParse(await readJson(rc.request, 4 * 1024));
  if (!parsed.success) throw invalidRequest(parsed.error.issues, 'pack assignment');
  const org = rc.org.id;
  const user = rc.caller.userId;
  const at = rc.deps.clock.now().toISOString();
  const body = parsed.data;
  let assigned: { pack: string; version: number } | undefined;
  if (body.pack !== null) {
    const { pack, version } = body;
    const owner = await readablePack(rc, pack, user);
    const current = (await readOrgPack(rc.deps.tables, org)).assigned;
    if (owner.owner !== user && current?.pack !== pack) {
      // The caller reads the pack through another organisation; assigning it here would share it further.
      throw new ApiError(
        403,
        'pack-assign-forbidden',
        `Only the publisher of pack "${pack}" can assign it to another organisation; ask them to assign it to ${org}.`,
      );
    }
    if ((await getPackVersion(rc.deps.tables, pack, version)) === undefined)
      throw versionNotFound(pack, version, await listPackVersions(rc.deps.tables, pack));
    assigned = { pack, version };
  }
  if ((await assignPack(rc.deps.tables, org, assigned, user, at)) === 'busy') {
    throw new ApiError(
      409,
      'pack-busy',
      `The pack of ${org} was being changed by someone else at the same moment; reload it and try again.`,
    );
  }
  return json(200, await orgPackAnswer(rc, org));
}
