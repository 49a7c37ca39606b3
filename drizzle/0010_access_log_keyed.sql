CREATE TABLE "access_log_checkpoints" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_log_checkpoints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"last_seq" bigint NOT NULL,
	"head" text NOT NULL,
	"row_count" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "client_request_id" text;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "writer" text;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "writer_seq" bigint;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "mac" text;--> statement-breakpoint
CREATE INDEX "access_log_checkpoints_last_seq" ON "access_log_checkpoints" USING btree ("last_seq");--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_seal_shape" CHECK ("access_log"."mac" IS NULL OR ("access_log"."mac" ~ '^[0-9a-f]{64}$' AND "access_log"."writer" IS NOT NULL AND "access_log"."writer_seq" >= 1 AND "access_log"."key_id" IS NOT NULL));--> statement-breakpoint

-- append_access_log, version 2 (src/audit/hash-chain.ts computes the same to verify). Entries
-- arrive sealed by the writer: writer, writerSeq, keyId and mac (HMAC-SHA256 under
-- ACCESS_LOG_KEY, which never enters the database). The function links each row into the
-- global chain:
--   canonical = at (UTC, microseconds, ISO 8601 with Z) | request_id | coalesce(client_request_id,'') |
--               principal | role | coalesce(agency_code,'') | coalesce(purpose,'') | operation |
--               coalesce(subject_id::text,'') | coalesce(item_code,'') | field_path | decision | reason |
--               writer | writer_seq | key_id            (| is E'\x1f')
--   hash      = sha256(prev_hash | canonical | mac), lowercase hex; the first row links to 64 zeros.
-- SECURITY DEFINER: the application role may append only through this function (it holds no
-- INSERT on access_log); search_path is pinned so a caller cannot substitute objects.
CREATE OR REPLACE FUNCTION append_access_log(entries jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  rests text[];
  n integer;
  unsealed boolean;
  prevs text[];
  hashes text[];
  tail text;
  i integer;
BEGIN
  -- Everything that does not depend on the chain's tail is done before the lock: parsing, the
  -- check, each row's canonical text and MAC. Under the lock only the chain and the INSERT run.
  SELECT array_agg(
           E'\x1f' || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\x1f' ||
           r."requestId" || E'\x1f' || coalesce(r."clientRequestId", '') || E'\x1f' ||
           r.principal || E'\x1f' || r.role || E'\x1f' ||
           coalesce(r."agencyCode", '') || E'\x1f' || coalesce(r.purpose, '') || E'\x1f' ||
           r.operation || E'\x1f' || coalesce(r."subjectId"::text, '') || E'\x1f' ||
           coalesce(r."itemCode", '') || E'\x1f' || r."fieldPath" || E'\x1f' ||
           r.decision || E'\x1f' || r.reason || E'\x1f' ||
           r.writer || E'\x1f' || r."writerSeq"::text || E'\x1f' || r."keyId" || E'\x1f' ||
           r.mac ORDER BY r.ord),
         count(*),
         coalesce(bool_or(coalesce(r.mac, '') !~ '^[0-9a-f]{64}$' OR r.writer IS NULL OR r."keyId" IS NULL
                          OR coalesce(r."writerSeq", 0) < 1), false)
    INTO rests, n, unsealed
    FROM ROWS FROM (jsonb_to_recordset(entries) AS (at timestamptz, "requestId" text, "clientRequestId" text, principal text, role text, "agencyCode" text, purpose text,
         operation text, "subjectId" bigint, "itemCode" text, "fieldPath" text, decision text, reason text, writer text,
         "writerSeq" bigint, "keyId" text, mac text)) WITH ORDINALITY
      AS r(at, "requestId", "clientRequestId", principal, role, "agencyCode", purpose, operation, "subjectId", "itemCode", "fieldPath", decision, reason, writer, "writerSeq", "keyId", mac, ord);
  IF unsealed THEN
    RAISE EXCEPTION 'AUDIT_UNSEALED: every access-log entry must carry writer, writerSeq, keyId and mac'
      USING ERRCODE = 'check_violation';
  END IF;
  IF n = 0 THEN RETURN 0; END IF;
  prevs := array_fill(NULL::text, ARRAY[n]);
  hashes := array_fill(NULL::text, ARRAY[n]);
  -- 0x63726564 = 'cred': one lock key for the whole log, held to commit.
  PERFORM pg_advisory_xact_lock(1668441444);
  SELECT hash INTO tail FROM access_log ORDER BY seq DESC LIMIT 1;
  tail := coalesce(tail, repeat('0', 64));
  FOR i IN 1..n LOOP
    prevs[i] := tail;
    tail := encode(sha256(convert_to(tail || rests[i], 'UTF8')), 'hex');
    hashes[i] := tail;
  END LOOP;
  -- Identity values are drawn in the order the sorted rows arrive: seq follows the chain. The
  -- links are joined by position (unnest), never read by subscript per row (quadratic).
  INSERT INTO access_log (at, request_id, client_request_id, principal, role, agency_code, purpose, operation,
                          subject_id, item_code, field_path, decision, reason, writer, writer_seq, key_id, mac,
                          prev_hash, hash)
  SELECT r.at, r."requestId", r."clientRequestId", r.principal, r.role, r."agencyCode", r.purpose, r.operation,
         r."subjectId", r."itemCode", r."fieldPath", r.decision::access_decision, r.reason, r.writer, r."writerSeq",
         r."keyId", r.mac, l.prev, l.hash
    FROM ROWS FROM (jsonb_to_recordset(entries) AS (at timestamptz, "requestId" text, "clientRequestId" text, principal text, role text, "agencyCode" text, purpose text,
         operation text, "subjectId" bigint, "itemCode" text, "fieldPath" text, decision text, reason text, writer text,
         "writerSeq" bigint, "keyId" text, mac text)) WITH ORDINALITY
      AS r(at, "requestId", "clientRequestId", principal, role, "agencyCode", purpose, operation, "subjectId", "itemCode", "fieldPath", decision, reason, writer, "writerSeq", "keyId", mac, ord)
    JOIN unnest(prevs, hashes) WITH ORDINALITY AS l(prev, hash, ord) ON l.ord = r.ord
   ORDER BY r.ord;
  RETURN n;
END $$;
--> statement-breakpoint

-- Checkpoints are append-only too.
CREATE TRIGGER access_log_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON access_log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER access_log_checkpoints_no_truncate BEFORE TRUNCATE ON access_log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint

-- Least privilege (README: Database roles). credit_owner owns every object; credit_app is what
-- the server's login role is a member of: it reads and writes the domain tables, reads the
-- access log and appends to it only through append_access_log. Neither role is a superuser,
-- so neither can disable triggers on tables it does not own or set session_replication_role.
-- Roles belong to the cluster: created once, shared by every database migrated on it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'credit_owner') THEN
    CREATE ROLE credit_owner NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;  -- created meanwhile by a concurrent migration
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'role credit_owner does not exist and % may not create it: create it once as a superuser (README: Database roles)', current_user;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'credit_app') THEN
    CREATE ROLE credit_app NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'role credit_app does not exist and % may not create it: create it once as a superuser (README: Database roles)', current_user;
END $$;
--> statement-breakpoint

-- Idempotent, and run after every migration by src/db/migrate.ts, so objects later
-- migrations create are handed over and granted the same way.
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
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'drizzle') THEN
    -- /readyz compares applied migrations with the folder.
    GRANT USAGE ON SCHEMA drizzle TO credit_app;
    GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO credit_app;
  END IF;
END $$;
