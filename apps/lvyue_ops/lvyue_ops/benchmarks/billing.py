"""Benchmark (not a test): the billing run through the real queue with one and with two `bench
worker` processes, against a bare loop of ERPNext Sales Invoice insert + submit of the same bills
(each customer's usage on two lines and the fees of its three lines in the register).

	bench --site SITE execute lvyue_ops.benchmarks.billing.run --kwargs '{"n": 1000}'

Prints, for each: invoices per second, database queries per invoice, InnoDB row-lock waits and
wait time per invoice, peak memory (RSS) of the processes doing the work; and the ratios two
workers / one worker and one worker / bare loop. Each run bills a company of its own (made here,
on the test calendar), so runs never meet earlier data; the company and its bills stay on the
site.
"""

import time
from datetime import date

import frappe
from frappe.utils import add_months, get_last_day, now

from lvyue_ops.benchmarks.measure import (
	MB,
	CpuTime,
	PeakRSS,
	base_company,
	insert_customers,
	server_status,
	session_queries,
	workers,
)
from lvyue_ops.billing import billing
from lvyue_ops.billing.doctype.usage_import.importer import insert_rows, statement_row, usage_key
from lvyue_ops.line_register.fees import month_fees
from lvyue_ops.utils.jobs import site_language


def make_company(base: str) -> str:
	from lvyue_ops.setup.base_records import make_company as make

	tag = frappe.generate_hash(length=5).upper()
	holiday_list = frappe.get_cached_value("Company", base, "default_holiday_list")
	company = make(f"基准测试 {tag}", f"BM{tag}", holiday_list)
	frappe.db.commit()
	return company


def make_customers(company: str, n: int, period: date, tag: str) -> list[str]:
	"""`n` customers with three lines each in the register (in service the whole month, fees of
	100, 200 and 300) and usage on two of them, written in bulk (the benchmark measures billing,
	not making customers)."""
	stamp = now()
	accounts = {f"基准客户 {tag} {i:05d}": f"bm{tag}{i:05d}" for i in range(n)}
	insert_customers(accounts)
	insert_rows(  # the import's own multi-row insert of Usage Statements
		[
			statement_row(
				company,
				name,
				account,
				period,
				f"L{line}",
				10 * line,
				25.5 * line,
				12.3 * line,
				usage_key(account, period, f"L{line}"),
				stamp=stamp,
			)
			for name, account in accounts.items()
			for line in (1, 2)
		]
	)
	insert_lines(company, accounts, period)
	frappe.db.commit()
	return list(accounts)


LINE_ITEM = "BM-LINE"


