import type { PropertyEncoding } from '../manifest.js';
import {
  encodeReserved,
  encodeStrict,
  entries,
  isPlainObject,
  scalar,
} from '../serialize/encode.js';
import { deepObject, expandQuery } from '../serialize/query.js';

/**
 * An `application/x-www-form-urlencoded` body (OpenAPI 3.1 section 4.8.15.1: each property is
 * serialized like a query parameter with its Encoding Object's `style`/`explode`/`allowReserved`;
 * defaults `form`, explode true). A property whose Encoding Object has a JSON `contentType` and no
 * `style` is sent as JSON text. Without an Encoding Object, a nested object is sent in bracket
 * notation (`a[b]=c`) rather than the spec's default `form` explosion (`b=c`), which drops the
 * property's name and which no server framework reads back.
 */
export function serializeForm(
  payload: unknown,
  encoding: Record<string, PropertyEncoding> | undefined,
): string {
  const pairs: string[] = [];
  if (!isPlainObject(payload)) return '';
  for (const [name, value] of entries(payload)) {
    const enc = Object.hasOwn(encoding ?? {}, name) ? encoding?.[name] : undefined;
    const encodeValue = enc?.allowReserved === true ? encodeReserved : encodeStrict;
    if (enc?.style === undefined && enc?.contentType !== undefined) {
      const text = /json/i.test(enc.contentType) ? JSON.stringify(value) : scalar(value);
      pairs.push(`${encodeStrict(name)}=${encodeValue(text)}`);
    } else if (enc?.style === undefined && isPlainObject(value)) {
      deepObject(encodeStrict(name), value, pairs, encodeValue);
    } else {
      const style = enc?.style ?? 'form';
      expandQuery(style, name, value, enc?.explode ?? style === 'form', encodeValue, pairs);
    }
  }
  return pairs.join('&');
}
