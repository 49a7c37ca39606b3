/**
 * Captures the SQL statements one W1 request issues: our server is composed in this process
 * on the bench database, postgres.js's `debug` hook records each statement with its
 * parameters, and one W1 request is sent over HTTP. The count is checked against the
 * server's own x-sql-statements header, so what pgbench replays is what W1 runs.
 */
import 'reflect-metadata';
import { loadCatalogBundle } from '../../src/catalog/catalog.loader';
import { syncCatalog } from '../../src/modules/catalog/catalog.sync';
import { openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';
import { W1_QUERY } from './workloads';

export interface CapturedStatement {
  readonly text: string;
  readonly params: readonly unknown[];
}

export async function captureW1Statements(url: string, keys: { idHmac: string; idEncryption: string }, code: string): Promise<CapturedStatement[]> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const captured: CapturedStatement[] = [];
  let recording = false;
  // postgres.js reads options.debug on every statement it sends (connection.js).
  (database.pg!.options as { debug?: unknown }).debug = (_conn: number, text: string, params: unknown[]) => {
    if (recording) captured.push({ text, params: [...params] });
  };
  try {
    const catalog = await syncCatalog(database.db, loadCatalogBundle());
    const server = await createServer({
      config: {
        env: 'development',
        keys: { idHmac: Buffer.from(keys.idHmac, 'hex'), idEncryption: Buffer.from(keys.idEncryption, 'hex'), jwtSecret: Buffer.alloc(32, 1), generated: false },
      },
      database, catalog, logger: createLogger('warn'),
    });
    try {
      const endpoint = await server.listen(0, '127.0.0.1');
      recording = true;
      const res = await fetch(endpoint, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: W1_QUERY, variables: { code } }),
      });
      recording = false;
      const body = await res.text();
      if (res.status !== 200 || body.includes('"errors"')) throw new Error(`W1 request for the capture failed: HTTP ${res.status} ${body.slice(0, 300)}`);
      const counted = Number(res.headers.get('x-sql-statements'));
      if (counted !== captured.length) throw new Error(`captured ${captured.length} statements but the server counted ${counted}`);
      return captured;
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
  }
}
