import type { FastifyRateLimitStore, RateLimitOptions } from '@fastify/rate-limit';
import type { Store } from '@portico/store';
import type { FastifyRequest } from 'fastify';

/**
 * A `@fastify/rate-limit` store over the DynamoDB sliding-window limits of @portico/store, so the
 * per-IP limits hold across replicas (the plugin's default store counts per process). Each route
 * gets its own buckets (`ip:<route>:<ip>`).
 */
export function dynamoRateLimitStore(
  store: Store,
  now: () => Date,
): new (
  options: unknown,
) => FastifyRateLimitStore {
  const make = (route: string) =>
    class DynamoRateLimitStore implements FastifyRateLimitStore {
      incr(
        key: string,
        callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
        timeWindow: number,
        max: number,
      ): void {
        store.rateLimits
          .take(`ip:${route}:${key}`, { limit: max, windowMs: timeWindow, now: now() })
          .then(
            (d) =>
              callback(null, {
                // The plugin refuses when current > max.
                current: d.allowed ? d.used : max + 1,
                ttl: d.allowed ? timeWindow : d.retryAfterMs,
              }),
            (err: Error) => callback(err),
          );
      }

      child(routeOptions: { url?: string }): FastifyRateLimitStore {
        return new (make(routeOptions.url ?? route))();
      }
    };
  return make('*');
}

/** Route config: at most `max` requests per client IP per sliding `windowMs`. */
export function perIpLimit(max: number, windowMs: number): RateLimitOptions {
  return { max, timeWindow: windowMs, keyGenerator: (req: FastifyRequest) => req.ip };
}
