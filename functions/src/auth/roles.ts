import { ROLES, type Role } from '@qms/contract';

/** Roles a user can hold in one organisation: part of the wire contract. */
export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Everyone in an organisation may read it; a consultant reads (and sees it in their portfolio) but does not edit. */
export const CAN_READ: readonly Role[] = ['owner', 'editor', 'viewer', 'consultant'];
/** Changing the profile or syncing records. */
export const CAN_WRITE: readonly Role[] = ['owner', 'editor'];
/** Granting and removing roles. */
export const CAN_MANAGE: readonly Role[] = ['owner'];
