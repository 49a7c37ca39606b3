-- Registration changes are named as such: a statement that writes subjects (or the name index
-- kept from them, subject_name_pairs) sends, besides the codes of 0016, one more notification
-- on credit_public_change with the payload '@registrations'. The public response cache tags a
-- name search that reads only registration fields with '@registrations' instead of "across
-- subjects" (src/http/public-cache/answer-reads.ts): such a search depends on the subjects and
-- their name index, not on credit records, so a penalty, a listing or a repair no longer ends
-- it, and this notification does.
--
-- Everything 0016 sends is sent as before. A server of the previous release takes
-- '@registrations' for a code no answer of its is about: it evicts its across-subjects answers,
-- as for any change (conservative). PostgreSQL delivers identical payloads of one transaction
-- once, so the name index's row-by-row writes inside a subjects statement add nothing.
CREATE OR REPLACE FUNCTION credit_notify_registrations(subjects_touched bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF subjects_touched > 0 THEN PERFORM pg_notify('credit_public_change', '@registrations'); END IF;
END $$;
--> statement-breakpoint
-- subjects itself: as in 0016, then '@registrations'.
CREATE OR REPLACE FUNCTION credit_public_change_subjects() RETURNS trigger
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
  PERFORM credit_notify_registrations(n);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The name index: the subjects of the rows written, as credit_public_change_by_subject_id does
-- for it in 0016, then '@registrations'. Written inside a subjects statement (its row trigger),
-- by a migration or by hand: a search reads it.
CREATE FUNCTION credit_public_change_name_index() RETURNS trigger
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
  PERFORM credit_notify_registrations(n);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The same trigger names (the seed's bulk load knows them: src/seed/trigger-checks.ts), the new function.
DO $$
DECLARE op text;
BEGIN
  FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
    EXECUTE format('DROP TRIGGER %I ON subject_name_pairs', 'subject_name_pairs_public_change_' || lower(op));
    EXECUTE format(
      'CREATE TRIGGER %I AFTER %s ON subject_name_pairs REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION credit_public_change_name_index()',
      'subject_name_pairs_public_change_' || lower(op), op,
      CASE op WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'NEW TABLE AS new_rows OLD TABLE AS old_rows' END);
  END LOOP;
END $$;
