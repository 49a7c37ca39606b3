-- The register of issued reports (0019, src/db/schema/reports.ts) is append-only, like the access
-- log: verification ("authentic, issued at T, edition E") is worth only what the register is, and
-- a row that could be edited or removed would let whoever holds the application's credentials
-- make a genuine report unverifiable, or re-point a number at another digest. The application
-- only ever inserts a row (when /report issues a report) and reads one by number
-- (src/modules/credit-report/report-register.repo.ts); nothing supersedes or withdraws a report.
-- The rows name no subject, so no erasure has to reach them, and the demo reset
-- (src/seed/reset.ts) leaves them, as it leaves the access log: no exception here.
CREATE FUNCTION issued_reports_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'REPORT_REGISTER_APPEND_ONLY: issued_reports rows cannot be updated, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER issued_reports_no_update_delete BEFORE UPDATE OR DELETE ON issued_reports
  FOR EACH ROW EXECUTE FUNCTION issued_reports_refuse_change();
--> statement-breakpoint
CREATE TRIGGER issued_reports_no_truncate BEFORE TRUNCATE ON issued_reports
  FOR EACH STATEMENT EXECUTE FUNCTION issued_reports_refuse_change();
--> statement-breakpoint

-- credit_apply_privileges as in 0012, plus: the application role may only insert into the register
-- and read it. Two layers, as for the access log: the missing grants refuse the application role
-- before any trigger runs, and the triggers refuse everyone, the owner and superusers included,
-- unless they switch the triggers off first (which the application role, not the owner, cannot).
CREATE OR REPLACE FUNCTION credit_apply_privileges() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS obj, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> 'credit_owner'
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO credit_owner',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.obj);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.prokind = 'f' AND pg_get_userbyid(p.proowner) <> 'credit_owner'
       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO credit_owner', r.fn);
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS typ FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> 'credit_owner'
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO credit_owner', r.typ);
  END LOOP;
  GRANT USAGE ON SCHEMA public TO credit_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO credit_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO credit_app;
  REVOKE ALL ON access_log FROM PUBLIC, credit_app;
  GRANT SELECT ON access_log TO credit_app;
  REVOKE ALL ON access_log_checkpoints FROM PUBLIC, credit_app;
  GRANT SELECT, INSERT ON access_log_checkpoints TO credit_app;
  REVOKE ALL ON FUNCTION append_access_log(jsonb) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION append_access_log(jsonb) TO credit_app;
  REVOKE ALL ON FUNCTION credit_apply_privileges() FROM PUBLIC;
  -- Record history: written by its trigger, erased only by erase_record_personal_data (0012).
  REVOKE ALL ON credit_record_versions FROM PUBLIC, credit_app;
  GRANT SELECT ON credit_record_versions TO credit_app;
  REVOKE ALL ON FUNCTION erase_record_personal_data(bigint, text[], jsonb) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION erase_record_personal_data(bigint, text[], jsonb) TO credit_app;
  -- The register of issued reports: written once per report, read by number (0021).
  REVOKE ALL ON issued_reports FROM PUBLIC, credit_app;
  GRANT SELECT, INSERT ON issued_reports TO credit_app;
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    -- /readyz compares applied migrations with the folder.
    GRANT USAGE ON SCHEMA drizzle TO credit_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO credit_app;
  END IF;
END $$;
