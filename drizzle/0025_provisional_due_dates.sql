-- Provisional due dates (src/time/working-days.ts): a limit counted into a year whose holiday
-- notice is not loaded is marked; start-up recounts the marked rows once it is (partial indexes
-- find them). Numbered 0025: 0022-0024 are taken by work on other branches.
ALTER TABLE "objections" ADD COLUMN "due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD COLUMN "due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "objection_deadline_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "objections_due_provisional" ON "objections" USING btree ("id") WHERE "objections"."due_provisional";--> statement-breakpoint
CREATE INDEX "repair_applications_due_provisional" ON "repair_applications" USING btree ("id") WHERE "repair_applications"."due_provisional";--> statement-breakpoint
CREATE INDEX "serious_list_entries_deadline_provisional" ON "serious_list_entries" USING btree ("id") WHERE "serious_list_entries"."objection_deadline_provisional";