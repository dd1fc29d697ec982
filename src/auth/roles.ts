/**
 * Roles of bearer tokens and what each may do. Not a ladder: an auditor cannot write and an
 * editor cannot audit; admin may do everything.
 */
export const ROLES = ['reader', 'auditor', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a request needs (decided by src/http/auth/access-policy.ts). */
export type Permission = 'read' | 'audit' | 'write' | 'admin';

const GRANTS: { [R in Role]: ReadonlySet<Permission> } = {
  reader: new Set(['read']),
  auditor: new Set(['read', 'audit']),
  editor: new Set(['read', 'write']),
  admin: new Set(['read', 'audit', 'write', 'admin']),
};

export function roleGrants(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Who made a request: the token's name (recorded as `recordedBy`), its id and role. */
export interface Principal {
  name: string;
  tokenId: string;
  role: Role;
}
