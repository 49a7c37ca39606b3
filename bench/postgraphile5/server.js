/**
 * PostGraphile v5 (Grafast) in library mode on node:http, production settings, serving schema
 * bench_postgraphile (installed by bench/lib/postgraphile.ts, the same one v4 serves) of
 * DATABASE_URL on PORT: a comparison target of `npm run bench` beside v4. The V4 preset keeps
 * v4's naming and behaviours, so the bench's PostGraphile documents (bench/lib/postgraphile.ts)
 * run unchanged on both. GET /readyz answers 200 once the schema is built and the pool answers.
 */
'use strict';
const http = require('node:http');
const { Pool } = require('pg');
const { postgraphile } = require('postgraphile');
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makeV4Preset } = require('postgraphile/presets/v4');
const { makePgService } = require('postgraphile/adaptors/pg');
const { grafserv } = require('postgraphile/grafserv/node');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) });
const preset = {
  extends: [
    PostGraphileAmberPreset,
    makeV4Preset({
      disableDefaultMutations: true,
      dynamicJson: true,
      setofFunctionsContainNulls: false,
      ignoreRBAC: true,
      graphiql: false,
      watchPg: false,
      showErrorStack: false,
      extendedErrors: [],
    }),
  ],
  pgServices: [makePgService({ pool, schemas: ['bench_postgraphile'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
let ready = false;
// createHandler rather than addTo: /readyz must be answered here and only here (grafserv would
// answer every path it does not serve with a 404 of its own). No websockets are needed.
const graphql = serv.createHandler();
const server = http.createServer((req, res) => {
  if (req.url !== '/readyz') return graphql(req, res);
  // Through the pool, as our server's readiness check is: it answers once queued queries ran.
  const answer = (ok) => { res.statusCode = ok ? 200 : 503; res.end(ok ? 'ready' : 'starting'); };
  if (!ready) answer(false);
  else pool.query('SELECT 1').then(() => answer(true), () => answer(false));
});
pgl.getSchema().then(() => { ready = true; }, (err) => {
  process.stderr.write(`PostGraphile v5 could not build its schema: ${err.stack || err}\n`);
  process.exit(1);
});
server.listen(Number(process.env.PORT), '127.0.0.1');

const shutdown = () => server.close(() => pgl.release().then(() => pool.end()).then(() => process.exit(0)));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
