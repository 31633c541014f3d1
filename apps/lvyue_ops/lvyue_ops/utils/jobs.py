"""Scheduler jobs that handle each record on its own: one record that fails is rolled back to its
savepoint and logged (once a day, not every run), and the others go on. Jobs write in the site's
language."""

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


def job_alive(job_id: str) -> bool:
	"""A queued job is alive while it waits in its queue, a started one while the worker that took
	it is still there (a worker killed mid-job leaves its job "started" in RQ until its timeout,
	but its own record in Redis lapses within minutes)."""
	from frappe.utils.background_jobs import get_job, get_redis_conn
	from rq import Worker
	from rq.job import JobStatus

	job = get_job(job_id)
	if not job:
		return False
	status = job.get_status()
	if status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
		return True
	if status == JobStatus.STARTED and job.worker_name:
		key = Worker.redis_worker_namespace_prefix + job.worker_name
		return Worker.find_by_key(key, connection=get_redis_conn()) is not None
	return False


def forget_job(job_id: str) -> None:
	"""Drop RQ's record of a dead job, so that a job of the same id can be queued again."""
	from frappe.utils.background_jobs import get_job

	if job := get_job(job_id):
		job.delete()


def site_language(**kwargs) -> None:
	"""hooks.py before_job: a background job writes what it stores (a risk's reason, an import's
	errors, a comment) in the site's language, as a person of the site would; frappe starts every
	job in English. What is written for one person (a ToDo, an alert) is in that person's language
	(utils/notify.py)."""
	frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang
