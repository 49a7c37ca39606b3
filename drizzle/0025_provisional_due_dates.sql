-- Provisional due dates (src/time/working-days.ts): a limit counted into a year whose holiday
-- notice is not loaded is marked; start-up recounts the marked rows once it is (partial indexes
-- find them).
ALTER TABLE "objections" ADD COLUMN "due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD COLUMN "due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "objection_deadline_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "objections_due_provisional" ON "objections" USING btree ("id") WHERE "objections"."due_provisional";--> statement-breakpoint
CREATE INDEX "repair_applications_due_provisional" ON "repair_applications" USING btree ("id") WHERE "repair_applications"."due_provisional";--> statement-breakpoint
CREATE INDEX "serious_list_entries_deadline_provisional" ON "serious_list_entries" USING btree ("id") WHERE "serious_list_entries"."objection_deadline_provisional";
--> statement-breakpoint
-- Migration 0022 fixed a case's due date when it was filed. A provisional one (above) settles
-- once the year's notice is loaded (src/modules/procedure/provisional-due-dates.ts): while a row
-- is marked, its due date and the mark may change — the mark only from true to false, never
-- back — and the subject's objection window after a serious-list notice only lengthens (the
-- window served is what the subject relied on). Everything else stays as 0022 has it.
CREATE OR REPLACE FUNCTION objections_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o jsonb := to_jsonb(OLD);
BEGIN
  IF OLD.due_provisional THEN
    o := o || jsonb_build_object('due_at', to_jsonb(NEW)->'due_at', 'due_provisional', to_jsonb(NEW)->'due_provisional');
  END IF;
  PERFORM case_write_once('objections', o, to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['PENDING>DECIDED'],
    '{"DECIDED": ["outcome", "response", "decided_at", "decided_by", "decided_by_official"]}',
    'who objects, to what, why, and by when it must be answered are fixed when it is filed (a provisional due date settles once)');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION repair_applications_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o jsonb := to_jsonb(OLD);
BEGIN
  IF OLD.due_provisional THEN
    o := o || jsonb_build_object('due_at', to_jsonb(NEW)->'due_at', 'due_provisional', to_jsonb(NEW)->'due_provisional');
  END IF;
  PERFORM case_write_once('repair_applications', o, to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['SUBMITTED>ACCEPTED', 'SUBMITTED>APPROVED', 'SUBMITTED>REJECTED', 'ACCEPTED>APPROVED', 'ACCEPTED>REJECTED'],
    '{"APPROVED": ["treatment", "decision_reason", "decided_at", "decided_by", "decided_by_official"],
      "REJECTED": ["treatment", "decision_reason", "decided_at", "decided_by", "decided_by_official"]}',
    'who applies, for which record or listing, on what commitment and evidence, and by when it must be decided are fixed when it is filed (a provisional due date settles once)');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION serious_list_entries_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o jsonb := to_jsonb(OLD);
BEGIN
  IF OLD.objection_deadline_provisional THEN
    IF NEW.objection_deadline < OLD.objection_deadline THEN
      RAISE EXCEPTION 'WINDOW_SHORTENED: serious_list_entries %: the objection deadline served (%) can only be extended, not moved to %',
        OLD.id, OLD.objection_deadline, NEW.objection_deadline
        USING ERRCODE = 'check_violation';
    END IF;
    o := o || jsonb_build_object('objection_deadline', to_jsonb(NEW)->'objection_deadline',
                                 'objection_deadline_provisional', to_jsonb(NEW)->'objection_deadline_provisional');
  END IF;
  PERFORM case_write_once('serious_list_entries', o, to_jsonb(NEW), 'state', OLD.state::text, NEW.state::text,
    ARRAY['NOTIFIED>OBJECTED', 'OBJECTED>NOTIFIED', 'NOTIFIED>LISTED', 'OBJECTED>LISTED', 'LISTED>REMOVED',
          'NOTIFIED>DROPPED', 'OBJECTED>DROPPED'],
    '{"LISTED": ["decision_document_id", "decision_reasons", "decision_basis", "measures_notice", "removal_conditions",
                 "removal_procedure", "remedies", "listed_at", "listed_until", "credit_record_id", "decided_by_official"],
      "REMOVED": ["removed_at", "removal_reason", "removal_note"],
      "DROPPED": ["dropped_at", "drop_reason"]}',
    'the subject, the list, the agency and the notice with its objection deadline are fixed when the subject is notified (a provisional deadline settles once, never earlier)');
  RETURN NEW;
END $$;
