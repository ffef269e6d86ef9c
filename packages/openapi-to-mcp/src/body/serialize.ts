import { RequestBuildError } from '../errors.js';
import type { BodyBinding } from '../manifest.js';
import { scalar } from '../serialize/encode.js';
import { decodeFile } from './files.js';
import { serializeForm } from './form.js';
import { type BodyKind, bodyKind } from './kind.js';
import { serializeMultipart } from './multipart.js';

/** A body binding with what serialization needs precomputed (see compileBinding). */
export interface CompiledBody {
  binding: BodyBinding;
  kind: BodyKind;
  files: ReadonlySet<string>;
  /** Body property name -> argument name (for error messages). */
  argOf: (property: string) => string;
}

export function compileBody(binding: BodyBinding): CompiledBody {
  const args = new Map(Object.entries(binding.properties ?? {}).map(([arg, prop]) => [prop, arg]));
  return {
    binding,
    kind: bodyKind(binding.mediaType),
    files: new Set(binding.files ?? []),
    argOf: (property) => args.get(property) ?? binding.arg ?? property,
  };
}

/**
 * The request body and its `content-type` for a payload (the value argument or the picked
 * properties). JSON bodies are `JSON.stringify`d; text bodies sent as is; binary bodies decoded
 * from base64/data URL (a data URL's type replaces a wildcard media type such as `image/*`),
 * except `format: byte` ones (`base64Text`), whose body is the base64 text itself.
 *
 * @throws RequestBuildError `INVALID_ARGUMENT` for a binary or file argument that does not decode.
 */
export function serializeBody(
  compiled: CompiledBody,
  payload: unknown,
): { body: string | Uint8Array; contentType: string } {
  const { binding, kind } = compiled;
  switch (kind) {
    case 'form':
      return { body: serializeForm(payload, binding.encoding), contentType: binding.mediaType };
    case 'multipart':
      return serializeMultipart(payload, binding.encoding, compiled.files, compiled.argOf);
    case 'text':
      return { body: scalar(payload), contentType: binding.mediaType };
    case 'binary': {
      if (binding.base64Text === true) {
        if (typeof payload !== 'string') {
          throw new RequestBuildError(
            'INVALID_ARGUMENT',
            `argument "${binding.arg ?? 'body'}" must be base64 text`,
            binding.arg ?? 'body',
          );
        }
        return {
          body: payload,
          contentType: binding.mediaType.includes('*')
            ? 'application/octet-stream'
            : binding.mediaType,
        };
      }
      const file = decodeFile(payload, binding.arg ?? 'body');
      const wildcard = binding.mediaType.includes('*');
      const contentType =
        wildcard && file.contentType !== undefined ? file.contentType : binding.mediaType;
      return {
        body: file.bytes,
        contentType:
          wildcard && contentType.includes('*') ? 'application/octet-stream' : contentType,
      };
    }
    default:
      return { body: JSON.stringify(payload), contentType: binding.mediaType };
  }
}
