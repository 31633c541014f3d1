"""The billing run's jobs (营帐): one ERPNext Sales Invoice per company, customer and usage month,
from the month's usage and the month's fees of the customer's lines (the register, prorated by
line_register/fees.py).

- A run is split into shards (slices of its customers), each a job on the `long` queue: any
  number of workers, on this host or others sharing Redis and MariaDB, bill them side by side.
- Every bill is its own transaction, posted with the accounting rights it needs
  (permissions.system_rights), as the Business Assistant who started the run, who holds no accounting role). A customer whose bill fails is recorded with its
  error and skipped; the others are billed; starting the run again bills exactly the missing ones.
- A bill carries a unique billing key (a database constraint): running twice, or two workers at
  once, cannot bill anyone twice. Usage imported after its month was billed goes on a
  supplementary bill of the next run.
- The Sales Invoice names of a shard are taken from the naming series at once, in a short
  transaction of their own: the series' counter row is not held locked by every bill until it
  commits, which would let only one worker bill at a time.
"""

import math
import time
from datetime import date

import frappe
from frappe import _
from frappe.model.naming import get_default_naming_series, parse_naming_series
from frappe.utils import (
	add_months,
	add_to_date,
	cint,
	flt,
	get_datetime,
	get_first_day,
	get_last_day,
	getdate,
	now_datetime,
)
from frappe.utils.background_jobs import get_job_status
from rq.job import JobStatus

from lvyue_ops.line_register.fees import month_fees
from lvyue_ops.lvyue_ops.doctype.lvyue_company_settings.lvyue_company_settings import company_setting
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.ops_calendar.ops_calendar import due_date
from lvyue_ops.permissions import system_rights
from lvyue_ops.utils.jobs import enqueue_long

USAGE_ITEM = "VOS-USAGE"
PAYMENT_DUE_DUTY = "Payment Due"
BILLS_DUTY = "Customer Bills"
REPORT_EVERY = 20  # bills between two progress updates of a shard
STALE_MINUTES = 15  # a shard without progress this long, and no job, is taken up again


def billing_key(company: str, customer: str, period) -> str:
	return f"{company}|{customer}|{getdate(period).strftime('%Y-%m')}"


def billed_keys(company: str, period) -> set[str]:
	"""The billing keys of the month's bills of the company (a customer's key is there once billed)."""
	return set(
		frappe.get_all(
			"Sales Invoice",
			filters={
				"company": company,
				"lvyue_billing_key": ("like", f"{company}|%|{getdate(period):%Y-%m}"),
			},
			pluck="lvyue_billing_key",
		)
	)


def bills_day(company: str, period) -> date:
	"""Bills for a month's usage are dated on the Customer Bills duty of the following month."""
	month = add_months(get_first_day(period), 1)
	return due_date(BILLS_DUTY, month.year, month.month, company).date()


def payment_due(company: str, period) -> date:
	"""Bills for a month's usage are due on the Payment Due duty of the following month."""
	month = add_months(get_first_day(period), 1)
	return due_date(PAYMENT_DUE_DUTY, month.year, month.month, company).date()


def customers_to_bill(company: str, period) -> list[str]:
	"""Customers with usage of the month not billed yet, or with lines of the month (the register)
	and no bill yet."""
	with_usage = frappe.db.sql(
		"""select distinct customer from `tabUsage Statement`
		where company = %s and period = %s and (sales_invoice is null or sales_invoice = '')""",
		(company, period),
		pluck=True,
	)
	first, last = get_first_day(period), get_last_day(period)
	with_fees = frappe.db.sql(
		"""select distinct l.customer from `tabService Line` l
		where l.company = %s and l.active_from <= %s and (l.ended_on is null or l.ended_on >= %s)
		and not exists (select 1 from `tabSales Invoice` si where si.lvyue_billing_key = concat(l.company, '|', l.customer, '|', %s))""",
		(company, last, first, getdate(period).strftime("%Y-%m")),
		pluck=True,
	)
	return sorted(set(with_usage) | set(with_fees))


