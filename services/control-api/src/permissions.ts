import { PorticoError } from '@portico/contracts';
import type { MemberRole } from '@portico/store';
import type { FastifyRequest, RouteOptions } from 'fastify';

/**
 * What a route needs, declared once per route (`config: { permission }`) and checked by one hook:
 * - `view`: read the org, its servers, versions, tools and tool configuration, end users and
 *   auth events (GET only). Every role.
 * - `develop`: change servers, versions, tool configuration, upstream configuration (and read it:
 *   it names credentials), OAuth clients, end users. Admins and developers.
 * - `administer`: API keys and members. Admins only.
 */
export type Permission = 'view' | 'develop' | 'administer';

/** Which permissions each member role holds. An org API key acts as `admin`. */
export const ROLE_PERMISSIONS: Readonly<Record<MemberRole, readonly Permission[]>> = {
  admin: ['view', 'develop', 'administer'],
  developer: ['view', 'develop'],
  billing: ['view'],
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every authenticated control API route (see Permission). */
    permission?: Permission;
  }
}

/** The roles holding `permission`, as the OpenAPI document states them. */
export function rolesWith(permission: Permission): MemberRole[] {
  return (Object.keys(ROLE_PERMISSIONS) as MemberRole[]).filter((role) =>
    ROLE_PERMISSIONS[role].includes(permission),
  );
}

/**
 * onRoute hook of the authenticated scope: a route registered without `config.permission` is a
 * bug, refused at boot (throws a plain Error naming it) instead of being left open or closed by
 * accident. `view` routes must be GET (billing is read-only). The roles allowed are added to the
 * route's OpenAPI description (the schema object is the one @fastify/swagger documents).
 */
export function requirePermission(route: RouteOptions): void {
  const permission = route.config?.permission;
  const name = `${String(route.method)} ${route.url}`;
  if (permission === undefined) throw new Error(`route ${name} declares no config.permission`);
  if (permission === 'view' && route.method !== 'GET' && route.method !== 'HEAD') {
    throw new Error(`route ${name}: "view" is for GET routes only`);
  }
  const schema = route.schema as { description?: string } | undefined;
  const roles = `Roles: ${rolesWith(permission).join(', ')} (org API keys act as admin).`;
  if (schema && !schema.description?.includes(roles)) {
    schema.description = schema.description ? `${schema.description}\n\n${roles}` : roles;
  }
}

/**
 * onRequest hook after authentication (before the body is read): the caller's role must hold the
 * route's permission. Errors: FORBIDDEN (403).
 */
export async function authorize(req: FastifyRequest): Promise<void> {
  const auth = req.controlApiAuth;
  if (!auth) throw new Error('authorize() runs after authenticate()');
  const permission = req.routeOptions.config.permission;
  if (permission === undefined || !ROLE_PERMISSIONS[auth.role].includes(permission)) {
    throw new PorticoError(
      'FORBIDDEN',
      `the ${auth.role} role may not ${req.method} ${req.routeOptions.url ?? req.url}`,
    );
  }
}
