import { emailHash, type Store } from '@portico/store';

/** Who may sign in as a member of an org (member codes are mailed to members only). */
export interface MemberDirectory {
  /** True when `email` (any case) is a member of org `orgId`; false for unknown orgs. */
  isMember(orgId: string, email: string): Promise<boolean>;
}

/**
 * The default directory: the org's members in the store (`store.members`, keyed by
 * emailHash(email)), read with strong consistency so a removed member is refused at once.
 */
export function storeMembers(store: Store): MemberDirectory {
  return {
    async isMember(orgId, email) {
      return (await store.members.get(orgId, emailHash(email))) !== undefined;
    },
  };
}
