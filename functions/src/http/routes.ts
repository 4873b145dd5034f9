import { CAN_MANAGE, CAN_READ, CAN_WRITE } from '../auth/roles.js';
import { getAssessment, getAssessmentHistory } from '../handlers/assessment.js';
import { postEstimate } from '../handlers/estimate.js';
import { getHealth } from '../handlers/health.js';
import { acceptInvitation, declineInvitation, deleteMember, putMember } from '../handlers/members.js';
import { postOrg } from '../handlers/orgs.js';
import { getPortfolio } from '../handlers/portfolio.js';
import { getProfile, putProfile } from '../handlers/profile.js';
import { getRecords } from '../handlers/records.js';
import { postSyncCommit, postSyncPlan, postSyncRecords } from '../handlers/sync.js';
import type { Route } from './types.js';

/** THE route table (docs/api.md): Azure registers it with app.http, the local dev host serves the same list. */
export const ROUTES: readonly Route[] = [
  { name: 'health', methods: ['GET'], route: 'health', access: { kind: 'anonymous' }, handler: getHealth },
  { name: 'estimate', methods: ['POST'], route: 'estimate', access: { kind: 'signed-in' }, handler: postEstimate },
  {
    name: 'profile-get',
    methods: ['GET'],
    route: 'orgs/{org}/profile',
    access: { kind: 'org', allow: CAN_READ },
    handler: getProfile,
  },
  {
    name: 'profile-put',
    methods: ['PUT'],
    route: 'orgs/{org}/profile',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: putProfile,
  },
  {
    name: 'sync',
    methods: ['POST'],
    route: 'orgs/{org}/sync',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: postSyncPlan,
  },
  {
    name: 'sync-records',
    methods: ['POST'],
    route: 'orgs/{org}/sync/records',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: postSyncRecords,
  },
  {
    name: 'sync-commit',
    methods: ['POST'],
    route: 'orgs/{org}/sync/commit',
    access: { kind: 'org', allow: CAN_WRITE },
    handler: postSyncCommit,
  },
  {
    name: 'records',
    methods: ['GET'],
    route: 'orgs/{org}/records',
    access: { kind: 'org', allow: CAN_READ },
    handler: getRecords,
  },
  {
    name: 'assessment',
    methods: ['GET'],
    route: 'orgs/{org}/assessment',
    access: { kind: 'org', allow: CAN_READ },
    handler: getAssessment,
  },
  {
    name: 'assessment-history',
    methods: ['GET'],
    route: 'orgs/{org}/assessment/history',
    access: { kind: 'org', allow: CAN_READ },
    handler: getAssessmentHistory,
  },
  { name: 'portfolio', methods: ['GET'], route: 'portfolio', access: { kind: 'signed-in' }, handler: getPortfolio },
  { name: 'orgs-create', methods: ['POST'], route: 'orgs', access: { kind: 'signed-in' }, handler: postOrg },
  {
    name: 'member-put',
    methods: ['PUT'],
    route: 'orgs/{org}/members/{user}',
    access: { kind: 'org', allow: CAN_MANAGE },
    handler: putMember,
  },
  {
    // Any member may remove themselves (leave), also as `members/me`; removing someone else is checked for owner
    // in the handler.
    name: 'member-delete',
    methods: ['DELETE'],
    route: 'orgs/{org}/members/{user}',
    access: { kind: 'org', allow: CAN_READ },
    handler: deleteMember,
  },
  {
    // The invited user is not a member yet, so the org check is the invitation itself (in the store).
    name: 'invitation-accept',
    methods: ['POST'],
    route: 'orgs/{org}/invitation',
    access: { kind: 'signed-in' },
    handler: acceptInvitation,
  },
  {
    name: 'invitation-decline',
    methods: ['DELETE'],
    route: 'orgs/{org}/invitation',
    access: { kind: 'signed-in' },
    handler: declineInvitation,
  },
];
