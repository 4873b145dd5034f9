import { ROLES, type Role } from '@qms/contract';

/** Roles a user can hold in one organisation: part of the wire contract. */
export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

// Who may call which route (CAN_READ, CAN_WRITE, CAN_MANAGE) is in access.ts.
