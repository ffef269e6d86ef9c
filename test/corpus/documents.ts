import { join } from 'node:path';

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'openapi', 'corpus');

/** A real document of the corpus test: where it is and what it covers. */
export interface CorpusDocument {
  name: string;
  /** Path of the document (`.gz` files are gunzipped before use). */
  file: string;
  why: string;
  /** Prism cannot load the document as it is: give it the request-equivalent view (see prism-view.ts). */
  prismRequestView?: boolean;
}

/**
 * Real OpenAPI documents written by others (APIs.guru and the OpenAPI Initiative's examples, gzip'd
 * copies of ../shared/openapi), chosen to cover every kind of mapping the generator does.
 */
export const CORPUS_DOCUMENTS: CorpusDocument[] = [
  {
    name: 'stripe',
    file: join(CORPUS, 'stripe.com.json.gz'),
    why: 'form-encoded nested bodies (deepObject), 452 operations',
    prismRequestView: true,
  },
  {
    name: 'twilio',
    file: join(CORPUS, 'twilio.com__api.json.gz'),
    why: 'form-encoded bodies, HTTP basic',
  },
  {
    name: 'github',
    file: join(
      import.meta.dirname,
      '..',
      '..',
      'packages',
      'store',
      'test',
      'fixtures',
      'api.github.com.json.gz',
    ),
    why: '1,223 operations, 13 MB',
  },
  {
    name: 'uber',
    file: join(import.meta.dirname, '..', 'fixtures', 'openapi', 'uber.swagger2.yaml'),
    why: 'Swagger 2.0 YAML',
  },
  {
    name: 'petstore-swagger2',
    file: join(CORPUS, 'petstore-expanded.swagger2.yaml.gz'),
    why: 'Swagger 2.0 YAML, operationId with spaces',
  },
  { name: 'vercel', file: join(CORPUS, 'vercel.com.json.gz'), why: 'OpenAPI 3.1' },
  {
    name: 'codat-expenses',
    file: join(CORPUS, 'codat.io__sync-for-expenses.json.gz'),
    why: 'OpenAPI 3.1, multipart',
  },
  {
    name: 'slack',
    file: join(CORPUS, 'slack.com.json.gz'),
    why: 'form-encoded bodies, header token',
  },
  {
    name: 'box',
    file: join(CORPUS, 'box.com.json.gz'),
    why: 'multipart uploads, binary downloads',
  },
  {
    name: 'digitalocean',
    file: join(CORPUS, 'digitalocean.com.json.gz'),
    why: 'JSON bodies, oneOf/allOf',
  },
  { name: 'openai', file: join(CORPUS, 'openai.com.json.gz'), why: 'multipart file uploads' },
  { name: 'spotify', file: join(CORPUS, 'spotify.com.json.gz'), why: 'query arrays, OAuth 2' },
  {
    name: 'xero',
    file: join(CORPUS, 'xero.com__xero_accounting.json.gz'),
    why: 'octet-stream bodies, header parameters',
  },
];

/** Calls per document: every tool, or a fixed sample of this many for the largest. */
export const MAX_CALLS_PER_DOCUMENT = 200;
