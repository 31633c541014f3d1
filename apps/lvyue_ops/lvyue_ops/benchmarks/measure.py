"""What the benchmarks measure with: database counters, peak memory of processes, real workers."""

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import frappe
import psutil

MB = 1024 * 1024


def insert_customers(accounts: dict[str, str]) -> None:
	"""Customers (name -> VOS account) written in one go: a benchmark measures its own work, not
	the making of its customers."""
	from frappe.utils import now
	from frappe.utils.nestedset import get_root_of

	group, territory, stamp, user = (
		get_root_of("Customer Group"),
		get_root_of("Territory"),
		now(),
		"Administrator",
	)
	frappe.db.bulk_insert(
		"Customer",
		(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"customer_name",
			"customer_type",
			"customer_group",
			"territory",
			"lvyue_vos_account",
		),
		[
			(name, stamp, stamp, user, user, name, "Company", group, territory, account)
			for name, account in accounts.items()
		],
	)


def session_queries() -> int:
	"""Statements this connection has sent (MariaDB's session `Questions`)."""
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def server_status() -> dict[str, int]:
	"""The server-wide counters the billing benchmark reads before and after (every connection:
	the workers' too)."""
	rows = frappe.db.sql(
		"""show global status where Variable_name in
		('Questions', 'Innodb_row_lock_waits', 'Innodb_row_lock_time')"""
	)
	return {name: int(value) for name, value in rows}


class PeakRSS:
	"""Samples the resident memory of processes (and their children) while a phase runs."""

	def __init__(self, pids=None):
		self.pids = pids or [os.getpid()]
		self.start = self.peak = 0
		self._stop = threading.Event()

	def rss(self) -> int:
		total = 0
		for pid in self.pids:
			try:
				process = psutil.Process(pid)
				family = [process, *process.children(recursive=True)]
			except psutil.NoSuchProcess:
				continue
			for p in family:
				try:
					total += p.memory_info().rss
				except psutil.NoSuchProcess:
					pass
		return total

	def __enter__(self):
		self.start = self.peak = self.rss()
		self.thread = threading.Thread(target=self._sample, daemon=True)
		self.thread.start()
		return self

	def _sample(self):
		while not self._stop.is_set():
			self.peak = max(self.peak, self.rss())
			time.sleep(0.05)

	def __exit__(self, *exc):
		self._stop.set()
		self.thread.join()

	@property
	def growth(self) -> int:
		return self.peak - self.start


@contextmanager
def workers(count: int, queue: str = "long"):
	"""`count` real RQ workers (`bench worker`), as production runs them; ready when yielded."""
	from frappe.utils.background_jobs import get_redis_conn
	from rq import Worker

	sites_path = os.path.abspath(frappe.local.sites_path)
	log = open(os.path.join(sites_path, "..", "logs", "lvyue-benchmark-worker.log"), "ab")
	before = len(Worker.all(connection=get_redis_conn()))
	processes = [
		subprocess.Popen(
			[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", queue],
			cwd=sites_path,
			stdout=log,
			stderr=subprocess.STDOUT,
		)
		for _ in range(count)
	]
	try:
		deadline = time.monotonic() + 60
		while len(Worker.all(connection=get_redis_conn())) < before + count:
			if time.monotonic() > deadline:
				raise RuntimeError("the workers did not start (logs/lvyue-benchmark-worker.log)")
			time.sleep(0.2)
		yield processes
	finally:
		for process in processes:
			process.terminate()
		for process in processes:
			try:
				process.wait(timeout=30)
			except subprocess.TimeoutExpired:
				process.kill()
		log.close()
