import { createHmac, timingSafeEqual } from 'node:crypto';
import { FLOW_SECONDS } from './context.js';

/**
 * The authorize page's state between its steps (email -> code -> consent). It travels in one
 * hidden field as `base64url(json).base64url(HMAC-SHA256(flowKey, json))`, so the browser carries
 * it but cannot edit it: the client, redirect URI, PKCE challenge and resource it names are the
 * ones validated on `GET /auth/authorize`, and `email` is set by the server only.
 */
export interface FlowState {
  step: 'email' | 'code' | 'consent';
  /**
   * Random, set when the flow starts: the consent step consumes it (store.flowStates), so one
   * flow yields at most one authorization code. Absent only in flows sealed before it existed.
   */
  flowId?: string;
  clientId: string;
  /** The client's name as shown; self-asserted unless clientKind is `org`. */
  clientName: string;
  clientKind: 'dcr' | 'org' | 'cimd';
  /** CIMD clients: the host of the client_id URL, shown prominently. */
  clientHost?: string;
  redirectUri: string;
  codeChallenge: string;
  state?: string;
  resource: string;
  scope: string;
  serverSlug: string;
  serverName: string;
  /** Set with step `code` (address the code went to) and `consent` (address proven). */
  email?: string;
  /** Epoch seconds after which the flow is dead. */
  exp: number;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`portico-flow.${payload}`).digest();
}

/** Seals `flow` (exp set to now + FLOW_SECONDS when absent). */
export function sealFlow(
  key: Buffer,
  flow: Omit<FlowState, 'exp'> & { exp?: number },
  now: Date,
): string {
  const full: FlowState = {
    ...flow,
    exp: flow.exp ?? Math.floor(now.getTime() / 1000) + FLOW_SECONDS,
  };
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The flow if the MAC is right and it has not expired at `now`; undefined otherwise. */
export function openFlow(
  key: Buffer,
  sealed: string | undefined,
  now: Date,
): FlowState | undefined {
  if (!sealed || sealed.length > 8192) return undefined;
  const [payload, sig, extra] = sealed.split('.');
  if (!payload || !sig || extra !== undefined) return undefined;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as FlowState;
    return flow.exp > Math.floor(now.getTime() / 1000) ? flow : undefined;
  } catch {
    return undefined;
  }
}
