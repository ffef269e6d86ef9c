/**
 * Writes the hostile-input fixtures of test/hostile.test.ts into test/fixtures/hostile/ (large
 * ones gzip-compressed so every committed file stays under 1 MB). Deterministic: re-running it
 * gives the same files. Run: `npx tsx packages/openapi-to-mcp/scripts/make-hostile-fixtures.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dir = fileURLToPath(new URL('../test/fixtures/hostile/', import.meta.url));
const info = { title: 'hostile', version: '1' };
const write = (name: string, text: string): void => {
  const bytes = Buffer.from(text);
  writeFileSync(dir + name, name.endsWith('.gz') ? gzipSync(bytes, { level: 9 }) : bytes);
};
const op = (ref: string) => ({
  get: {
    responses: {
      200: { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } },
    },
  },
});

write(
  'external-ref-file.json',
  JSON.stringify({ openapi: '3.0.3', info, paths: { '/p': op('file:///etc/passwd') } }, null, 2),
);
write(
  'external-ref-relative.json',
  JSON.stringify({ openapi: '3.0.3', info, paths: { '/p': op('../secrets.yaml#/x') } }, null, 2),
);
write(
  'external-ref-http.json',
  JSON.stringify(
    { openapi: '3.0.3', info, paths: { '/p': op('http://169.254.169.254/latest/meta-data#/x') } },
    null,
    2,
  ),
);

// Billion laughs: 10 aliases per level, 9 levels -> 10^9 nodes if expanded.
const lines = [
  'openapi: 3.0.3',
  'info: {title: hostile, version: "1"}',
  'x-bomb:',
  '  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
];
for (let i = 1; i < 9; i++)
  lines.push(
    `  l${i}: &l${i} [${Array(10)
      .fill(`*l${i - 1}`)
      .join(', ')}]`,
  );
lines.push('paths: {}');
write('alias-bomb.yaml', `${lines.join('\n')}\n`);

write(
  'proto-keys.json',
  '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"__proto__":{"polluted":"yes"},"components":{"schemas":{"__proto__":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}}},"paths":{"/a":{"post":{"operationId":"__proto__","parameters":[{"name":"constructor","in":"query","schema":{"type":"string"}}],"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/__proto__"}}}},"responses":{"200":{"description":"ok"}}}}}}',
);

write(
  'deep-10000.json.gz',
  `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
);

// 50 MB of ordinary-looking paths with long descriptions (over the 32 MiB default).
const filler = 'All work and no play makes Jack a dull boy. '.repeat(200);
const parts: string[] = [];
let size = 0;
for (let i = 0; size < 50 * 1024 * 1024; i++) {
  const part = `"/p${i}":{"get":{"description":"${filler}","responses":{"200":{"description":"ok"}}}}`;
  parts.push(part);
  size += part.length + 1;
}
write(
  'large-50mb.json.gz',
  `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{${parts.join(',')}}}`,
);

const many = Array.from(
  { length: 20_000 },
  (_, i) => `"/op${i}":{"get":{"operationId":"op${i}","responses":{"200":{"description":"ok"}}}}`,
);
write(
  'ops-20000.json.gz',
  `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{${many.join(',')}}}`,
);
