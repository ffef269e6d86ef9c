import { encodeStrict, entries, isPlainObject, present, scalar } from './encode.js';

/** Delimiters of the delimited query styles (OpenAPI 3.1 section 4.8.12.4). `tabDelimited` is Swagger 2.0 `tsv`. */
const DELIMITERS: Record<string, string> = {
  spaceDelimited: '%20',
  pipeDelimited: '|',
  tabDelimited: '%09',
};

/**
 * Query pairs (`k=v`, already encoded) for the `form`, `spaceDelimited`, `pipeDelimited` and
 * `deepObject` styles, appended to `out`. OpenAPI 3.1 section 4.8.12.4, for `color`:
 *
 * | style          | explode | ""      | "blue"     | [blue,black,brown]                 | {R:100,G:200,B:150}                    |
 * |----------------|---------|---------|------------|------------------------------------|----------------------------------------|
 * | form           | false   | color=  | color=blue | color=blue,black,brown             | color=R,100,G,200,B,150                |
 * | form           | true    | color=  | color=blue | color=blue&color=black&color=brown | R=100&G=200&B=150                      |
 * | spaceDelimited | false   | color=  | color=blue | color=blue%20black%20brown         | color=R%20100%20G%20200%20B%20150      |
 * | pipeDelimited  | false   | color=  | color=blue | color=blue|black|brown             | color=R|100|G|200|B|150                |
 * | deepObject     | true    | color=  | color=blue | color[0]=blue&color[1]=...         | color[R]=100&color[G]=200&color[B]=150 |
 *
 * Delimited styles with `explode: true` are exploded like `form`. Empty arrays and objects are
 * undefined in RFC 6570 (section 2.3) and produce no pair. deepObject nests (`a[b][c]=v`) and
 * indexes arrays (`a[0]=v`), as Rails, PHP, qs, Stripe and Prism read it; brackets are
 * percent-encoded, which every one of them decodes.
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
  const delimiter = explode ? undefined : (DELIMITERS[style] ?? ',');
  if (Array.isArray(value)) {
    const items = present(value).map((v) => enc(scalar(v)));
    if (items.length === 0) return;
    if (delimiter === undefined) for (const item of items) out.push(`${key}=${item}`);
    else out.push(`${key}=${items.join(delimiter)}`);
    return;
  }
  if (isPlainObject(value)) {
    const pairs = entries(value);
    if (pairs.length === 0) return;
    if (delimiter === undefined) {
      for (const [k, v] of pairs) out.push(`${encodeStrict(k)}=${enc(scalar(v))}`);
    } else {
      out.push(
        `${key}=${pairs.map(([k, v]) => `${enc(k)}${delimiter}${enc(scalar(v))}`).join(delimiter)}`,
      );
    }
    return;
  }
  out.push(`${key}=${enc(scalar(value))}`);
}

/** `key[a][b]=v`, arrays `key[0]=v`; `key` is already encoded. */
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
  } else if (isPlainObject(value)) {
    for (const [k, v] of entries(value)) deepObject(`${key}%5B${encodeStrict(k)}%5D`, v, out, enc);
  } else {
    out.push(`${key}=${enc(scalar(value))}`);
  }
}
