import type { Role } from '@qms/contract';

// Only the Role type comes from the contract (erased at build), so the route table that names these sets loads
// without the contract's schemas (see http/lazy.ts).

/** Everyone in an organisation may read it; a consultant reads (and sees it in their portfolio) but does not edit. */
export const CAN_READ: readonly Role[] = ['owner', 'editor', 'viewer', 'consultant'];
/** Changing the profile or syncing records. */
export const CAN_WRITE: readonly Role[] = ['owner', 'editor'];
/** Granting and removing roles. */
export const CAN_MANAGE: readonly Role[] = ['owner'];
/** Choosing the organisation's template pack: its owners, and the consultant who brings the pack. */
export const CAN_ASSIGN_PACK: readonly Role[] = ['owner', 'consultant'];
