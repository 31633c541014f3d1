"""Benchmark (not a test): VOS's call records (话单) as the import's job reads them, and what is
made from them.

	bench --site SITE execute lvyue_ops.benchmarks.cdr_import.run --kwargs '{"rows": 1000000}'

Prints, for a CDR export of `rows` calls (VOS's field names, epoch milliseconds): CDRs per second
of the import and of a re-import of the same file (every CDR already stored), this process's
peak memory growth, the seconds to make the month's usage from them, the seconds to write the
详单 of the heaviest customer (a fifth of the calls, at most 200,000) as CSV and as XLSX with the
memory growth of each, the rate of an API pull of one day from a local server that answers as VOS
(another process: the puller's own work is measured), and the rate at which the months are
dropped again (the retention job's way, which also leaves nothing of the benchmark behind but its
customers)."""

import csv
import json
import multiprocessing
import os
import time
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import frappe
from frappe.utils import get_system_timezone

from lvyue_ops.benchmarks.measure import MB, PeakRSS, base_company, insert_customers

MONTH = "2027-07-01"
PULL_DAY = date(2027, 8, 2)
HEAVY_CALLS = 200_000  # the 详单 of a customer with this many calls (issue 20)


def heavy_calls(rows: int) -> int:
	return min(HEAVY_CALLS, rows // 5)


def write_file(path: str, accounts: list[str], rows: int) -> None:
	"""A VOS CDR export: calls of July 2027 spread over the accounts and the month."""
	zone = ZoneInfo(get_system_timezone())
	first = int(datetime(2027, 7, 1, tzinfo=zone).timestamp() * 1000)
	month_ms = 31 * 24 * 3600 * 1000
	with open(path, "w", encoding="utf-8", newline="") as f:
		writer = csv.writer(f)
		writer.writerow(
			(
				"flowNo",
				"account",
				"accountName",
				"callerE164",
				"calleeE164",
				"callerGateway",
				"calleeGateway",
				"start",
				"stop",
				"holdTime",
				"feeTime",
				"fee",
			)
		)
		heavy = heavy_calls(rows)  # the first account's calls: the heaviest customer
		for i in range(rows):
			start = first + (i * 2_654_435) % month_ms
			account = accounts[0] if i < heavy else accounts[1 + i % (len(accounts) - 1)]
			writer.writerow(
				(
					i + 1,
					account,
					account,
					f"0208888{i % 10000:04d}",
					f"138{i:08d}",
					"GW-IN",
					"GW-OUT",
					start,
					start + 63_000,
					63,
					66,
					"0.0660",
				)
			)


def attached_import(company: str, server: str, path_name: str):
	doc = frappe.get_doc(
		{
			"doctype": "Usage Import",
			"company": company,
			"file_format": "VOS Call Records",
			"vos_server": server,
		}
	).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": path_name,
			"is_private": 1,
			"attached_to_doctype": "Usage Import",
			"attached_to_name": doc.name,
			"attached_to_field": "import_file",
			"content": b"x",
		}
	).insert()
	return doc, file


def timed_import(doc, file) -> tuple[float, int, object]:
	from lvyue_ops.billing.doctype.usage_import.usage_import import run_import

	doc.db_set({"import_file": file.file_url, "status": "Queued"})
	frappe.db.commit()
	started = time.perf_counter()
	with PeakRSS() as memory:
		run_import(doc.name)
	seconds = time.perf_counter() - started
	frappe.db.commit()
	doc.reload()
	return seconds, memory.growth, doc


