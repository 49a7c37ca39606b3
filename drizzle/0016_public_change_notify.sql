-- What the public sees changed: every committed write to a table the public's answers are
-- built from sends one notification per statement on channel credit_public_change, naming the
-- subjects it touched by their unified social credit codes (comma-separated). The public
-- response cache (src/http/public-cache/) evicts those subjects' entries and every entry that
-- lists or counts across subjects. '*' (too many subjects, or a table every answer depends on:
-- catalog, agencies, vocabularies) evicts everything; '' (only subjects without a code, i.e.
-- natural persons) evicts the lists and counts. NOTIFY is delivered at commit, to every
-- listening server instance; a rolled-back write sends nothing.
-- Statement-level triggers over transition tables: a bulk import or the seeder sends one
-- notification per statement, not one per row.
CREATE FUNCTION credit_notify_public(codes text[], subjects_touched bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF subjects_touched = 0 THEN RETURN; END IF;
  -- 200 codes (about 3.8 kB) stays well under NOTIFY's 8,000-byte payload limit.
  IF subjects_touched > 200 THEN
    PERFORM pg_notify('credit_public_change', '*');
  ELSE
    PERFORM pg_notify('credit_public_change', coalesce(array_to_string(codes, ','), ''));
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION credit_public_change_everything() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_notify('credit_public_change', '*');
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Tables with a subject_id column: the subjects of the rows written (before and after an update).
CREATE FUNCTION credit_public_change_by_subject_id() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE codes text[]; n bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT s.uscc) FILTER (WHERE s.uscc IS NOT NULL), count(DISTINCT t.subject_id) INTO codes, n
      FROM new_rows t LEFT JOIN subjects s ON s.id = t.subject_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT s.uscc) FILTER (WHERE s.uscc IS NOT NULL), count(DISTINCT t.subject_id) INTO codes, n
      FROM old_rows t LEFT JOIN subjects s ON s.id = t.subject_id;
  ELSE
    SELECT array_agg(DISTINCT s.uscc) FILTER (WHERE s.uscc IS NOT NULL), count(DISTINCT t.subject_id) INTO codes, n
      FROM (SELECT subject_id FROM new_rows UNION SELECT subject_id FROM old_rows) t LEFT JOIN subjects s ON s.id = t.subject_id;
  END IF;
  PERFORM credit_notify_public(codes, n);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- subjects itself: the codes of the rows, old and new (a code corrected evicts both).
CREATE FUNCTION credit_public_change_subjects() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE codes text[]; n bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT t.uscc) FILTER (WHERE t.uscc IS NOT NULL), count(*) INTO codes, n FROM new_rows t;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT t.uscc) FILTER (WHERE t.uscc IS NOT NULL), count(*) INTO codes, n FROM old_rows t;
  ELSE
    SELECT array_agg(DISTINCT t.uscc) FILTER (WHERE t.uscc IS NOT NULL), count(*) INTO codes, n
      FROM (SELECT uscc FROM new_rows UNION ALL SELECT uscc FROM old_rows) t;
  END IF;
  PERFORM credit_notify_public(codes, n);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- measure_applications: the subject of the record or list entry the measure was applied to.
CREATE FUNCTION credit_public_change_measures() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE codes text[]; n bigint; records bigint[]; entries bigint[];
BEGIN
  -- A transition table exists only for the events that have it: each branch reads its own.
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(credit_record_id), array_agg(list_entry_id) INTO records, entries FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(credit_record_id), array_agg(list_entry_id) INTO records, entries FROM old_rows;
  ELSE
    SELECT array_agg(credit_record_id), array_agg(list_entry_id) INTO records, entries
      FROM (SELECT credit_record_id, list_entry_id FROM new_rows UNION ALL SELECT credit_record_id, list_entry_id FROM old_rows) w;
  END IF;
  WITH touched AS (
    SELECT r.subject_id FROM credit_records r WHERE r.id = ANY(records)
    UNION SELECT e.subject_id FROM serious_list_entries e WHERE e.id = ANY(entries)
  )
  SELECT array_agg(DISTINCT s.uscc) FILTER (WHERE s.uscc IS NOT NULL), count(DISTINCT t.subject_id) INTO codes, n
    FROM touched t LEFT JOIN subjects s ON s.id = t.subject_id;
  PERFORM credit_notify_public(codes, n);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- legal_documents: the subjects of the records and list entries resting on the document (none
-- yet when a document is inserted, before the record that cites it).
CREATE FUNCTION credit_public_change_documents() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE codes text[]; n bigint; documents bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id) INTO documents FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(id) INTO documents FROM old_rows;
  ELSE
    SELECT array_agg(id) INTO documents FROM (SELECT id FROM new_rows UNION SELECT id FROM old_rows) w;
  END IF;
  WITH touched AS (
    SELECT r.subject_id FROM credit_records r WHERE r.legal_document_id = ANY(documents)
    UNION SELECT e.subject_id FROM serious_list_entries e WHERE e.decision_document_id = ANY(documents)
  )
  SELECT array_agg(DISTINCT s.uscc) FILTER (WHERE s.uscc IS NOT NULL), count(DISTINCT t.subject_id) INTO codes, n
    FROM touched t LEFT JOIN subjects s ON s.id = t.subject_id;
  PERFORM credit_notify_public(codes, n);
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
  op text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('subjects', 'credit_public_change_subjects'),
    ('credit_records', 'credit_public_change_by_subject_id'),
    ('serious_list_entries', 'credit_public_change_by_subject_id'),
    ('objections', 'credit_public_change_by_subject_id'),
    ('repair_applications', 'credit_public_change_by_subject_id'),
    ('subject_name_pairs', 'credit_public_change_by_subject_id'),
    ('measure_applications', 'credit_public_change_measures'),
    ('legal_documents', 'credit_public_change_documents')
  ) AS v(tbl, fn) LOOP
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        t.tbl || '_public_change_' || lower(op), op, t.tbl,
        CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'NEW TABLE AS new_rows OLD TABLE AS old_rows' END,
        t.fn);
    END LOOP;
  END LOOP;
  -- What every answer depends on: a change evicts everything. TRUNCATE too (the demo reset).
  FOR t IN SELECT * FROM (VALUES ('catalog_versions'), ('catalog_items'), ('agencies'), ('purposes'), ('serious_list_types'), ('punishment_measures')) AS v(tbl) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION credit_public_change_everything()',
      t.tbl || '_public_change', t.tbl);
  END LOOP;
  FOR t IN SELECT * FROM (VALUES ('subjects'), ('credit_records'), ('serious_list_entries'), ('objections'), ('repair_applications'),
      ('subject_name_pairs'), ('measure_applications'), ('legal_documents')) AS v(tbl) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION credit_public_change_everything()',
      t.tbl || '_public_change_truncate', t.tbl);
  END LOOP;
END $$;