# --- the run's shards ----------------------------------------------------------------------------


def plan_shards(run) -> None:
	"""Split the run's customers into shards (kept on the run, so a shard is the same slice when a
	worker takes it up again)."""
	customers = customers_to_bill(run.company, run.period)
	count = max(1, math.ceil(len(customers) / (get_setting("billing_shard_size") or 500)))
	run.set("shards", [])
	for shard_no in range(count):
		part = customers[shard_no::count]
		run.append(
			"shards",
			{
				"shard_no": shard_no + 1,
				"status": "Queued",
				"customer_count": len(part),
				"customers": "\n".join(part),
			},
		)


def queue_shard(run: str, shard, attempt: int = 0) -> str:
	"""Queue the shard's job; each shard row and attempt has a job id of its own (the job of a
	worker that died stays "started" in RQ's registry until its timeout, and must not hold the new
	one back). The row says Queued with its job before the job can run."""
	job_id = f"billing-run::{run}::{shard.shard_no}::{shard.name}::{attempt}"
	frappe.db.set_value(
		"Billing Run Shard", shard.name, {"status": "Queued", "job_id": job_id}, update_modified=False
	)
	enqueue_long("lvyue_ops.billing.billing.bill_shard", job_id, run=run, shard_no=shard.shard_no)
	return job_id


def shard_alive(shard, now=None) -> bool:
	"""A queued shard waits for a worker while its job is in the queue; a running one is alive while
	its worker reports progress (a heartbeat every few bills). A worker killed mid-shard (SIGKILL,
	OOM, a restart) stops reporting: after STALE_MINUTES its shard is taken up again."""
	if shard.status == "Queued":
		return bool(shard.job_id) and get_job_status(shard.job_id) == JobStatus.QUEUED
	if shard.status == "Running":
		since = add_to_date(now or now_datetime(), minutes=-STALE_MINUTES)
		return get_datetime(shard.heartbeat_at or shard.creation) > since
	return False


def requeue_stale_shards(now=None) -> list[str]:
	"""Scheduler (every 5 minutes): shards whose worker died are queued again; the bills they made
	stay (each customer's bill has its unique billing key), the others are made."""
	now = now or now_datetime()
	requeued = []
	for shard in frappe.get_all(
		"Billing Run Shard",
		filters={"status": ("in", ("Queued", "Running"))},
		fields=["name", "parent", "shard_no", "status", "job_id", "heartbeat_at", "creation", "attempts"],
	):
		if get_datetime(shard.heartbeat_at or shard.creation) > add_to_date(now, minutes=-STALE_MINUTES):
			continue
		if shard_alive(shard, now):
			continue
		queue_shard(shard.parent, shard, cint(shard.attempts) + 1)
		requeued.append(shard.name)
	frappe.db.commit()
	return requeued


def bill_shard(run: str, shard_no: int):
	"""The job of one shard: bill its customers, each in a transaction of its own."""
	with system_rights():  # the run posts with the accounting rights it needs, as its user
		_bill_shard(run, shard_no)


