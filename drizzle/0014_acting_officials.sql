ALTER TABLE "catalog_versions" ADD COLUMN "published_by_official" text;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "recorded_by_official" text;--> statement-breakpoint
ALTER TABLE "measure_applications" ADD COLUMN "applied_by_official" text;--> statement-breakpoint
ALTER TABLE "objections" ADD COLUMN "decided_by_official" text;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD COLUMN "decided_by_official" text;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "notified_by_official" text;--> statement-breakpoint
ALTER TABLE "serious_list_entries" ADD COLUMN "decided_by_official" text;