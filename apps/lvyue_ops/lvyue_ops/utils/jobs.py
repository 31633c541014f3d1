"""Scheduler jobs that handle each record on its own: one record that fails is rolled back to its
savepoint and logged (once a day, not every run), and the others go on."""

import frappe

LOGGED = "lvyue_job_failure::{0}::{1}"


def each(items, handle, job: str) -> list:
	"""Call `handle(item)` for every item; return the items handled without an error."""
	done = []
	for item in items:
		frappe.db.savepoint("lvyue_each")
		try:
			handle(item)
		except Exception:
			frappe.db.rollback(save_point="lvyue_each")
			log_failure(job, item)
		else:
			done.append(item)
	return done


def log_failure(job: str, item) -> None:
	"""Log the failure of `item` once a day: an hourly job that keeps failing on the same record does
	not fill the Error Log (one atomic Redis SET NX per job and record, shared by every worker)."""
	name = item if isinstance(item, str) else getattr(item, "name", item)
	key = frappe.cache.make_key(LOGGED.format(job, name))
	if not frappe.cache.set(key, 1, ex=24 * 3600, nx=True):
		return
	frappe.log_error(title=f"lvyue_ops: {job} ({name})")


def enqueue_long(method: str, job_id: str, **kwargs) -> None:
	"""Queue a long job (RQ `long` queue) once its caller's transaction commits; a job of the same
	id still queued is not queued twice. Inline instead in tests (as frappe's own jobs) and where
	a caller with no workers asks for it (the demo data: `frappe.flags.lvyue_jobs_inline`)."""
	frappe.enqueue(
		method,
		queue="long",
		timeout=4 * 3600,
		enqueue_after_commit=True,
		job_id=job_id,
		deduplicate=True,
		now=bool(frappe.flags.in_test or frappe.flags.lvyue_jobs_inline),
		**kwargs,
	)
