/**
 * The backend's HTTP contract as the pane and the CLI see it: every type comes from `@qms/contract`, where the
 * server's zod schemas are, so client and server cannot drift apart.
 */
import type { Problem as WireProblem } from '@qms/contract';

export type {
  Assessment,
  Health,
  History,
  HistoryPoint,
  InvitationEntry,
  Member,
  Org,
  OrgPack,
  PackInfo,
  PackVersion,
  Portfolio,
  PortfolioEntry,
  SyncTotals,
} from '@qms/contract';

/**
 * A problem as received: the server always sends every field, but a proxy or gateway in between may answer with
 * less, so only the status and title are counted on.
 */
export type Problem = Pick<WireProblem, 'title' | 'status'> & Partial<WireProblem>;
