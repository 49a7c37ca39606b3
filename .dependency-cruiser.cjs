/**
 * The layer order of src/ (README, "Architecture"), checked by `npm run arch:check`.
 *
 * A module may import from its own layer and the layers below it, never from one above, and
 * no import may close a circle (type-only imports count: they are how a circle starts). A
 * file belongs to the first layer whose pattern matches it, so specific files listed in a low
 * layer (config.ts, graphql/scalars.ts) are taken out of their folder's layer.
 *
 * Known violations, if any, are listed in .dependency-cruiser-known-violations.json; the check
 * passes over those and fails on any new one (`npm run arch:baseline` rewrites the list: do it
 * only to record a removal).
 */

/** Lowest first. `path` is matched against paths relative to the repository root. */
const LAYERS = [
  {
    name: 'base',
    comment: 'leaves: identifiers, time, errors, config, logging; import nothing of the application but each other',
    path: [
      '^src/(errors|time|identifiers)/',
      '^src/(config|logger)\\.ts$',
      '^src/observability/(redact|operation-label)\\.ts$',
      '^src/auth/(principal|token-keys)\\.ts$',
    ],
  },
  { name: 'catalog', comment: 'the catalog as data: schemas, loading, validation; pure', path: ['^src/catalog/'] },
  { name: 'db', comment: 'the database: connection, tables, migrations, read routing', path: ['^src/db/'] },
  { name: 'policy', comment: 'who may see and do what, decided as data; tokens', path: ['^src/policy/', '^src/auth/(?!dev-tokens\\.ts$)'] },
  {
    name: 'kit',
    comment: 'what modules build on: GraphQL vocabulary (scalars, enums, pages, ids, field tags), the access-log chain, metrics, the PDF pool',
    path: [
      '^src/graphql/(scalars|enums|connection|cursor|opaque-id|field-reads)\\.ts$',
      '^src/shield/field-tags\\.ts$',
      '^src/audit/(?!(access-recorder|audit-plugin)\\.ts$)',
      '^src/observability/(request-observation|metrics)\\.ts$',
      '^src/report/report-(pdf|pdf-pool|pdf-task|view|fonts)\\.ts$',
    ],
  },
  {
    name: 'modules',
    comment: 'one folder per domain: types, inputs, services, repositories, rules (not resolvers); the import pipeline',
    path: ['^src/modules/(?!.+\\.resolver\\.ts$)', '^src/ingest/', '^src/auth/dev-tokens\\.ts$'],
  },
  { name: 'wiring', comment: 'the services of one server and the per-request context', path: ['^src/services\\.ts$', '^src/graphql/(context|loaders)\\.ts$'] },
  {
    name: 'graphql',
    comment: 'resolvers, the schema, shield rules, GraphQL plugins',
    path: ['^src/modules/.+\\.resolver\\.ts$', '^src/graphql/', '^src/shield/', '^src/audit/', '^src/observability/graphql-metrics-plugin\\.ts$'],
  },
  { name: 'http', comment: 'the HTTP surface: handler, limits, portal, report pages, metrics route, sign-in', path: ['^src/http/', '^src/report/', '^src/portal/', '^src/observability/', '^src/session/'] },
  { name: 'server', comment: 'createServer: explicit wiring of everything below', path: ['^src/server\\.ts$'] },
  { name: 'seed', comment: 'the demo seed, built through the layers below', path: ['^src/seed/'] },
  { name: 'app', comment: 'entry points: main and the CLI commands', path: ['^src/main\\.ts$', '^src/cli/'] },
  { name: 'tools', comment: 'benchmark and scripts', path: ['^bench/', '^scripts/'] },
];

const patterns = LAYERS.map((l) => l.path.join('|'));
/** Paths of layer i: its patterns minus those of every earlier layer (first match wins). */
const layerPath = (i) => ({ path: patterns[i], ...(i > 0 ? { pathNot: patterns.slice(0, i).join('|') } : {}) });

const upwardRules = [];
LAYERS.forEach((from, i) => {
  LAYERS.slice(i + 1).forEach((to, k) => {
    const j = i + 1 + k;
    upwardRules.push({
      name: `layer-${from.name}-not-${to.name}`,
      comment: `${from.name} (${from.comment}) may not import ${to.name}, a layer above it`,
      severity: 'error',
      from: layerPath(i),
      to: layerPath(j),
    });
  });
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import circle, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-tests',
      comment: 'application code does not import test support or the benchmark',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'every relative import resolves to a file',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'services-without-database',
      comment:
        'a service gets its repositories from a unit of work (src/modules/unit-of-work.ts), never the database handle, ' +
        'drizzle or the database-backed unit: so it runs on in-memory repositories in a unit test (README, "Services over repositories")',
      severity: 'error',
      from: { path: '^src/modules/.+\\.service\\.ts$' },
      to: { path: ['^src/db/', '^src/modules/database-work\\.ts$', '(^|/)node_modules/drizzle-orm/'] },
    },
    {
      name: 'services-do-not-build-repositories',
      comment: 'a service imports a repository for its types only: it is handed the repository, bound to the database or a transaction, by its unit of work',
      severity: 'error',
      from: { path: '^src/modules/.+\\.service\\.ts$' },
      to: { path: '\\.repo\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    ...upwardRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests import across layers by design; the portal's browser scripts are not TypeScript modules of the
    // server; bench/postgraphile and bench/postgraphile5 are packages of their own (own package.json and node_modules).
    exclude: { path: ['\\.test\\.ts$', '^src/portal/public/', '^bench/postgraphile5?/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve package subpaths through their `exports` maps (@electric-sql/pglite/contrib/pg_trgm), as Node does.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