def insert_lines(company: str, accounts: dict[str, str], period: date) -> None:
	"""Three lines of each customer, in service for the month only (Active from its first day,
	dismantled from the next month's: each run bills its own customers), as Service Lines with
	their history rows, in one multi-row insert each."""
	if not frappe.db.exists("Item", LINE_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": LINE_ITEM,
				"item_name": "基准线路",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	stamp, user = now(), "Administrator"
	last, after = get_last_day(period), add_months(period, 1)
	lines, history = [], []
	for customer, account in accounts.items():
		for line in (1, 2, 3):
			name, fee = f"LN-{account}-{line}", 100 * line
			lines.append(
				(
					*(name, stamp, stamp, user, user, company, customer, LINE_ITEM, "Trunk Line"),
					*(f"L{line}", 1, "Dismantled", period, last, account, f"L{line}", fee),
				)
			)
			for idx, (event, status, day) in enumerate(
				(("Activated", "Active", period), ("Dismantled", "Dismantled", after)), start=1
			):
				history.append(
					(
						*(frappe.generate_hash(length=10), stamp, stamp, user, user, name, "Service Line"),
						*("history", idx, day, event, status, day, fee),
					)
				)
	frappe.db.bulk_insert(
		"Service Line",
		(
			*("name", "creation", "modified", "owner", "modified_by", "company", "customer", "item_code"),
			*("line_type", "numbers", "quantity", "status", "active_from", "ended_on", "vos_account"),
			*("vos_line", "monthly_fee"),
		),
		lines,
	)
	frappe.db.bulk_insert(
		"Service Line Event",
		(
			*("name", "creation", "modified", "owner", "modified_by", "parent", "parenttype"),
			*("parentfield", "idx", "event_date", "event", "status", "effective_from", "monthly_fee"),
		),
		history,
	)


def through_workers(company: str, period: date, count: int, shard_size: int) -> dict:
	"""A Billing Run started as the Business Assistant's button starts it, billed by `count` real
	workers; measured from the click until the run is done."""
	frappe.db.set_single_value("Lvyue Ops Settings", "billing_shard_size", shard_size)
	run = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": period}).insert()
	frappe.db.commit()
	with (
		workers(count) as processes,
		PeakRSS([p.pid for p in processes]) as memory,
		CpuTime() as cpu,
	):
		before, started = server_status(), time.perf_counter()
		run.start()
		frappe.db.commit()  # the shards' jobs are queued once the click's transaction commits
		watching = session_queries()
		while frappe.db.get_value("Billing Run", run.name, "status") in ("Queued", "Running"):
			time.sleep(0.5)
			frappe.db.rollback()  # see the workers' commits
		seconds, after = time.perf_counter() - started, server_status()
		watching = session_queries() - watching  # this process watching the run is not the run's work
	run.reload()
	created = run.invoices_created
	return {
		"label": f"billing run, {count} worker{'s' if count > 1 else ''}",
		"status": run.status,
		"invoices": created,
		"seconds": seconds,
		"rate": created / seconds,
		"queries": (after["Questions"] - before["Questions"] - watching) / max(created, 1),
		"lock_waits": (after["Innodb_row_lock_waits"] - before["Innodb_row_lock_waits"]) / max(created, 1),
		"lock_ms": (after["Innodb_row_lock_time"] - before["Innodb_row_lock_time"]) / max(created, 1),
		"peak_mb": memory.peak / MB,
		"cpu": cpu.used,
	}


def warm_up(company: str, count: int) -> None:
	"""A short run before the measured ones, not measured: the first bills after a migrate or a
	restart fill ERPNext's caches in Redis and MariaDB's buffer pool, as a day of work keeps them
	filled; without it the first measured run pays for them and the next one does not."""
	period = date(2026, 2, 1)
	make_customers(company, 20 * count, period, f"warm{frappe.generate_hash(length=3)}")
	through_workers(company, period, count, shard_size=10)


def bare_loop(company: str, customers: list[str], period: date) -> dict:
	"""The reference: ERPNext making the same bills its ordinary way, inserted then submitted (same
	items, dates, price list, in the site's language as the run's jobs write them: hooks.py
	before_job), with no billing logic around them, one transaction each, in this process. The run
	saves each bill once, as submitted (billing.ShardBiller.bill)."""
	site_language()
	bill = bare_biller(company, customers, period)
	before, status, started = session_queries(), server_status(), time.perf_counter()
	with PeakRSS() as memory, CpuTime() as cpu:
		for customer in customers:
			bill(customer)
	seconds, after = time.perf_counter() - started, server_status()
	return {
		"label": "bare ERPNext loop",
		"status": "Completed",
		"invoices": len(customers),
		"seconds": seconds,
		"rate": len(customers) / seconds,
		"queries": (session_queries() - before) / len(customers),
		"lock_waits": (after["Innodb_row_lock_waits"] - status["Innodb_row_lock_waits"]) / len(customers),
		"lock_ms": (after["Innodb_row_lock_time"] - status["Innodb_row_lock_time"]) / len(customers),
		"peak_mb": memory.peak / MB,
		"cpu": cpu.used,
	}


def bare_biller(company: str, customers: list[str], period: date):
	"""ERPNext's own way to make a customer's bill: insert, submit, commit."""
	due, posting = billing.payment_due(company, period), billing.bills_day(company, period)
	usage = {}
	for row in frappe.get_all(
		"Usage Statement",
		filters={"company": company, "period": period, "customer": ("in", customers)},
		fields=["customer", "line_or_number", "calls", "minutes", "amount"],
		order_by="customer, line_or_number",
	):
		usage.setdefault(row.customer, []).append(row)
	fees = month_fees(company, period, customers)
	price_list = billing.selling_price_list(company)

	def bill(customer: str) -> None:
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": company,
				"customer": customer,
				"posting_date": posting,
				"set_posting_time": 1,
				"due_date": due,
				"selling_price_list": price_list,
				"items": billing.bill_items(period.strftime("%Y-%m"), usage[customer], fees[customer]),
			}
		)
		invoice.insert(ignore_permissions=True)
		invoice.submit()
		frappe.db.commit()

	return bill


