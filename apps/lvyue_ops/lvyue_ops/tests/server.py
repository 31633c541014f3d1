"""Serve a site with `bench serve` (frappe's werkzeug server) on a free local port."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import requests


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@contextmanager
def serve_site(site: str, sites_path: str, timeout: float = 60):
	port = free_port()
	log = open(os.path.join(sites_path, "..", "logs", "lvyue-test-server.log"), "ab")
	process = subprocess.Popen(
		[
			sys.executable,
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			site,
			"serve",
			"--port",
			str(port),
			"--noreload",
		],
		cwd=sites_path,
		stdout=log,
		stderr=subprocess.STDOUT,
		env={**os.environ, "PYTHONUNBUFFERED": "1"},
	)
	url = f"http://127.0.0.1:{port}"
	try:
		deadline = time.monotonic() + timeout
		while True:
			try:
				if requests.get(f"{url}/api/method/ping", timeout=2).ok:
					break
			except requests.ConnectionError:
				pass
			if process.poll() is not None or time.monotonic() > deadline:
				raise RuntimeError(
					f"the test server did not start (see logs/lvyue-test-server.log), exit {process.poll()}"
				)
			time.sleep(0.3)
		yield url
	finally:
		process.terminate()
		try:
			process.wait(timeout=10)
		except subprocess.TimeoutExpired:
			process.kill()
		log.close()


def login(url: str, user: str, password: str) -> requests.Session:
	session = requests.Session()
	response = session.post(f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	response.raise_for_status()
	return session


class Worker(subprocess.Popen):
	"""A `bench worker` process and the work horse it forks for each job (RQ runs a job in a child
	process of its own session): `kill()` kills both with SIGKILL, as an OOM kill or a power cut
	would."""

	def kill(self):
		import psutil

		try:
			family = [*psutil.Process(self.pid).children(recursive=True), psutil.Process(self.pid)]
		except psutil.NoSuchProcess:
			return
		for process in family:
			try:
				process.kill()
			except psutil.NoSuchProcess:
				pass


@contextmanager
def run_worker(sites_path: str, queue: str = "long"):
	"""A real `bench worker` (RQ) on the queue, in a process of its own, as production runs them;
	killed (SIGKILL, no clean shutdown) when the block ends or when the test calls `.kill()`."""
	log = open(os.path.join(sites_path, "..", "logs", "lvyue-test-worker.log"), "ab")
	process = Worker(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", queue],
		cwd=sites_path,
		stdout=log,
		stderr=subprocess.STDOUT,
		env={**os.environ, "PYTHONUNBUFFERED": "1"},
	)
	try:
		wait_until(lambda: rq_worker(process) is not None, process, "the worker to listen")
		yield process
	finally:
		process.kill()
		process.wait(timeout=10)
		log.close()


def rq_worker(process: subprocess.Popen):
	"""RQ's record of the worker running in `process` (None until it has registered)."""
	from frappe.utils.background_jobs import get_redis_conn
	from rq import Worker as RQWorker

	return next((w for w in RQWorker.all(connection=get_redis_conn()) if w.pid == process.pid), None)


def wait_until(condition, process: subprocess.Popen | None = None, what: str = "", poll: float = 0.3):
	"""Wait for an event (a worker registered, a row written), however busy the machine: no time
	budget, but a failure as soon as the process that should make the event has died. A guard of
	half an hour only keeps a broken run from hanging CI."""
	guard = time.monotonic() + 1800
	while not condition():
		if process is not None and process.poll() is not None:
			raise AssertionError(f"the process died (exit {process.returncode}) before {what}")
		if time.monotonic() > guard:
			raise AssertionError(f"still waiting for {what} after half an hour")
		time.sleep(poll)
