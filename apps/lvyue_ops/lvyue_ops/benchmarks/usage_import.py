"""Benchmark (not a test): a VOS usage file of `rows` rows imported by the import's job, as a
worker runs it.

	bench --site SITE execute lvyue_ops.benchmarks.usage_import.run --kwargs '{"rows": 100000}'

Prints rows per second and how much this process's memory grew at its peak (it must not grow with
the file). The file is written to the site's private files; the import is rolled back afterwards,
so nothing of it stays but its customers.
"""

import csv
import os
import time

import frappe

from lvyue_ops.benchmarks.measure import MB, PeakRSS, base_company, insert_customers


def make_accounts(count: int, tag: str) -> list[str]:
	accounts = [f"ui{tag}{i:05d}" for i in range(count)]
	insert_customers({f"话单客户 {a}": a for a in accounts})
	frappe.db.commit()
	return accounts


def write_file(path: str, accounts: list[str], rows: int, period: str) -> None:
	"""A VOS export: every account with as many lines as it takes to reach `rows`."""
	lines = -(-rows // len(accounts))
	with open(path, "w", encoding="utf-8", newline="") as f:
		writer = csv.writer(f)
		writer.writerow(("账号", "账期", "通话次数", "分钟数", "金额", "号码"))
		written = 0
		for line in range(lines):
			for account in accounts:
				if written == rows:
					return
				writer.writerow((account, period, 12, 30.5, 14.64, f"0208888{line:05d}"))
				written += 1


def import_file(company: str, rows: int, quiet: bool = False) -> dict:
	"""Make a file of `rows` rows, import it with the import's job, roll it back."""
	from lvyue_ops.billing.doctype.usage_import.usage_import import run_import

	tag = frappe.generate_hash(length=4)
	accounts = make_accounts(max(1, min(2000, rows // 50)), tag)
	doc = frappe.get_doc({"doctype": "Usage Import", "company": company, "period": "2027-06-01"}).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"vos-{tag}.csv",
			"is_private": 1,
			"attached_to_doctype": "Usage Import",
			"attached_to_name": doc.name,
			"attached_to_field": "import_file",  # as the form's upload attaches it
			"content": b"x",
		}
	).insert()
	write_file(file.get_full_path(), accounts, rows, "2027-06")
	size = os.path.getsize(file.get_full_path())
	file.db_set("file_size", size)
	doc.db_set({"import_file": file.file_url, "status": "Queued"})
	frappe.db.commit()
	if not quiet:
		print(f"usage file: {rows} rows, {len(accounts)} accounts, {size / MB:.1f} MB")
	started = time.perf_counter()
	with PeakRSS() as memory:
		complete = run_import(doc.name)
	seconds = time.perf_counter() - started
	stored = frappe.db.count("Usage Statement", {"usage_import": doc.name})
	frappe.db.rollback()  # the benchmark keeps nothing of the import
	os.remove(file.get_full_path())
	frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
	frappe.delete_doc("Usage Import", doc.name, force=True, ignore_permissions=True)
	frappe.db.commit()
	return {"rows": rows, "seconds": seconds, "stored": stored, "complete": complete, "growth": memory.growth}


def run(rows: int = 100_000, company: str | None = None):
	frappe.set_user("Administrator")
	company = company or base_company()
	import_file(company, 1000, quiet=True)  # warm up (imports, metadata) as a worker's first job does
	result = import_file(company, rows)
	print(
		f"usage import: {rows} rows in {result['seconds']:.1f} s = {rows / result['seconds']:,.0f} rows/s "
		f"(target >= 5,000), {result['stored']} stored, complete={result['complete']}, "
		f"peak memory growth {result['growth'] / MB:.0f} MB (target <= 100 MB)"
	)
	return {"rows": rows, "rate": rows / result["seconds"], "growth_mb": result["growth"] / MB}
