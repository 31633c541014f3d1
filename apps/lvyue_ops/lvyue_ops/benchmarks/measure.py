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


def base_company() -> str:
	"""The company the benchmarks bill or import for: the tests' company on the test calendar
	(holidays and 调休 weekends), made as the tests make it where the site has no run of them."""
	from lvyue_ops.tests.factories import ensure_erpnext_base, ensure_test_company

	ensure_erpnext_base()
	return ensure_test_company().company


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
	"""Samples the resident memory of processes (and their children) while a phase runs. The
	children are looked up once a second (a lookup reads every process of the machine); their
	memory every 50 ms, so the sampling takes next to nothing from the work it measures."""

	FAMILY_EVERY = 1.0

	def __init__(self, pids=None):
		self.pids = pids or [os.getpid()]
		self.start = self.peak = 0
		self.family: list[psutil.Process] = []
		self.family_at = -self.FAMILY_EVERY
		self._stop = threading.Event()

	def members(self) -> list[psutil.Process]:
		if time.monotonic() - self.family_at >= self.FAMILY_EVERY:
			self.family, self.family_at = [], time.monotonic()
			for pid in self.pids:
				try:
					process = psutil.Process(pid)
					self.family += [process, *process.children(recursive=True)]
				except psutil.NoSuchProcess:
					continue
		return self.family

	def rss(self) -> int:
		total = 0
		for p in self.members():
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


class CpuTime:
	"""The CPU seconds a phase takes: of the whole machine (/proc/stat), of MariaDB's server and of
	this process; the rest is the workers' (and anything else running). With the phase's seconds
	it tells how much of the cores the phase kept busy, and who used them."""

	def __init__(self):
		self.server = next(
			(p for p in psutil.process_iter(["name"]) if p.info["name"] in ("mariadbd", "mysqld")), None
		)

	def read(self) -> dict[str, float]:
		machine = psutil.cpu_times()
		me = psutil.Process().cpu_times()
		server = self.server.cpu_times() if self.server else None
		return {
			"busy": sum(machine) - machine.idle - getattr(machine, "iowait", 0),
			"iowait": getattr(machine, "iowait", 0),
			"server": server.user + server.system if server else 0,
			"this": me.user + me.system,
		}

	def __enter__(self):
		self.start = self.read()
		return self

	def __exit__(self, *exc):
		end = self.read()
		self.used = {key: end[key] - self.start[key] for key in end}