def run(rows: int = 100_000, company: str | None = None):
	from lvyue_ops.vos import call_records, detail
	from lvyue_ops.vos.usage import make_month_usage

	frappe.set_user("Administrator")
	company = company or base_company()
	tag = frappe.generate_hash(length=4)
	accounts = [f"cdr{tag}{i:04d}" for i in range(max(2, min(2000, rows // 500)))]
	insert_customers({f"话单客户 {a}": a for a in accounts})
	server = frappe.get_doc(
		{
			"doctype": "VOS Server",
			"server_name": f"BM-{tag}",
			"company": company,
			"base_url": "http://127.0.0.1:9",
			"pull_from": MONTH,
			"enabled": 0,
		}
	).insert()
	first, file = attached_import(company, server.name, f"cdr-{tag}.csv")
	path = file.get_full_path()
	write_file(path, accounts, rows)
	file.db_set("file_size", os.path.getsize(path))
	print(f"CDR file: {rows} calls, {len(accounts)} accounts, {os.path.getsize(path) / MB:.1f} MB")
	seconds, growth, first = timed_import(first, file)
	print(
		f"CDR import: {first.imported_rows} stored in {seconds:.1f} s = {rows / seconds:,.0f} CDRs/s "
		f"(target >= 50,000), status {first.status}, peak memory growth {growth / MB:.0f} MB (target <= 100 MB)"
	)
	again, again_file = attached_import(company, server.name, f"cdr-{tag}-again.csv")
	os.replace(path, again_file.get_full_path())
	seconds_again, _growth, again = timed_import(again, again_file)
	print(
		f"CDR re-import: {again.duplicate_rows} already stored, {again.imported_rows} new, in {seconds_again:.1f} s = "
		f"{rows / seconds_again:,.0f} CDRs/s (target: at least the first import's rate)"
	)
	started = time.perf_counter()
	make_month_usage(company, MONTH)
	print(f"month's usage from {rows} CDRs: {time.perf_counter() - started:.1f} s (target <= 10 s)")
	customer, calls, month = f"话单客户 {accounts[0]}", heavy_calls(rows), frappe.utils.getdate(MONTH)
	started = time.perf_counter()
	with PeakRSS() as memory:
		size = sum(len(chunk) for chunk in detail.csv_chunks(company, customer, month))
	print(
		f"详单 CSV of a customer with {calls:,} calls: {size / MB:.1f} MB in {time.perf_counter() - started:.1f} s "
		f"(target <= 10 s for 200,000), peak memory growth {memory.growth / MB:.0f} MB"
	)
	started = time.perf_counter()
	with PeakRSS() as memory:
		path = detail.xlsx_file(company, customer, month)
	print(
		f"详单 XLSX of the same customer: {os.path.getsize(path) / MB:.1f} MB in {time.perf_counter() - started:.1f} s "
		f"(target <= 60 s for 200,000), peak memory growth {memory.growth / MB:.0f} MB"
	)
	os.remove(path)
	pulled, pull_seconds = api_pull(company, accounts, min(rows, 100_000), tag)
	print(
		f"API pull of one day: {pulled:,} CDRs in {pull_seconds:.1f} s = {pulled / pull_seconds:,.0f} CDRs/s "
		"(target >= 20,000)"
	)
	frappe.db.rollback()
	started = time.perf_counter()
	dropped = call_records.drop_month(frappe.utils.getdate(MONTH), company)
	print(f"dropping the month: {dropped} CDRs in {time.perf_counter() - started:.1f} s")
	call_records.drop_month(PULL_DAY.replace(day=1), company)
	frappe.db.delete("VOS Pull Day", {"vos_server": f"BM-PULL-{tag}"})
	frappe.delete_doc("VOS Server", f"BM-PULL-{tag}", force=True, ignore_permissions=True)
	for period in (MONTH, PULL_DAY.replace(day=1)):
		frappe.db.delete("Usage Statement", {"company": company, "period": period})
	for doc, f in ((first, file), (again, again_file)):
		if os.path.exists(f.get_full_path()):
			os.remove(f.get_full_path())
		frappe.delete_doc("File", f.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Usage Import", doc.name, force=True, ignore_permissions=True)
	frappe.delete_doc("VOS Server", server.name, force=True, ignore_permissions=True)
	frappe.db.commit()
	return {"rate": rows / seconds, "again": rows / seconds_again, "growth_mb": growth / MB}


def serve_as_vos(answers: dict[str, list[dict]], ready) -> None:
	"""A local server answering GetCdr as VOS does (another process, no site): the day's CDRs of
	the accounts asked for."""

	class Handler(BaseHTTPRequestHandler):
		def do_POST(self):
			body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
			cdrs = [c for account in body.get("accounts") or [] for c in answers.get(account, [])]
			payload = json.dumps({"retCode": 0, "infoCdrs": cdrs}).encode("utf-8")
			self.send_response(200)
			self.send_header("Content-Type", "text/plain;charset=UTF-8")
			self.send_header("Content-Length", str(len(payload)))
			self.end_headers()
			self.wfile.write(payload)

		def log_message(self, *args):
			pass

	server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
	ready.put(server.server_address[1])
	server.serve_forever()


def api_pull(company: str, accounts: list[str], count: int, tag: str) -> tuple[int, float]:
	"""Pull one day of `count` CDRs from the local server; (CDRs stored, seconds)."""
	from lvyue_ops.vos.pull import pull_day

	zone = ZoneInfo(get_system_timezone())
	first = int(datetime.combine(PULL_DAY, datetime.min.time(), tzinfo=zone).timestamp() * 1000)
	answers: dict[str, list[dict]] = {}
	for i in range(count):
		account = accounts[i % len(accounts)]
		start = first + (i * 863) % (24 * 3600 * 1000)
		answers.setdefault(account, []).append(
			{
				"flowNo": 10_000_000 + i,
				"account": account,
				"accountName": account,
				"callerE164": f"0208888{i % 10000:04d}",
				"calleeE164": f"139{i:08d}",
				"callerGateway": "GW-IN",
				"calleeGateway": "GW-OUT",
				"start": start,
				"stop": start + 63_000,
				"holdTime": 63,
				"feeTime": 66,
				"fee": 0.066,
				"endDirection": 0,
				"endReason": -9,
			}
		)
	context = multiprocessing.get_context("fork")
	ready = context.Queue()
	process = context.Process(target=serve_as_vos, args=(answers, ready), daemon=True)
	process.start()
	try:
		port = ready.get(timeout=30)
		server = frappe.get_doc(
			{
				"doctype": "VOS Server",
				"server_name": f"BM-PULL-{tag}",
				"company": company,
				"base_url": f"http://127.0.0.1:{port}",
				"accounts": "\n".join(accounts),
				"pull_from": PULL_DAY,
				"enabled": 0,
				"timeout": 120,
			}
		).insert()
		frappe.db.commit()
		started = time.perf_counter()
		record = frappe.get_doc("VOS Pull Day", pull_day(server, PULL_DAY))
		seconds = time.perf_counter() - started
	finally:
		process.terminate()
		process.join()
	frappe.db.commit()
	return record.new_cdrs, seconds
