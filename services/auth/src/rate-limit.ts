import type { FastifyRateLimitStore, RateLimitOptions } from '@fastify/rate-limit';
import type { Store } from '@portico/store';
import type { FastifyRequest } from 'fastify';

/** The route families of the auth service; each has its own per-IP budget. */
export type RouteFamily =
  | 'codeRequests'
  | 'codeVerification'
  | 'tokens'
  | 'registration'
  | 'authorize'
  | 'signup';

/** One family's budget: at most `max` requests per client IP per sliding `windowMs`. */
export interface RouteLimit {
  /** Name in the README's table. */
  label: string;
  /** The routes that share the budget, as the README's table lists them. */
  routes: readonly string[];
  max: number;
  /** The sliding window, ms. */
  windowMs: number;
  /** Why this size (the README's last column). */
  sizing: string;
}

/** The budget in force per family (RATE_LIMITS unless overridden, e.g. by a test). */
export type RouteBudgets = Readonly<Record<RouteFamily, Pick<RouteLimit, 'max' | 'windowMs'>>>;

/** Overrides of some families' budgets (buildApp's `rateLimits`). */
export type RouteBudgetOverrides = Partial<
  Record<RouteFamily, Partial<Pick<RouteLimit, 'max' | 'windowMs'>>>
>;

/** RATE_LIMITS with `overrides` applied. */
export function routeBudgets(overrides: RouteBudgetOverrides = {}): RouteBudgets {
  const out = Object.create(null) as Record<RouteFamily, Pick<RouteLimit, 'max' | 'windowMs'>>;
  for (const family of Object.keys(RATE_LIMITS) as RouteFamily[]) {
    const { max, windowMs } = RATE_LIMITS[family];
    out[family] = { max, windowMs, ...overrides[family] };
  }
  return out;
}

const TEN_MINUTES = 10 * 60_000;

/**
 * The per-IP budgets, one per route family: the single source of the README's rate-limit table
 * (`rateLimitTable()`; a test asserts the README shows exactly that table). Separate buckets, so
 * refreshing tokens never eats into requesting codes or registering clients. Sized for many
 * people behind one NAT: an MCP client refreshes about every 10 minutes (access tokens live 10
 * minutes), a sign-in through the authorize page is 4 requests. The per-address limit of email
 * codes (3 per 10 minutes, `CodeLimits.sendsPerEmail`) is separate and comes on top.
 */
export const RATE_LIMITS: Readonly<Record<RouteFamily, RouteLimit>> = {
  codeRequests: {
    label: 'code requests',
    routes: ['POST /auth/codes'],
    max: 30,
    windowMs: TEN_MINUTES,
    sizing: '30 people asking for a code at once; each address also gets 3 sends per 10 min',
  },
  codeVerification: {
    label: 'code verification',
    routes: ['POST /auth/codes/verify', 'POST /auth/sessions', 'POST /auth/signup/verify'],
    max: 60,
    windowMs: TEN_MINUTES,
    sizing: 'two tries per requested code; each code also dies after 5 attempts',
  },
  tokens: {
    label: 'token and refresh',
    routes: [
      'POST /auth/token',
      'POST /auth/revoke',
      'POST /auth/sessions/refresh',
      'POST /auth/sessions/revoke',
    ],
    max: 600,
    windowMs: TEN_MINUTES,
    sizing: '600 MCP clients or dashboards behind one address, each refreshing every 10 min',
  },
  registration: {
    label: 'client registration',
    routes: ['POST /auth/register'],
    max: 60,
    windowMs: TEN_MINUTES,
    sizing: 'a client registers once per install',
  },
  authorize: {
    label: 'authorize',
    routes: ['GET /auth/authorize', 'POST /auth/authorize'],
    max: 300,
    windowMs: TEN_MINUTES,
    sizing: '75 sign-ins (page, email, code, consent)',
  },
  signup: {
    label: 'sign-up',
    routes: ['POST /auth/signup'],
    max: 10,
    windowMs: 60 * 60_000,
    sizing: 'organizations are created rarely; each address also gets 3 sends per 10 min',
  },
};

/** The budgets as the README's markdown table (the README embeds exactly this). */
export function rateLimitTable(limits: Readonly<Record<RouteFamily, RouteLimit>> = RATE_LIMITS) {
  const rows = Object.values(limits).map(
    (l) =>
      `| ${l.label} | ${l.routes.map((r) => `\`${r}\``).join(', ')} | ${l.max} | ${l.windowMs / 60_000} min | ${l.sizing} |`,
  );
  return [
    '| family | routes | per client IP | window | sized for |',
    '| ------ | ------ | ------------- | ------ | --------- |',
    ...rows,
  ].join('\n');
}

/**
 * A `@fastify/rate-limit` store over the DynamoDB sliding-window limits of @portico/store, so the
 * per-IP limits hold across replicas (the plugin's default store counts per process). The
 * bucket is the key of `familyLimit` (`ip:<family>:<ip>`): one per route family and address.
 */
export function dynamoRateLimitStore(
  store: Store,
  now: () => Date,
): new (
  options: unknown,
) => FastifyRateLimitStore {
  class DynamoRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      store.rateLimits.take(`ip:${key}`, { limit: max, windowMs: timeWindow, now: now() }).then(
        (d) =>
          callback(null, {
            // The plugin refuses when current > max.
            current: d.allowed ? d.used : max + 1,
            ttl: d.allowed ? timeWindow : d.retryAfterMs,
          }),
        (err: Error) => callback(err),
      );
    }

    child(): FastifyRateLimitStore {
      // The family is part of the key (familyLimit), so every route can share one store.
      return new DynamoRateLimitStore();
    }
  }
  return DynamoRateLimitStore;
}

/**
 * Route config of one family's budget: at most `max` requests per client IP per sliding
 * `windowMs` (of `limits[family]`), counted in the bucket `ip:<family>:<ip>` shared by the family's routes only.
 */
export function familyLimit(family: RouteFamily, limits: RouteBudgets): RateLimitOptions {
  const limit = limits[family];
  return {
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (req: FastifyRequest) => `${family}:${req.ip}`,
  };
}
