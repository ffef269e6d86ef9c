/**
 * The layering `pnpm lint` enforces (dependency-cruiser, over services/ and packages/, sources and
 * tests; type-only imports count). See docs/architecture.md, "Layers".
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'No import cycle anywhere, type-only imports included: a reader can follow every file one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'packages-never-import-services',
      severity: 'error',
      comment: 'packages/ are the libraries the services are built from; they never reach back up.',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'services-import-each-other-only-from-local',
      severity: 'error',
      comment: 'Each service stands alone; only services/local composes them into one process.',
      from: { path: '^services/([^/]+)/', pathNot: '^services/local/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'generator-is-pure',
      severity: 'error',
      comment:
        'packages/openapi-to-mcp converts documents and maps requests: no network, file system, process or database module.',
      from: { path: '^packages/openapi-to-mcp/src/' },
      to: {
        path: [
          '^(node:)?(fs|fs/promises|net|tls|http|https|http2|dns|dgram|child_process|cluster|worker_threads)$',
          '(^|/)node_modules/(undici|@aws-sdk|@smithy)/',
          '^packages/(store|net|tokens|devkit)/',
        ],
      },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import dependency-cruiser cannot resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@portico/source', 'import', 'types', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
