import { encodeStrict, entries, isPlainObject, present, scalar } from './encode.js';

/**
 * `simple` (path, header), `label` and `matrix` (path) styles: OpenAPI 3.1 section 4.8.12.4 and
 * RFC 6570 sections 3.2.2 (simple), 3.2.5 (label) and 3.2.7 (matrix). For `color`:
 *
 * | style  | explode | ""       | "blue"        | [blue,black,brown]                  | {R:100,G:200,B:150}       |
 * |--------|---------|----------|---------------|-------------------------------------|---------------------------|
 * | simple | either  | (empty)  | blue          | blue,black,brown                    | R,100,G,200,B,150 / R=100,G=200,B=150 |
 * | label  | false   | .        | .blue         | .blue,black,brown                   | .R,100,G,200,B,150        |
 * | label  | true    | .        | .blue         | .blue.black.brown                   | .R=100.G=200.B=150        |
 * | matrix | false   | ;color   | ;color=blue   | ;color=blue,black,brown             | ;color=R,100,G,200,B,150  |
 * | matrix | true    | ;color   | ;color=blue   | ;color=blue;color=black;color=brown | ;R=100;G=200;B=150        |
 *
 * Separators are literal; names, keys and values go through `enc` (identity for headers).
 * Empty arrays and objects expand like an empty string.
 */
export function expandSimple(
  style: string,
  name: string,
  value: unknown,
  explode: boolean,
  enc: (s: string) => string,
): string {
  const prefix = style === 'label' ? '.' : style === 'matrix' ? ';' : '';
  const matrix = style === 'matrix';
  const key = enc(name);
  const named = (text: string): string => (text === '' ? `;${key}` : `;${key}=${text}`);
  if (Array.isArray(value)) {
    const items = present(value).map((v) => enc(scalar(v)));
    if (matrix) {
      return explode && items.length > 0 ? items.map(named).join('') : named(items.join(','));
    }
    return prefix + items.join(explode && prefix !== '' ? prefix : ',');
  }
  if (isPlainObject(value)) {
    const pairs = entries(value).map(([k, v]) => [enc(k), enc(scalar(v))] as const);
    if (explode && pairs.length > 0) {
      const sep = matrix ? ';' : prefix === '' ? ',' : prefix;
      return prefix + pairs.map(([k, v]) => `${k}=${v}`).join(sep);
    }
    const flat = pairs.map(([k, v]) => `${k},${v}`).join(',');
    return matrix ? named(flat) : prefix + flat;
  }
  const text = enc(scalar(value));
  return matrix ? named(text) : prefix + text;
}

/** A path parameter with the default `simple` style, encoded strictly. */
export function expandPath(style: string, name: string, value: unknown, explode: boolean): string {
  return expandSimple(style, name, value, explode, encodeStrict);
}