def one_bill_statements(company: str, period: date) -> tuple[int, int]:
	"""The statements one bill takes, counted exactly (frappe.db.sql): the run's way (a shard's
	biller, its names reserved) and ERPNext's bare insert + submit, each after a first bill that
	warms the caches. The workers' totals above also hold each shard's reads and progress."""
	customers = make_customers(company, 4, period, f"q{frappe.generate_hash(length=3)}")
	run = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": period}).insert()
	frappe.db.commit()
	biller = billing.ShardBiller(run, customers[:2])
	ours = counted(lambda: biller.bill(customers[0]), lambda: biller.bill(customers[1]))
	bare_bill = bare_biller(company, customers[2:], period)
	bare = counted(lambda: bare_bill(customers[2]), lambda: bare_bill(customers[3]))
	return ours, bare


def counted(warm_up, measured) -> int:
	warm_up()
	sql, statements = frappe.db.sql, []

	def counting(query, *args, **kwargs):
		statements.append(query)
		return sql(query, *args, **kwargs)

	frappe.db.sql = counting
	try:
		measured()
	finally:
		frappe.db.sql = sql
	return len(statements)


def show(result: dict) -> None:
	print(
		f"{result['label']:<26}: {result['invoices']} invoices in {result['seconds']:.1f} s = "
		f"{result['rate']:.2f} invoices/s, {result['queries']:.0f} queries/invoice, "
		f"row-lock waits {result['lock_waits']:.2f}/invoice ({result['lock_ms']:.1f} ms/invoice), "
		f"peak RSS {result['peak_mb']:.0f} MB  [{result['status']}]"
	)
	if cpu := result.get("cpu"):
		busy, seconds = cpu["busy"], result["seconds"]
		print(
			f"{'':<26}  CPU: the machine busy {busy / seconds:.2f} of its cores, "
			f"waiting on the disk {cpu['iowait'] / seconds:.2f}; per invoice "
			f"{1000 * busy / result['invoices']:.0f} ms, of which MariaDB "
			f"{1000 * cpu['server'] / result['invoices']:.0f} ms, the benchmark "
			f"{1000 * cpu['this'] / result['invoices']:.0f} ms"
		)


def run(n: int = 1000, worker_counts=(1, 2), bare: bool = True, shard_size: int | None = None):
	frappe.set_user("Administrator")
	base = base_company()
	billing.ensure_usage_item()
	company = make_company(base)
	# more shards than workers (none waits for another), and few: each job starts with cold caches
	shard_size = shard_size or max(100, n // 4)
	print(f"company {company}, n = {n} customers per run, {shard_size} customers per shard")
	settings_shard_size = frappe.db.get_single_value("Lvyue Ops Settings", "billing_shard_size")
	results = {}
	try:
		if worker_counts:
			warm_up(company, max(worker_counts))
		month = 3
		for count in worker_counts:
			period = date(2026, month, 1)
			make_customers(company, n, period, f"{count}w{frappe.generate_hash(length=3)}")
			results[count] = through_workers(company, period, count, shard_size)
			show(results[count])
			month += 1
		if bare:
			period = date(2026, month, 1)
			customers = make_customers(company, n + 1, period, f"b{frappe.generate_hash(length=3)}")
			bare_loop(company, customers[:1], period)  # warm up (imports, caches) outside the measure
			results["bare"] = bare_loop(company, customers[1:], period)
			show(results["bare"])
	finally:
		frappe.db.set_single_value("Lvyue Ops Settings", "billing_shard_size", settings_shard_size or 500)
		frappe.db.commit()
	if 1 in results and 2 in results:
		print(f"two workers / one worker: {results[2]['rate'] / results[1]['rate']:.2f}  (target >= 1.8)")
	ours, bare_statements = one_bill_statements(company, date(2026, 12, 1))
	print(
		f"statements of one bill   : {ours} the run's way vs {bare_statements} ERPNext's bare insert + submit"
	)
	if 1 in results and "bare" in results:
		print(f"one worker / bare loop : {results[1]['rate'] / results['bare']['rate']:.2f}  (target >= 1.0)")
		print(
			f"queries per invoice    : {results[1]['queries']:.0f} vs {results['bare']['queries']:.0f}  "
			"(target <=)"
		)
	return results
