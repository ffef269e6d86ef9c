import type { FlowState } from '../../../oauth/flow.js';

/**
 * What the authorize page shows next, as data: the route renders it (oauth/pages.ts) or
 * redirects. `sealed` is the flow state for the page's hidden field; `notice` its error line.
 */
export type AuthorizeOutcome =
  | { kind: 'error'; status: 400; message: string }
  | {
      kind: 'email' | 'code' | 'consent';
      status: 200 | 400 | 429;
      flow: FlowState;
      sealed: string;
      notice?: string;
    }
  | {
      /** 302 to the client's redirect URI with these parameters (the route adds `iss`). */
      kind: 'redirect';
      redirectUri: string;
      params: Record<string, string | undefined>;
    };
