-- Decided outcomes are written once. Until now the application role could UPDATE any column of
-- the procedure tables: whoever held the server's credentials could turn a rejected objection
-- into an upheld one, re-date a decision, point a repair application at another record, lift a
-- measure "earlier", widen a consent the subject gave, swap a filed attachment for another file
-- under the same receipt, or replace the key behind the 记录编号 — and nothing would show it.
--
-- The services change these rows only by conditional UPDATEs that move a row forward, writing
-- the decision on that move (the *.repo.ts named at each trigger). The triggers allow exactly
-- those moves and refuse everything else, to everyone: the owner can switch a trigger off
-- (ALTER TABLE … DISABLE TRIGGER, in a migration), the application role, which owns nothing,
-- cannot. Nothing in the application rewrites a decided value: the purge erases personal data
-- of credit records only (0012), and the demo reset (src/seed/reset.ts) empties these tables
-- with TRUNCATE, which fires no row trigger. DELETE is left as it was: no code deletes case rows,
-- and an attachment must stay deletable (retention, erasure).

-- The rule each table's trigger applies. A row's state moves only along `moves` ('FROM>TO');
-- the columns `written` lists under a state change only on the update that enters that state
-- (the decision, set once); every other column except `state_column` never changes (who the
-- case is about, what it targets, what was filed). Refusals, by the first rule broken:
--   CASE_TRANSITION      a move the procedure does not make (backwards, or out of a final state);
--   CASE_FIXED           a column that is fixed when the row is written;
--   DECISION_WRITE_ONCE  a decision column changed by an update that does not enter its state.
CREATE FUNCTION case_write_once(tbl text, o jsonb, n jsonb, state_column text, was text, now_is text,
                                moves text[], written jsonb, fixed_means text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
  decision text[];
  entering text[];
  bad text[];
BEGIN
  IF was <> now_is AND NOT (was || '>' || now_is) = ANY (moves) THEN
    RAISE EXCEPTION 'CASE_TRANSITION: % % cannot go from % to %', tbl, o->>'id', was, now_is
      USING ERRCODE = 'check_violation';
  END IF;
  changed := ARRAY(SELECT k FROM jsonb_object_keys(n) AS k
                    WHERE o->k IS DISTINCT FROM n->k AND k IS DISTINCT FROM state_column ORDER BY k);
  IF cardinality(changed) = 0 THEN RETURN; END IF;
  decision := ARRAY(SELECT jsonb_array_elements_text(cols) FROM jsonb_each(written) AS w(st, cols));
  entering := ARRAY(SELECT jsonb_array_elements_text(CASE WHEN was <> now_is THEN written->now_is END));
  bad := ARRAY(SELECT c FROM unnest(changed) AS c WHERE c <> ALL (decision));
  IF cardinality(bad) > 0 THEN
    RAISE EXCEPTION 'CASE_FIXED: % %: % cannot change (%)', tbl, o->>'id', array_to_string(bad, ', '), fixed_means
      USING ERRCODE = 'check_violation';
  END IF;
  bad := ARRAY(SELECT c FROM unnest(changed) AS c WHERE c <> ALL (entering));
  IF cardinality(bad) > 0 THEN
    RAISE EXCEPTION 'DECISION_WRITE_ONCE: % % is %: % cannot change (a decision is written once, by the move into the state it records)',
      tbl, o->>'id', now_is, array_to_string(bad, ', ')
      USING ERRCODE = 'check_violation';
  END IF;
END $$;
--> statement-breakpoint

-- Objections (src/modules/objection/objection.repo.ts `decide`): PENDING → DECIDED, once.
CREATE FUNCTION objections_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('objections', to_jsonb(OLD), to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['PENDING>DECIDED'],
    '{"DECIDED": ["outcome", "response", "decided_at", "decided_by", "decided_by_official"]}',
    'who objects, to what, why, and by when it must be answered are fixed when it is filed');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER objections_write_once BEFORE UPDATE ON objections
  FOR EACH ROW EXECUTE FUNCTION objections_write_once();
--> statement-breakpoint

-- Credit-repair applications (src/modules/repair/repair.repo.ts `decide`): SUBMITTED or
-- ACCEPTED → APPROVED or REJECTED, once. Nothing in the code accepts (受理) an application
-- today; SUBMITTED → ACCEPTED decides nothing and stays possible, ACCEPTED → SUBMITTED does not.
CREATE FUNCTION repair_applications_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('repair_applications', to_jsonb(OLD), to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['SUBMITTED>ACCEPTED', 'SUBMITTED>APPROVED', 'SUBMITTED>REJECTED', 'ACCEPTED>APPROVED', 'ACCEPTED>REJECTED'],
    '{"APPROVED": ["treatment", "decision_reason", "decided_at", "decided_by", "decided_by_official"],
      "REJECTED": ["treatment", "decision_reason", "decided_at", "decided_by", "decided_by_official"]}',
    'who applies, for which record or listing, on what commitment and evidence, and by when it must be decided are fixed when it is filed');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER repair_applications_write_once BEFORE UPDATE ON repair_applications
  FOR EACH ROW EXECUTE FUNCTION repair_applications_write_once();
