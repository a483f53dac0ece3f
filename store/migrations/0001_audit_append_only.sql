-- ARCHITECTURE §3.6: no code path updates or deletes audit rows. The database refuses it too.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `approval_decisions_no_update` BEFORE UPDATE ON `approval_decisions`
BEGIN
  SELECT RAISE(ABORT, 'approval decisions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `approval_decisions_no_delete` BEFORE DELETE ON `approval_decisions`
BEGIN
  SELECT RAISE(ABORT, 'approval decisions are immutable');
END;
