ALTER TABLE "serious_list_entries" ADD COLUMN "removal_note" text;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "drop_reason" text;