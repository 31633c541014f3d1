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
	key = LOGGED.format(job, item if isinstance(item, str) else getattr(item, "name", item))
	if frappe.cache.get_value(key):
		return
	frappe.cache.set_value(key, 1, expires_in_sec=24 * 3600)
	frappe.log_error(title=f"lvyue_ops: {job} ({key.split('::')[-1]})")
