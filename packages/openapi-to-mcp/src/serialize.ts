/**
 * Parameter serialization (OpenAPI 3.1 section 4.8.12.4, "Style Values", and RFC 6570 expansion it
 * is based on). Values are stringified: numbers and booleans as JSON, null/undefined never reach
 * here (callers omit them).
 */

/** encodeURIComponent plus RFC 3986 sub-delims it leaves alone (`!'()*`). */
export function encodeStrict(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `allowReserved`: RFC 3986 reserved characters pass unencoded; everything else is encoded. */
export function encodeReserved(value: string): string {
  return encodeURI(value)
    .replace(/[#[\]]/g, (c) => encodeURIComponent(c))
    .replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Own enumerable entries of an object argument whose values are present. */
export function entries(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
}

/**
 * `simple` (path, header) and `label`/`matrix` (path) styles. `name` is only used by matrix.
 * `enc` encodes one value (identity for headers).
 */
export function expandSimple(
  style: string,
  name: string,
  value: unknown,
  explode: boolean,
  enc: (s: string) => string,
): string {
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : '';
  const named = style === 'matrix';
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null).map((v) => enc(scalar(v)));
    if (named)
      return explode ? items.map((i) => `;${name}=${i}`).join('') : `;${name}=${items.join(',')}`;
    return prefix + items.join(explode && prefix !== '' ? prefix : ',');
  }
  if (typeof value === 'object' && value !== null) {
    const pairs = entries(value).map(([k, v]) => [enc(k), enc(scalar(v))] as const);
    if (explode) {
      const sep = named ? ';' : prefix === '' ? ',' : prefix;
      return (named || prefix !== '' ? sep : '') + pairs.map(([k, v]) => `${k}=${v}`).join(sep);
    }
    const flat = pairs.map(([k, v]) => `${k},${v}`).join(',');
    return named ? `;${name}=${flat}` : prefix + flat;
  }
  const text = enc(scalar(value));
  return named ? `;${name}=${text}` : prefix + text;
}

/**
 * Query pairs (already encoded, `k=v`) for `form`, `spaceDelimited`, `pipeDelimited` and
 * `deepObject` styles.
 */
export function expandQuery(
  style: string,
  name: string,
  value: unknown,
  explode: boolean,
  enc: (s: string) => string,
  out: string[],
): void {
  const key = encodeStrict(name);
  if (style === 'deepObject' && typeof value === 'object' && value !== null) {
    deepObject(key, value, out, enc);
    return;
  }
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null).map((v) => enc(scalar(v)));
    if (items.length === 0) return;
    if (style === 'spaceDelimited' && !explode) out.push(`${key}=${items.join('%20')}`);
    else if (style === 'pipeDelimited' && !explode) out.push(`${key}=${items.join('|')}`);
    else if (explode) for (const item of items) out.push(`${key}=${item}`);
    else out.push(`${key}=${items.join(',')}`);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const pairs = entries(value);
    if (explode) for (const [k, v] of pairs) out.push(`${encodeStrict(k)}=${enc(scalar(v))}`);
    else out.push(`${key}=${pairs.map(([k, v]) => `${enc(k)},${enc(scalar(v))}`).join(',')}`);
    return;
  }
  out.push(`${key}=${enc(scalar(value))}`);
}

/** `name[a][b]=v`; arrays become `name[0]=v` (what Rails, PHP and Stripe-style servers read). */
export function deepObject(
  key: string,
  value: unknown,
  out: string[],
  enc: (s: string) => string,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== undefined && item !== null) deepObject(`${key}%5B${i}%5D`, item, out, enc);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of entries(value)) deepObject(`${key}%5B${encodeStrict(k)}%5D`, v, out, enc);
  } else {
    out.push(`${key}=${enc(scalar(value))}`);
  }
}
