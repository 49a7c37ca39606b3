CREATE TABLE "issued_reports" (
	"report_number" text PRIMARY KEY NOT NULL,
	"digest" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"edition" text NOT NULL,
	"format" text NOT NULL,
	"issuer" text NOT NULL,
	CONSTRAINT "issued_report_digest_hex" CHECK ("issued_reports"."digest" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "issued_report_edition" CHECK ("issued_reports"."edition" IN ('PUBLIC', 'FULL')),
	CONSTRAINT "issued_report_format" CHECK ("issued_reports"."format" IN ('HTML', 'PDF'))
);
--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "record_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "record_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD COLUMN "record_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "record_number" text DEFAULT '' NOT NULL;--> statement-breakpoint

-- Hand-written from here to the UNIQUE constraints (which drizzle-kit generated): the
-- 记录编号 (src/db/schema/record-number.ts). `<region>-<year>-<letter><10 digits>`; the digits
-- are a keyed permutation (an 8-round Feistel network on 32 bits, keyed by a random secret
-- made here) of one sequence shared by all four tables, so numbers are unique and never
-- reused (a sequence never hands a value out twice, even on rollback), and neither a gap
-- between two numbers nor a number's size says how many records exist, visible or not.
CREATE TABLE record_number_key (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  secret text NOT NULL
);--> statement-breakpoint
INSERT INTO record_number_key (secret) VALUES (gen_random_uuid()::text || gen_random_uuid()::text);--> statement-breakpoint
CREATE SEQUENCE record_number_seq;--> statement-breakpoint
CREATE FUNCTION record_number_permute(n bigint) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
  k text := (SELECT secret FROM record_number_key);
  l bigint;
  r bigint;
  t bigint;
BEGIN
  IF n < 0 OR n >= 4294967296 THEN
    RAISE EXCEPTION 'record number space exhausted (% of 2^32)', n;
  END IF;
  l := n >> 16;
  r := n & 65535;
  FOR i IN 1..8 LOOP
    t := r;
    r := l # (('x' || substr(md5(k || ':' || i || ':' || r), 1, 4))::bit(16)::integer)::bigint;
    l := t;
  END LOOP;
  RETURN (l << 16) | r;
END $$;--> statement-breakpoint
-- The next number for a row of `letter` whose responsible agency is in `region`, created at `at`
-- (the year is China Standard Time's).
CREATE FUNCTION record_number_next(letter text, region text, at timestamptz) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT region || '-' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || letter
         || lpad(record_number_permute(nextval('record_number_seq'))::text, 10, '0')
$$;--> statement-breakpoint
-- The region of the agency that answers for a row: its own agency, or for an objection or repair
-- application, the agency of the record or list entry it is about.
CREATE FUNCTION record_number_region(agency text, record_id bigint, entry_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT a.region_code FROM agencies a WHERE a.code = agency),
    (SELECT a.region_code FROM credit_records r JOIN agencies a ON a.code = r.agency_code WHERE r.id = record_id),
    (SELECT a.region_code FROM serious_list_entries e JOIN agencies a ON a.code = e.agency_code WHERE e.id = entry_id),
    '000000')
$$;--> statement-breakpoint
CREATE FUNCTION record_number_assign() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  j jsonb := to_jsonb(NEW);
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.record_number IS DISTINCT FROM OLD.record_number THEN
      RAISE EXCEPTION 'a record number (%) is never changed', OLD.record_number USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  NEW.record_number := record_number_next(
    TG_ARGV[0],
    record_number_region(j->>'agency_code', (j->>'credit_record_id')::bigint, (j->>'list_entry_id')::bigint),
    (j->>TG_ARGV[1])::timestamptz);
  RETURN NEW;
END $$;--> statement-breakpoint
-- Rows already there get theirs (before the triggers exist: they refuse a change), in id order.
UPDATE credit_records SET record_number = record_number_next('R', record_number_region(agency_code, NULL, NULL), created_at);--> statement-breakpoint
UPDATE serious_list_entries SET record_number = record_number_next('L', record_number_region(agency_code, NULL, NULL), notified_at);--> statement-breakpoint
UPDATE objections SET record_number = record_number_next('Y', record_number_region(NULL, credit_record_id, list_entry_id), filed_at);--> statement-breakpoint
UPDATE repair_applications SET record_number = record_number_next('X', record_number_region(NULL, credit_record_id, list_entry_id), filed_at);--> statement-breakpoint
CREATE TRIGGER credit_records_record_number BEFORE INSERT OR UPDATE OF record_number ON credit_records
  FOR EACH ROW EXECUTE FUNCTION record_number_assign('R', 'created_at');--> statement-breakpoint
CREATE TRIGGER serious_list_entries_record_number BEFORE INSERT OR UPDATE OF record_number ON serious_list_entries
  FOR EACH ROW EXECUTE FUNCTION record_number_assign('L', 'notified_at');--> statement-breakpoint
CREATE TRIGGER objections_record_number BEFORE INSERT OR UPDATE OF record_number ON objections
  FOR EACH ROW EXECUTE FUNCTION record_number_assign('Y', 'filed_at');--> statement-breakpoint
CREATE TRIGGER repair_applications_record_number BEFORE INSERT OR UPDATE OF record_number ON repair_applications
  FOR EACH ROW EXECUTE FUNCTION record_number_assign('X', 'filed_at');--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_record_number_unique" UNIQUE("record_number");--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_record_number_unique" UNIQUE("record_number");--> statement-breakpoint
ALTER TABLE "repair_applications" ADD CONSTRAINT "repair_applications_record_number_unique" UNIQUE("record_number");--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD CONSTRAINT "serious_list_entries_record_number_unique" UNIQUE("record_number");