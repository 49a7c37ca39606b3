/**
 * Entry of the PDF worker threads when the server runs from TypeScript sources (a compiled
 * build loads report-pdf-task.js directly; see report-pdf-pool.ts). A worker thread starts as
 * plain Node with only what execArgv preloads: under `npm start` that is `-r @swc-node/register`,
 * inherited from the main thread; under jest nothing is, because @swc/jest compiles inside the
 * test's own module registry, which worker threads do not share. So the hook is registered
 * here unless a `.ts` loader is already in place (registering it twice would compile twice).
 */
'use strict';

if (!require.extensions['.ts']) require('@swc-node/register');

module.exports = require('./report-pdf-task.ts');
