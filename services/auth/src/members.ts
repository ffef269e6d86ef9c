import { normalizeEmail, type Store } from '@portico/store';

/**
 * Who may sign in as a member of an org. The member entity belongs to the org-members work
 * (issue 4, item 7); until it lands, the default directory knows one member per org: the contact
 * email given at signup.
 */
export interface MemberDirectory {
  /** True when `email` (any case) is a member of org `orgId`; false for unknown orgs. */
  isMember(orgId: string, email: string): Promise<boolean>;
}

/** The default directory: the org's contact email is its only member. */
export function orgContactMembers(store: Store): MemberDirectory {
  return {
    async isMember(orgId, email) {
      const org = await store.orgs.get(orgId);
      return org?.email !== undefined && normalizeEmail(org.email) === normalizeEmail(email);
    },
  };
}
