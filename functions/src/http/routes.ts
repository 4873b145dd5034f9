import { CAN_ASSIGN_PACK, CAN_MANAGE, CAN_READ, CAN_WRITE } from '../auth/access.js';
import { loadOnFirstCall } from './lazy.js';
import type { Route, RouteHandler } from './types.js';

/** A handler imported on its route's first call (see lazy.ts): the table itself stays cheap to load. */
const lazy = (load: () => Promise<RouteHandler>): RouteHandler => loadOnFirstCall(load);

/**
 * THE route table (docs/api.md): Azure registers it with app.http, the local dev host serves the same list. Names,
 * methods, routes and access are here; each handler's module is imported on the route's first call.
 */
export const ROUTES: readonly Route[] = [
  {
    name: 'health',
    methods: ['GET'],
    route: 'health',
    access: { kind: 'anonymous' },
    handler: lazy(async () => (await import('../handlers/health.js')).getHealth),
  },
  {
    name: 'estimate',
    methods: ['POST'],
    route: 'estimate',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/estimate.js')).postEstimate),
  },
  {
    name: 'profile-get',
    methods: ['GET'],
    route: 'orgs/{org}/profile',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/profile.js')).getProfile),
  },
  {
    name: 'profile-put',
    methods: ['PUT'],
    route: 'orgs/{org}/profile',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: lazy(async () => (await import('../handlers/profile.js')).putProfile),
  },
  {
    name: 'sync',
    methods: ['POST'],
    route: 'orgs/{org}/sync',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: lazy(async () => (await import('../handlers/sync.js')).postSyncPlan),
  },
  {
    name: 'sync-records',
    methods: ['POST'],
    route: 'orgs/{org}/sync/records',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: lazy(async () => (await import('../handlers/sync.js')).postSyncRecords),
  },
  {
    name: 'sync-commit',
    methods: ['POST'],
    route: 'orgs/{org}/sync/commit',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: lazy(async () => (await import('../handlers/sync.js')).postSyncCommit),
  },
  {
    name: 'records',
    methods: ['GET'],
    route: 'orgs/{org}/records',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/records.js')).getRecords),
  },
  {
    name: 'assessment',
    methods: ['GET'],
    route: 'orgs/{org}/assessment',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/assessment.js')).getAssessment),
  },
  {
    name: 'assessment-history',
    methods: ['GET'],
    route: 'orgs/{org}/assessment/history',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/assessment.js')).getAssessmentHistory),
  },
  {
    name: 'portfolio',
    methods: ['GET'],
    route: 'portfolio',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/portfolio.js')).getPortfolio),
  },
  {
    name: 'orgs-create',
    methods: ['POST'],
    route: 'orgs',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/orgs.js')).postOrg),
  },
  {
    name: 'member-put',
    methods: ['PUT'],
    route: 'orgs/{org}/members/{user}',
    access: { kind: 'org', allow: CAN_MANAGE },
    handler: lazy(async () => (await import('../handlers/members.js')).putMember),
  },
  {
    // Any member may remove themselves (leave), also as `members/me`; removing someone else is checked for owner
    // in the handler.
    name: 'member-delete',
    methods: ['DELETE'],
    route: 'orgs/{org}/members/{user}',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/members.js')).deleteMember),
  },
  {
    // The invited user is not a member yet, so the org check is the invitation itself (in the store).
    name: 'invitation-accept',
    methods: ['POST'],
    route: 'orgs/{org}/invitation',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/members.js')).acceptInvitation),
  },
  {
    name: 'invitation-decline',
    methods: ['DELETE'],
    route: 'orgs/{org}/invitation',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/members.js')).declineInvitation),
  },
  {
    // Packs are not an organisation's: who may read one is decided in the handler (owner, or assigned orgs' members).
    name: 'pack-put',
    methods: ['PUT'],
    route: 'packs/{pack}',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/packs.js')).putPack),
  },
  {
    name: 'pack-get',
    methods: ['GET'],
    route: 'packs/{pack}',
    access: { kind: 'signed-in' },
    handler: lazy(async () => (await import('../handlers/packs.js')).getPack),
  },
  {
    name: 'org-pack-get',
    methods: ['GET'],
    route: 'orgs/{org}/pack',
    access: { kind: 'org', allow: CAN_READ },
    handler: lazy(async () => (await import('../handlers/packs.js')).getOrgPack),
  },
  {
    name: 'org-pack-put',
    methods: ['PUT'],
    route: 'orgs/{org}/pack',
    access: { kind: 'org', allow: CAN_ASSIGN_PACK },
    handler: lazy(async () => (await import('../handlers/packs.js')).putOrgPack),
  },
];