--> statement-breakpoint

-- Serious-dishonesty list entries: NOTIFIED ⇄ OBJECTED while an objection waits and after it
-- is rejected (src/modules/objection/entry-objection.repo.ts), NOTIFIED/OBJECTED → LISTED with
-- the decision, LISTED → REMOVED, NOTIFIED/OBJECTED → DROPPED
-- (src/modules/serious-list/serious-list.repo.ts). REMOVED and DROPPED are final.
CREATE FUNCTION serious_list_entries_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('serious_list_entries', to_jsonb(OLD), to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['NOTIFIED>OBJECTED', 'OBJECTED>NOTIFIED', 'NOTIFIED>LISTED', 'OBJECTED>LISTED', 'LISTED>REMOVED',
          'NOTIFIED>DROPPED', 'OBJECTED>DROPPED'],
    '{"LISTED": ["decision_document_id", "decision_reasons", "decision_basis", "measures_notice", "removal_conditions",
                 "removal_procedure", "remedies", "listed_at", "listed_until", "credit_record_id", "decided_by_official"],
      "REMOVED": ["removed_at", "removal_reason", "removal_note"],
      "DROPPED": ["dropped_at", "drop_reason"]}',
    'the subject, the list, the agency and the notice with its objection deadline are fixed when the subject is notified');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER serious_list_entries_write_once BEFORE UPDATE ON serious_list_entries
  FOR EACH ROW EXECUTE FUNCTION serious_list_entries_write_once();
--> statement-breakpoint

-- Punishment measures (src/modules/measure/measure.repo.ts `lift`, `liftOn`): in force → lifted, once.
CREATE FUNCTION measure_applications_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('measure_applications', to_jsonb(OLD), to_jsonb(NEW), NULL,
    CASE WHEN OLD.lifted_at IS NULL THEN 'IN_FORCE' ELSE 'LIFTED' END,
    CASE WHEN NEW.lifted_at IS NULL THEN 'IN_FORCE' ELSE 'LIFTED' END,
    ARRAY['IN_FORCE>LIFTED'],
    '{"LIFTED": ["lifted_at", "lift_reason"]}',
    'which measure, on what, by whom, on what basis and when are fixed when it is applied');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_applications_write_once BEFORE UPDATE ON measure_applications
  FOR EACH ROW EXECUTE FUNCTION measure_applications_write_once();
--> statement-breakpoint

-- Consents (src/modules/consent/consent.repo.ts `revoke`): given → revoked, once. Its scope
-- (purposes, items, expiry), grantee and evidence are what the subject gave: never widened,
-- nor narrowed — a different consent is a new grant, and this row stays the record of this one.
CREATE FUNCTION consents_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('consents', to_jsonb(OLD), to_jsonb(NEW), NULL,
    CASE WHEN OLD.revoked_at IS NULL THEN 'GIVEN' ELSE 'REVOKED' END,
    CASE WHEN NEW.revoked_at IS NULL THEN 'GIVEN' ELSE 'REVOKED' END,
    ARRAY['GIVEN>REVOKED'],
    '{"REVOKED": ["revoked_at"]}',
    'a consent''s subject, grantee, purposes, items, expiry and evidence are what the subject gave; a different consent is a new grant');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER consents_write_once BEFORE UPDATE ON consents
  FOR EACH ROW EXECUTE FUNCTION consents_write_once();
--> statement-breakpoint

-- Attachments (src/modules/attachment/attachment.repo.ts only inserts): the file, its SHA-256
-- (the subject's receipt of what was filed) and the case it belongs to never change. DELETE
-- stays possible: retention and erasure remove a file whole.
CREATE FUNCTION attachments_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_write_once('attachments', to_jsonb(OLD), to_jsonb(NEW), NULL, 'FILED', 'FILED', '{}', '{}',
    'a file as filed, its SHA-256 receipt and the case it belongs to never change; an attachment can only be deleted');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER attachments_write_once BEFORE UPDATE ON attachments
  FOR EACH ROW EXECUTE FUNCTION attachments_write_once();
--> statement-breakpoint

-- The key behind the 记录编号 (0019) was made once, by the migration; nothing in the application
-- writes it, and the numbering functions (run with the caller's rights) only read it. A new key
-- would permute the shared sequence anew, so a new row could draw a number already issued.
CREATE FUNCTION record_number_key_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'RECORD_NUMBER_KEY_FIXED: record_number_key cannot be updated, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER record_number_key_no_change BEFORE UPDATE OR DELETE ON record_number_key
  FOR EACH ROW EXECUTE FUNCTION record_number_key_refuse_change();
--> statement-breakpoint
CREATE TRIGGER record_number_key_no_truncate BEFORE TRUNCATE ON record_number_key
  FOR EACH STATEMENT EXECUTE FUNCTION record_number_key_refuse_change();


-- The application role may only read the record-number key: granted by credit_apply_privileges
-- as redefined in 0026 (it runs after every migration).
