-- Every foreign key's referencing column gets an index (test/integration/foreign-key-indexes.test.ts),
-- but for those naming reference data (agencies, punishment measures): a handful of rows.
-- Found by the benchmark's W4: recording a penalty inserts its legal document, and the change
-- notification of a document (0016) looks up the records and list entries that cite it. With
-- no index leading on credit_records.legal_document_id that lookup read the whole unique index
-- (catalog item, document, subject) of 10 M records: 180 ms of database CPU for each document,
-- W4 10 req/s. The same lack made a listing's, an objection's and a repair's lookups by record
-- or entry (procedure-target.repo.ts, serious-list.repo.ts, repair.repo.ts) sequential scans:
-- 18, 34 and 63 ms on the full bench preset. Partial (IS NOT NULL) where the column is optional.
-- Building them reads each table once; on 10 M records allow about a minute, writes waiting.
CREATE INDEX "credit_records_legal_document" ON "credit_records" USING btree ("legal_document_id") WHERE "credit_records"."legal_document_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "objections_credit_record" ON "objections" USING btree ("credit_record_id") WHERE "objections"."credit_record_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "objections_list_entry" ON "objections" USING btree ("list_entry_id") WHERE "objections"."list_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "repair_applications_credit_record" ON "repair_applications" USING btree ("credit_record_id") WHERE "repair_applications"."credit_record_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "repair_applications_list_entry" ON "repair_applications" USING btree ("list_entry_id") WHERE "repair_applications"."list_entry_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "serious_list_entries_credit_record" ON "serious_list_entries" USING btree ("credit_record_id") WHERE "serious_list_entries"."credit_record_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "serious_list_entries_decision_document" ON "serious_list_entries" USING btree ("decision_document_id") WHERE "serious_list_entries"."decision_document_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_subject" ON "sessions" USING btree ("subject_id") WHERE "sessions"."subject_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "attachments_subject" ON "attachments" USING btree ("subject_id");