def _bill_shard(run: str, shard_no: int):
	shard = frappe.get_all(
		"Billing Run Shard",
		filters={"parent": run, "shard_no": shard_no},
		fields=["name", "customers", "status", "attempts"],
	)[0]
	if shard.status == "Completed":
		return
	doc = frappe.get_doc("Billing Run", run)
	now = now_datetime()
	frappe.db.set_value(
		"Billing Run Shard",
		shard.name,
		{"status": "Running", "started_at": now, "heartbeat_at": now, "attempts": cint(shard.attempts) + 1},
		update_modified=False,
	)
	if doc.status == "Queued":
		frappe.db.set_value("Billing Run", run, "status", "Running", update_modified=False)
	frappe.db.commit()

	biller = ShardBiller(doc, (shard.customers or "").split("\n") if shard.customers else [])
	counts = {"created": 0, "already_billed": biller.skipped, "failed": 0}
	for i, customer in enumerate(biller.customers, start=1):
		outcome = biller.bill(customer)
		counts[outcome] += 1
		if i % REPORT_EVERY == 0:
			frappe.db.set_value(
				"Billing Run Shard",
				shard.name,
				{"done": i + biller.skipped, **counts, "heartbeat_at": now_datetime()},
				update_modified=False,
			)
			frappe.db.commit()
			frappe.publish_realtime(
				"lvyue_billing_progress", {"run": run}, doctype="Billing Run", docname=run
			)
	frappe.db.set_value(
		"Billing Run Shard",
		shard.name,
		{
			"done": len(biller.customers) + biller.skipped,
			**counts,
			"status": "Completed",
			"heartbeat_at": now_datetime(),
			"finished_at": now_datetime(),
		},
		update_modified=False,
	)
	frappe.db.commit()
	finish_run(run)


def finish_run(run: str, attempts: int = 3):
	"""The last shard to finish closes the run: its totals, its status and the duty. Two runs
	closing at the same moment can deadlock in InnoDB (the month's duty task, the gaps of the rows
	to look at): the one MariaDB rolls back closes its run again."""
	for attempt in range(1, attempts + 1):
		try:
			return _finish_run(run)
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == attempts:
				raise
			time.sleep(0.2 * attempt)


def _finish_run(run: str):
	frappe.db.get_value("Billing Run", run, "name", for_update=True)  # one closer at a time
	shards = frappe.get_all(
		"Billing Run Shard",
		filters={"parent": run},
		fields=["status", "customer_count", "done", "created", "already_billed", "failed"],
	)
	if any(s.status != "Completed" for s in shards):
		frappe.db.commit()
		return
	doc = frappe.get_doc("Billing Run", run)
	failed = frappe.db.count("Billing Run Error", {"parent": run})
	doc.update(
		{
			"invoices_created": sum(s.created for s in shards),
			"already_billed": sum(s.already_billed for s in shards),
			"failed_customers": failed,
			"progress": 100,
		}
	)
	doc.finished("Completed with Errors" if failed else "Completed")
	frappe.db.commit()
	frappe.publish_realtime(
		"lvyue_billing_progress", {"run": run, "done": True}, doctype="Billing Run", docname=run
	)


