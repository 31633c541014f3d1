"""Benchmark (not a test): VOS's call records (话单) as the import's job reads them, and what is
made from them.

	bench --site SITE execute lvyue_ops.benchmarks.cdr_import.run --kwargs '{"rows": 1000000}'

Prints, for a CDR export of `rows` calls (VOS's field names, epoch milliseconds): CDRs per second
of the import and of a re-import of the same file (every CDR already stored), this process's
peak memory growth, the seconds to make the month's usage from them, the seconds to write one
customer's 详单 as CSV, and the rate at which the month is dropped again (the retention job's way,
which also leaves nothing of the benchmark behind but its customers)."""

import csv
import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import frappe
from frappe.utils import get_system_timezone

from lvyue_ops.benchmarks.measure import MB, PeakRSS, insert_customers

MONTH = "2027-07-01"


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
		for i in range(rows):
			start = first + (i * 2_654_435) % month_ms
			account = accounts[i % len(accounts)]
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
	company = (
		company or frappe.get_all("Company", filters={"default_holiday_list": ("is", "set")}, pluck="name")[0]
	)
	tag = frappe.generate_hash(length=4)
	accounts = [f"cdr{tag}{i:04d}" for i in range(max(1, min(2000, rows // 500)))]
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
	customer = f"话单客户 {accounts[0]}"
	started = time.perf_counter()
	with PeakRSS() as memory:
		size = sum(len(chunk) for chunk in detail.csv_chunks(customer, frappe.utils.getdate(MONTH)))
	calls = rows // len(accounts)
	print(
		f"详单 CSV of a customer with {calls} calls: {size / MB:.1f} MB in {time.perf_counter() - started:.1f} s, "
		f"peak memory growth {memory.growth / MB:.0f} MB"
	)
	frappe.db.rollback()
	started = time.perf_counter()
	dropped = call_records.drop_month(company, frappe.utils.getdate(MONTH))
	print(f"dropping the month: {dropped} CDRs in {time.perf_counter() - started:.1f} s")
	frappe.db.delete("Usage Statement", {"company": company, "period": MONTH})
	for doc, f in ((first, file), (again, again_file)):
		if os.path.exists(f.get_full_path()):
			os.remove(f.get_full_path())
		frappe.delete_doc("File", f.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Usage Import", doc.name, force=True, ignore_permissions=True)
	frappe.delete_doc("VOS Server", server.name, force=True, ignore_permissions=True)
	frappe.db.commit()
	return {"rate": rows / seconds, "again": rows / seconds_again, "growth_mb": growth / MB}
