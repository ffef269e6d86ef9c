import { encodeStrict, entries, isPlainObject, present, scalar } from './encode.js';

/**
 * Cookie parameters (`in: cookie`, default style `form`, explode true; OpenAPI 3.1 section
 * 4.8.12.4) as `name=value` cookie pairs for one `cookie` header (RFC 6265 section 4.2.1):
 * primitives `name=v`; arrays `name=a,b` (explode false) or one pair per item (explode true);
 * objects `name=R,100,G,200` (explode false) or `R=100; G=200` (explode true). Values are
 * percent-encoded, so `;`, `,` and spaces cannot break the header.
 */
export function expandCookie(name: string, value: unknown, explode: boolean, out: string[]): void {
  if (Array.isArray(value)) {
    const items = present(value).map((v) => encodeStrict(scalar(v)));
    if (explode) for (const item of items) out.push(`${name}=${item}`);
    else out.push(`${name}=${items.join(',')}`);
    return;
  }
  if (isPlainObject(value)) {
    const pairs = entries(value).map(([k, v]) => [encodeStrict(k), encodeStrict(scalar(v))]);
    if (explode) for (const [k, v] of pairs) out.push(`${k}=${v}`);
    else out.push(`${name}=${pairs.map(([k, v]) => `${k},${v}`).join(',')}`);
    return;
  }
  out.push(`${name}=${encodeStrict(scalar(value))}`);
}