class ShardBiller:
	"""Bills a shard's customers: their usage and fees read in one query each, their invoice
	names taken from the naming series at once."""

	def __init__(self, run, customers: list[str], reserve_names_at_once: bool = True):
		self.run = run
		self.month = getdate(run.period).strftime("%Y-%m")
		self.price_list = selling_price_list(run.company)
		billed = set(
			frappe.get_all(
				"Sales Invoice",
				filters={
					"lvyue_billing_key": (
						"in",
						[billing_key(run.company, c, run.period) for c in customers] or [""],
					)
				},
				pluck="lvyue_billing_key",
			)
		)
		self.usage = self.read_usage(customers)
		self.fees = self.read_fees(customers)
		self.billed = {c for c in customers if billing_key(run.company, c, run.period) in billed}
		# customers with something to bill: not billed yet, or usage arrived after their bill
		self.customers = [c for c in customers if (c not in self.billed) or self.usage.get(c)]
		self.skipped = len(customers) - len(self.customers)
		# a shard takes its names at once (in a transaction of their own); one bill made again in
		# a person's request names itself as ERPNext does, inside that request's transaction
		self.names = (
			iter(reserve_names(run.posting_date, len(self.customers))) if reserve_names_at_once else None
		)

	def read_usage(self, customers) -> dict[str, list]:
		usage: dict[str, list] = {}
		for row in frappe.get_all(
			"Usage Statement",
			filters={
				"company": self.run.company,
				"period": self.run.period,
				"customer": ("in", customers or [""]),
				"sales_invoice": ("is", "not set"),
			},
			fields=["name", "customer", "line_or_number", "calls", "minutes", "amount"],
			order_by="customer, line_or_number",
		):
			usage.setdefault(row.customer, []).append(row)
		return usage

	def read_fees(self, customers) -> dict[str, list]:
		return month_fees(self.run.company, self.run.period, customers)

	def items(self, customer: str, with_fees: bool) -> list[dict]:
		return bill_items(
			self.month, self.usage.get(customer, []), self.fees.get(customer, []) if with_fees else []
		)

	def bill(self, customer: str, commit: bool = True) -> str:
		"""'created', 'already_billed' or 'failed' (recorded on the run), each bill committed; with
		`commit` False, inside the caller's transaction, and an error is the caller's."""
		supplementary = customer in self.billed
		usage = self.usage.get(customer, [])
		items = self.items(customer, with_fees=not supplementary)
		if not items:
			return "already_billed"
		key = billing_key(self.run.company, customer, self.run.period)
		if supplementary:
			key = f"{key}|{usage[0].name}"  # the same late usage, the same supplementary bill
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"company": self.run.company,
				"customer": customer,
				"posting_date": self.run.posting_date,
				"set_posting_time": 1,
				"due_date": self.run.due_date,
				"selling_price_list": self.price_list,
				"lvyue_billing_run": self.run.name,
				"lvyue_billing_key": key,
				"items": items,
				# saved once, as submitted: frappe validates and posts it in one pass (as ERPNext
				# makes its ledger entries), not a draft validated again on submit
				"docstatus": 1,
			}
		)
		try:
			invoice.insert(ignore_permissions=True, set_name=next(self.names) if self.names else None)
			if usage:
				frappe.db.sql(
					"""update `tabUsage Statement` set sales_invoice = %s
					where name in %s and (sales_invoice is null or sales_invoice = '')""",
					(invoice.name, [u.name for u in usage]),
				)
			if commit:
				frappe.db.commit()
			return "created"
		except frappe.UniqueValidationError as e:
			if not commit:
				raise
			frappe.db.rollback()
			frappe.clear_messages()
			if "lvyue_billing_key" not in str(e):
				return self.failed(customer)
			return "already_billed"  # another worker or run billed this customer first: the key is the guard
		except Exception:
			if not commit:
				raise
			frappe.db.rollback()
			frappe.clear_messages()
			return self.failed(customer)

	def failed(self, customer: str) -> str:
		error = frappe.get_traceback(with_context=False).strip().splitlines()[-1][:500]
		frappe.get_doc(
			{
				"doctype": "Billing Run Error",
				"parent": self.run.name,
				"parenttype": "Billing Run",
				"parentfield": "errors",
				"customer": customer,
				"error": error,
				"occurred_at": now_datetime(),
			}
		).db_insert()
		frappe.db.commit()
		return "failed"


def bill_items(month: str, usage: list, fees: list) -> list[dict]:
	"""A bill's lines: a line of each usage row (its line or number, calls, minutes), then the
	month's fee of each of the customer's lines (line_register/fees.py), with its days where it
	was not the customer's in service all month."""
	return [
		{
			"item_code": USAGE_ITEM,
			"qty": 1,
			"rate": u.amount,
			"description": _("VOS usage {0} {1}: {2} calls, {3} minutes").format(
				month, u.line_or_number or "", u.calls, flt(u.minutes, 2)
			),
		}
		for u in usage
	] + [
		{
			"item_code": fee.item_code,
			"qty": fee.quantity,
			"rate": fee.rate,
			"description": " ".join(
				[_("Monthly fee {0} {1}").format(month, fee.numbers or "")]
				+ (
					[_("({0} of {1} days)").format(fee.days, fee.month_days)]
					if fee.days != fee.month_days
					else []
				)
			),
		}
		for fee in fees
	]


