-- The register of issued reports (0019, src/db/schema/reports.ts) is append-only, like the access
-- log: verification ("authentic, issued at T, edition E") is worth only what the register is, and
-- a row that could be edited or removed would let whoever holds the application's credentials
-- make a genuine report unverifiable, or re-point a number at another digest. The application
-- only ever inserts a row (when /report issues a report) and reads one by number
-- (src/modules/credit-report/report-register.repo.ts); nothing supersedes or withdraws a report.
-- The rows name no subject, so no erasure has to reach them, and the demo reset
-- (src/seed/reset.ts) leaves them, as it leaves the access log: no exception here.
CREATE FUNCTION issued_reports_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'REPORT_REGISTER_APPEND_ONLY: issued_reports rows cannot be updated, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER issued_reports_no_update_delete BEFORE UPDATE OR DELETE ON issued_reports
  FOR EACH ROW EXECUTE FUNCTION issued_reports_refuse_change();
--> statement-breakpoint
CREATE TRIGGER issued_reports_no_truncate BEFORE TRUNCATE ON issued_reports
  FOR EACH STATEMENT EXECUTE FUNCTION issued_reports_refuse_change();


-- The application role may only insert into the register and read it: granted by
-- credit_apply_privileges, which runs after every migration and is redefined once, with every
-- grant this release adds, in 0026. Two layers, as for the access log: the missing grants
-- refuse the application role before any trigger runs, and the triggers refuse everyone.
