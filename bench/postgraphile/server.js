/**
 * PostGraphile v4 in library mode, production settings, serving schema bench_postgraphile
 * (installed by bench/lib/postgraphile.ts) of DATABASE_URL on PORT: comparison target (b)
 * of `npm run bench`. GET /readyz answers 200 once the GraphQL schema is built and the pool
 * answers.
 */
'use strict';
const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) });
const middleware = postgraphile(pool, 'bench_postgraphile', {
  graphqlRoute: '/graphql',
  graphiql: false,
  watchPg: false,
  disableDefaultMutations: true,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  enableQueryBatching: false,
  retryOnInitFail: false,
  showErrorStack: false,
  extendedErrors: [],
});

let ready = false;
middleware.getGraphQLSchema().then(() => { ready = true; }, (err) => {
  process.stderr.write(`PostGraphile could not build its schema: ${err.stack || err}\n`);
  process.exit(1);
});

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') {
    // Through the pool, as our server's readiness check is: it answers once queued queries ran.
    const answer = (ok) => { res.statusCode = ok ? 200 : 503; res.end(ok ? 'ready' : 'starting'); };
    if (!ready) answer(false);
    else pool.query('SELECT 1').then(() => answer(true), () => answer(false));
    return;
  }
  middleware(req, res);
});
server.listen(Number(process.env.PORT), '127.0.0.1');

const shutdown = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