def reserve_names(posting_date, count: int) -> list[str]:
	"""`count` Sales Invoice names from its naming series, taken in a transaction of their own."""
	if not count:
		return []
	# as frappe names a Sales Invoice: its default series, then five digits (make_autoname)
	series = get_default_naming_series("Sales Invoice")
	digits = series.count("#") or 5
	prefix = parse_naming_series(series.replace("#", "").rstrip("."), doctype="Sales Invoice")
	frappe.db.commit()  # nothing of ours waits on the counter's lock
	frappe.db.sql(
		"insert into `tabSeries` (`name`, `current`) values (%s, 0) on duplicate key update `current` = `current`",
		prefix,
	)
	current = cint(
		frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", prefix)[0][0]
	)
	frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (current + count, prefix))
	frappe.db.commit()
	return [f"{prefix}{n:0{digits}d}" for n in range(current + 1, current + count + 1)]


def selling_price_list(company: str) -> str | None:
	"""The company's own (Lvyue Company Settings), or a selling price list in the company's
	currency, so bills need no exchange rate."""
	if own := company_setting(company, "selling_price_list"):
		return own
	currency = frappe.get_cached_value("Company", company, "default_currency")
	default = frappe.db.get_single_value("Selling Settings", "selling_price_list")
	if default and frappe.db.get_value("Price List", default, "currency") == currency:
		return default
	price_list = frappe.db.get_value("Price List", {"selling": 1, "enabled": 1, "currency": currency})
	if not price_list:
		frappe.throw(_("Please create an enabled selling Price List in {0} for the bills.").format(currency))
	return price_list


def ensure_usage_item():
	if not frappe.db.exists("Item", USAGE_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": USAGE_ITEM,
				"item_name": _("VOS Usage"),
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0})
				or frappe.db.get_value("Item Group", {}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)


def bill_released(invoice: str) -> bool:
	"""A bill reaches its customer (the portal, its PDF, its 详单, the statement) once it may: a bill
	of a billing run when the Business Assistant has reviewed the run's bills (or none looked
	wrong); a bill made by hand at once."""
	run = frappe.db.get_value("Sales Invoice", invoice, "lvyue_billing_run")
	return not run or frappe.db.get_value("Billing Run", run, "review_status") == "Reviewed"


def customer_bills(customer: str, limit: int = 36) -> list[dict]:
	"""The customer's bills that have reached it (bill_released), newest first, with what is owed."""
	return frappe.db.sql(
		"""select si.name, si.posting_date, si.due_date, si.grand_total, si.outstanding_amount,
			si.currency, si.lvyue_billing_run, run.period
		from `tabSales Invoice` si left join `tabBilling Run` run on run.name = si.lvyue_billing_run
		where si.customer = %(customer)s and si.docstatus = 1 and si.is_return = 0
			and (ifnull(si.lvyue_billing_run, '') = '' or run.review_status = 'Reviewed')
		order by si.posting_date desc, si.name desc limit %(limit)s""",
		{"customer": customer, "limit": limit},
		as_dict=True,
	)


def bill_payee(company: str) -> dict:
	"""Whom a customer pays, as its bill states it: the company's tax number and its default bank
	account (ERPNext's Bank Account of the company). A jinja method (hooks.py) for the Lvyue Bill."""
	accounts = frappe.get_all(
		"Bank Account",
		filters={"company": company, "is_company_account": 1, "disabled": 0},
		fields=["account_name", "bank", "bank_account_no", "branch_code"],
		order_by="is_default desc, creation asc",
		limit=1,
	)
	return {
		"company": company,
		"tax_id": frappe.db.get_value("Company", company, "tax_id") or "",
		"bank": accounts[0] if accounts else None,
	}


def bill_month(invoice) -> str:
	"""The month a bill is for (its run's usage month), as a person reads it: 2026年11月 in Chinese.
	A jinja method (hooks.py) for the Lvyue Bill print format."""
	run = invoice.get("lvyue_billing_run")
	period = run and frappe.db.get_value("Billing Run", run, "period")
	if not period:
		return ""
	period = getdate(period)
	return _("{0}-{1:02d}").format(period.year, period.month)
