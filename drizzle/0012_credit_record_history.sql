CREATE TABLE "credit_record_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credit_record_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"record_id" bigint NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"change" text NOT NULL,
	"actor" text NOT NULL,
	"actor_agency" text,
	"ground" text,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_record_versions" ADD CONSTRAINT "credit_record_versions_record_id_credit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_record_versions_record" ON "credit_record_versions" USING btree ("record_id","id");--> statement-breakpoint

-- Every change to a credit record becomes a version: the columns that changed, before and
-- after (updated_at aside), with the change note the application sets for the transaction
-- (set_config('credit.change', '{"change":…,"actor":…,"agency":…,"ground":…,"at":…}', true),
-- src/modules/credit-record/record-history.ts). A change without a note — made outside the
-- application — is kept as UNATTRIBUTED by the database user. SECURITY DEFINER: the
-- application role cannot write versions itself.
CREATE FUNCTION credit_records_keep_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  old_row jsonb := to_jsonb(OLD) - 'updated_at';
  new_row jsonb := to_jsonb(NEW) - 'updated_at';
  was jsonb := '{}';
  now_is jsonb := '{}';
  k text;
  note jsonb := nullif(current_setting('credit.change', true), '')::jsonb;
BEGIN
  FOR k IN SELECT jsonb_object_keys(new_row) LOOP
    IF old_row->k IS DISTINCT FROM new_row->k THEN
      was := was || jsonb_build_object(k, old_row->k);
      now_is := now_is || jsonb_build_object(k, new_row->k);
    END IF;
  END LOOP;
  IF was = '{}'::jsonb THEN RETURN NULL; END IF;
  INSERT INTO credit_record_versions (record_id, changed_at, change, actor, actor_agency, ground, before, after)
  VALUES (NEW.id, coalesce((note->>'at')::timestamptz, now()), coalesce(note->>'change', 'UNATTRIBUTED'),
          coalesce(note->>'actor', session_user::text), note->>'agency', note->>'ground', was, now_is);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_records_versions AFTER UPDATE ON credit_records
  FOR EACH ROW EXECUTE FUNCTION credit_records_keep_version();
--> statement-breakpoint

-- Versions are append-only; only the erasure below may blank personal data in them.
CREATE FUNCTION credit_record_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('credit.erasing', true) = 'on' THEN RETURN NEW; END IF;
  -- The demo reset (src/seed/reset.ts) empties records and their versions together; only the
  -- owner can TRUNCATE at all, and the owner could switch this trigger off anyway.
  IF TG_OP = 'TRUNCATE' AND current_setting('credit.reset', true) = 'on' THEN RETURN NULL; END IF;
  RAISE EXCEPTION 'HISTORY_APPEND_ONLY: credit_record_versions rows cannot be changed or removed'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_record_versions_no_change BEFORE UPDATE OR DELETE ON credit_record_versions
  FOR EACH ROW EXECUTE FUNCTION credit_record_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER credit_record_versions_no_truncate BEFORE TRUNCATE ON credit_record_versions
  FOR EACH STATEMENT EXECUTE FUNCTION credit_record_versions_refuse_change();
--> statement-breakpoint

-- Deletion after a repair (删除) or past retention: the record's personal fields (named by the
-- catalog, passed in) go from its payload and from every version of it; the record, its
-- document, dates and status stay — the minimum trace — with personal_data_erased_at set, and
-- the erasure is a version of its own (without the erased values). Returns false when the
-- record was erased already.
CREATE FUNCTION erase_record_personal_data(p_record bigint, p_fields text[], p_note jsonb) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM set_config('credit.change', p_note::text, true);
  UPDATE credit_records
     SET payload = payload - p_fields, personal_data_erased_at = coalesce((p_note->>'at')::timestamptz, now())
   WHERE id = p_record AND personal_data_erased_at IS NULL;
  IF NOT FOUND THEN RETURN false; END IF;
  PERFORM set_config('credit.erasing', 'on', true);
  UPDATE credit_record_versions
     SET before = CASE WHEN jsonb_typeof(before->'payload') = 'object' THEN jsonb_set(before, '{payload}', (before->'payload') - p_fields) ELSE before END,
         after = CASE WHEN jsonb_typeof(after->'payload') = 'object' THEN jsonb_set(after, '{payload}', (after->'payload') - p_fields) ELSE after END
   WHERE record_id = p_record;
  PERFORM set_config('credit.erasing', 'off', true);
  RETURN true;
END $$;
--> statement-breakpoint

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
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    -- /readyz compares applied migrations with the folder.
    GRANT USAGE ON SCHEMA drizzle TO credit_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO credit_app;
  END IF;
END $$;
