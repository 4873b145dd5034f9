import type { InvitationEntry, Portfolio, PortfolioEntry } from '@qms/contract';
import { json } from '../http/problem.js';
import type { RouteContext } from '../http/types.js';
import { runBounded } from '../storage/batch.js';
import { listEntriesOfUser } from '../storage/members-store.js';
import { getOrg } from '../storage/orgs-store.js';
import { latestSnapshot } from '../storage/snapshots-store.js';

/**
 * GET /api/portfolio — signed in. Every organisation the caller holds a role in (a consultant's client list),
 * with the latest stored readiness, verdict and next milestone; and apart from them the invitations the caller has
 * not answered (organisation, role offered, who invited and when: no readiness, since an invitation grants no
 * access). Nothing about other organisations.
 */
export async function getPortfolio(rc: RouteContext) {
  if (rc.caller === undefined) throw new Error('portfolio without caller');
  const { tables } = rc.deps;
  const { memberships, invitations } = await listEntriesOfUser(tables, rc.caller.userId);
  const orgs = await runBounded(
    memberships.map(({ org, role }) => async (): Promise<PortfolioEntry> => {
      const [info, latest] = await Promise.all([getOrg(tables, org), latestSnapshot(tables, org)]);
      return {
        id: org,
        org,
        name: info?.name ?? org,
        role,
        readiness: latest?.readiness ?? null,
        verdict: latest?.verdict ?? null,
        nextMilestone: latest?.nextMilestone ?? null,
        assessedAt: latest?.at ?? null,
        lastSync: info?.lastSyncAt ?? null,
      };
    }),
  );
  orgs.sort((a, b) => a.name.localeCompare(b.name));
  const invited = await runBounded(
    invitations.map((inv) => async (): Promise<InvitationEntry> => {
      const info = await getOrg(tables, inv.org);
      return {
        id: inv.org,
        org: inv.org,
        name: info?.name ?? inv.org,
        invitation: true,
        role: inv.role,
        invitedBy: inv.by,
        invitedAt: inv.at,
      };
    }),
  );
  invited.sort((a, b) => a.name.localeCompare(b.name));
  const portfolio: Portfolio = { orgs, invitations: invited };
  return json(200, portfolio);
}
