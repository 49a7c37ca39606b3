/**
 * Least privilege in production (README: Database roles). The server connects as a login
 * role that is a member of credit_app and nothing more: not a superuser (who can switch
 * triggers off or set session_replication_role), not the owner of the tables (who can disable
 * the append-only triggers), without direct INSERT, UPDATE, DELETE or TRUNCATE on the access
 * log (it appends only through append_access_log). Anything else is refused at start-up with
 * the fix named.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './database';
import { migrationStatus } from './migrate';
import type { Database } from './database';

export class PrivilegeError extends Error {}

const SETUP = 'connect as a login role that is a member of credit_app only, e.g. '
  + '`CREATE ROLE credit_api LOGIN PASSWORD \'…\' IN ROLE credit_app;` (README: Database roles)';

interface Standing {
  user: string;
  superuser: boolean;
  owner: boolean;
  direct: string[];
}

async function standing(db: Db): Promise<Standing> {
  const result = await db.execute(sql`
    SELECT current_user AS "user",
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
           array_remove(ARRAY[
             CASE WHEN has_table_privilege('access_log', 'INSERT') THEN 'INSERT' END,
             CASE WHEN has_table_privilege('access_log', 'UPDATE') THEN 'UPDATE' END,
             CASE WHEN has_table_privilege('access_log', 'DELETE') THEN 'DELETE' END,
             CASE WHEN has_table_privilege('access_log', 'TRUNCATE') THEN 'TRUNCATE' END
           ], NULL) AS direct
      FROM pg_class c WHERE c.oid = 'access_log'::regclass`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Standing[];
  return rows[0]!;
}

/** Why this connection may not serve in production; empty when it may. */
export async function privilegeProblems(db: Db): Promise<string[]> {
  const s = await standing(db);
  const problems: string[] = [];
  if (s.superuser) problems.push(`database user "${s.user}" is a superuser`);
  else if (s.owner) problems.push(`database user "${s.user}" owns the tables (or is a member of their owner)`);
  else if (s.direct.length) problems.push(`database user "${s.user}" may ${s.direct.join(', ')} the access log directly`);
  return problems;
}

/**
 * Production start on PostgreSQL: refuses an over-privileged connection, and a database whose
 * migrations are not all applied (the application role may not run them: `npm run migrate`
 * as credit_owner or a superuser first).
 */
export async function assertProductionDatabase(database: Database): Promise<void> {
  const problems = await privilegeProblems(database.db);
  if (problems.length) throw new PrivilegeError(`refusing to start in production: ${problems.join('; ')}. Fix: ${SETUP}`);
  const m = await migrationStatus(database);
  if (m.applied < m.expected) {
    throw new PrivilegeError(`refusing to start in production: the database has ${m.applied} of ${m.expected} migrations. `
      + 'Fix: run `npm run migrate` with DATABASE_URL naming credit_owner or a superuser, then start again');
  }
}
