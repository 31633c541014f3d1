"""Benchmark (not a test): the billing run against a bare loop of ERPNext Sales Invoice
insert + submit for the same data, on the same site, in the same process.

	bench --site SITE execute lvyue_ops.benchmarks.billing.run --kwargs '{"n": 200}'

Prints invoices per second of each, their ratio (target >= 0.9), peak memory (RSS) of each phase
and database queries per invoice. It builds its own customers and usage in a month nobody else
bills, and leaves them (with their invoices) on the site.
"""

import threading
import time
from datetime import date

import frappe
import psutil

from lvyue_ops.billing import billing
from lvyue_ops.billing.doctype.usage_import.importer import usage_key


def queries() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


class PeakRSS:
	"""Samples this process's resident memory while a phase runs."""

	def __init__(self):
		self.process, self.peak, self._stop = psutil.Process(), 0, threading.Event()

	def __enter__(self):
		self.peak = self.process.memory_info().rss
		self.thread = threading.Thread(target=self._sample, daemon=True)
		self.thread.start()
		return self

	def _sample(self):
		while not self._stop.is_set():
			self.peak = max(self.peak, self.process.memory_info().rss)
			time.sleep(0.05)

	def __exit__(self, *exc):
		self._stop.set()
		self.thread.join()


def free_period(company: str) -> date:
	"""A month of 2027 with no usage yet (the calendar must cover the month after it)."""
	for month in range(1, 12):
		period = date(2027, month, 1)
		if not frappe.db.exists("Usage Statement", {"company": company, "period": period}):
			return period
	frappe.throw("No free benchmark month left in 2027")


def make_customers(company: str, n: int, period: date, tag: str) -> list[str]:
	from frappe.utils.nestedset import get_root_of

	group, territory = get_root_of("Customer Group"), get_root_of("Territory")
	names = []
	for i in range(n):
		account = f"bm{tag}{i:05d}"
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": f"基准客户 {tag} {i:05d}",
				"customer_group": group,
				"territory": territory,
				"lvyue_vos_account": account,
			}
		).insert(ignore_permissions=True)
		for line in (1, 2):
			frappe.get_doc(
				{
					"doctype": "Usage Statement",
					"company": company,
					"customer": customer.name,
					"vos_account": account,
					"period": period,
					"line_or_number": f"L{line}",
					"calls": 10 * line,
					"minutes": 25.5 * line,
					"amount": 12.3 * line,
					"usage_key": usage_key(account, period, f"L{line}"),
				}
			).insert(ignore_permissions=True)
		names.append(customer.name)
		if i % 100 == 99:
			frappe.db.commit()
	frappe.db.commit()
	return names


def bare_loop(company: str, customers: list[str], period: date, due_date) -> None:
	"""The ceiling: what ERPNext does for the same bills with no billing logic around it."""
	price_list = billing.selling_price_list(company)
	for customer in customers:
		items = billing.invoice_items(company, customer, period)
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": company,
				"customer": customer,
				"posting_date": due_date,
				"set_posting_time": 1,
				"due_date": due_date,
				"selling_price_list": price_list,
				"items": items,
			}
		)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
		frappe.db.commit()


def run(n: int = 200, company: str | None = None):
	company = (
		company or frappe.get_all("Company", filters={"default_holiday_list": ("is", "set")}, pluck="name")[0]
	)
	frappe.set_user("Administrator")
	billing.ensure_usage_item()
	tag = frappe.generate_hash(length=4)
	period = free_period(company)
	print(f"company {company}, usage month {period:%Y-%m}, n = {n}")
	print("building data …")
	make_customers(company, n, period, tag + "a")  # billed by the billing run
	period_b = free_period(company)
	ceiling = make_customers(company, n + 1, period_b, tag + "b")
	due = billing.payment_due(company, period_b)

	# warm up once (imports, caches) outside the measurement, so neither side pays for it
	bare_loop(company, ceiling[:1], period_b, due)
	ceiling = ceiling[1:]
	frappe.db.commit()

	run_doc = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": period}).insert()
	frappe.db.commit()
	q0, t0 = queries(), time.perf_counter()
	with PeakRSS() as ours_rss:
		result = billing.execute_billing_run(run_doc.name)
	ours_seconds, ours_queries = time.perf_counter() - t0, queries() - q0
	created = result["created"]

	q0, t0 = queries(), time.perf_counter()
	with PeakRSS() as ceiling_rss:
		bare_loop(company, ceiling, period_b, due)
	ceiling_seconds, ceiling_queries = time.perf_counter() - t0, queries() - q0

	ours_rate, ceiling_rate = created / ours_seconds, len(ceiling) / ceiling_seconds
	mb = 1024 * 1024
	print(
		f"billing run      : {created} invoices in {ours_seconds:.1f} s = {ours_rate:.2f} invoices/s, "
		f"{ours_queries / max(created, 1):.0f} queries/invoice, peak RSS {ours_rss.peak / mb:.0f} MB"
	)
	print(
		f"bare ERPNext loop: {len(ceiling)} invoices in {ceiling_seconds:.1f} s = {ceiling_rate:.2f} invoices/s, "
		f"{ceiling_queries / len(ceiling):.0f} queries/invoice, peak RSS {ceiling_rss.peak / mb:.0f} MB"
	)
	print(f"ratio (billing run / bare loop): {ours_rate / ceiling_rate:.2f}  (target >= 0.9)")
	return {"ratio": ours_rate / ceiling_rate, "ours_rate": ours_rate, "ceiling_rate": ceiling_rate}
