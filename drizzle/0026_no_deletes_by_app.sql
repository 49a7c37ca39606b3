-- The application role may no longer DELETE case files (objections, repair applications, list
-- entries, measure applications, consents), credit records, legal documents or subjects.
-- Migration 0022 made decided outcomes write-once against UPDATE; DELETE was left, so whoever
-- held the server's credentials could still delete a decided objection or a consent and insert a
-- new row already DECIDED or wider. Nothing in the application deletes these rows.
-- credit_apply_privileges as in 0012, plus this release's grants, in one place: the register of
-- issued reports (0021: insert and read), the record-number key (0022: read), and that REVOKE.
-- It runs after every migration (src/db/migrate.ts).
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
  -- The record-number key: made by migration 0019, read by the numbering functions (0022).
  REVOKE ALL ON record_number_key FROM PUBLIC, credit_app;
  GRANT SELECT ON record_number_key TO credit_app;
  -- What happened is never deleted by the application (0026): case files, credit records and
  -- the documents they rest on, subjects. No code path deletes them (retention erases personal
  -- data in place, src/cli/purge.ts), so credentials taken from a server cannot remove a
  -- decided objection, a consent or a listing and write a different one in its place.
  -- Attachments stay deletable (retention), as do sessions and the name index kept by trigger.
  REVOKE DELETE ON objections, repair_applications, serious_list_entries, measure_applications, consents,
    credit_records, legal_documents, subjects FROM credit_app;
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    -- /readyz compares applied migrations with the folder.
    GRANT USAGE ON SCHEMA drizzle TO credit_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO credit_app;
  END IF;
END $$;
