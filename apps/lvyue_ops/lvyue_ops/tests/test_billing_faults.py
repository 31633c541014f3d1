"""A billing run on real RQ workers (`bench worker`, each its own process, as production runs them):
two workers share a run of a few hundred customers in shards; one is killed with SIGKILL in the
middle of its shard; the scheduler's check finds the shard stale and queues it again; every
customer ends with exactly one bill (security review M6, issue 12).

The run commits as it goes and the workers are other processes, so it runs on a company of its own
whose bills are cleared before each run."""

import time
from datetime import date

import frappe
import pytest
from frappe.utils import add_to_date, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.billing.billing import ensure_usage_item, requeue_stale_shards
from lvyue_ops.setup.base_records import make_company
from lvyue_ops.tests.factories import make_user, unique
from lvyue_ops.tests.server import rq_worker, run_worker, wait_until
from lvyue_ops.tests.utils import as_user

COMPANY, ABBR = "履约出账故障测试有限公司", "LVF"
PERIOD = date(2026, 7, 1)
CUSTOMERS = 300
SHARD_SIZE = 100

# what the company's earlier runs left (the bills were never meant to be kept)
BILL_TABLES = (
	("tabSales Invoice Item", "parent in (select name from `tabSales Invoice` where company = %(c)s)"),
	("tabSales Taxes and Charges", "parent in (select name from `tabSales Invoice` where company = %(c)s)"),
	("tabSales Team", "parent in (select name from `tabSales Invoice` where company = %(c)s)"),
	("tabPayment Schedule", "parent in (select name from `tabSales Invoice` where company = %(c)s)"),
	("tabGL Entry", "company = %(c)s"),
	("tabPayment Ledger Entry", "company = %(c)s"),
	("tabSales Invoice", "company = %(c)s"),
	("tabUsage Statement", "company = %(c)s"),
	("tabBilling Run Shard", "parent in (select name from `tabBilling Run` where company = %(c)s)"),
	("tabBilling Run Error", "parent in (select name from `tabBilling Run` where company = %(c)s)"),
	("tabBilling Run", "company = %(c)s"),
	("tabOps Duty Task", "company = %(c)s"),
)


def clear_company(company):
	for table, where in BILL_TABLES:
		frappe.db.sql(f"delete from `{table}` where {where}", {"c": company})
	frappe.db.commit()


@pytest.fixture
def hundreds(base):
	company = make_company(COMPANY, ABBR, base.holiday_list)
	clear_company(company)
	ensure_usage_item()
	customers = []
	for i in range(CUSTOMERS):
		account = f"flt{frappe.generate_hash(length=10)}"
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": unique("故障客户"),
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
				"territory": frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories",
				"lvyue_vos_account": account,
			}
		).insert()
		customers.append(customer.name)
		frappe.get_doc(
			{
				"doctype": "Usage Statement",
				"company": company,
				"customer": customer.name,
				"vos_account": account,
				"period": PERIOD,
				"calls": 10,
				"minutes": 20 + i,
				"amount": 30 + i,
			}
		).insert()
	frappe.db.set_single_value("Lvyue Ops Settings", "billing_shard_size", SHARD_SIZE)
	assistant = make_user([R.BUSINESS_ASSISTANT])
	frappe.db.commit()
	yield frappe._dict(company=company, customers=customers, assistant=assistant)
	frappe.db.rollback()
	frappe.db.set_single_value("Lvyue Ops Settings", "billing_shard_size", 500)
	clear_company(company)


def shards(run):
	frappe.db.rollback()  # what the workers committed
	return frappe.get_all(
		"Billing Run Shard",
		filters={"parent": run},
		fields=["name", "shard_no", "status", "done", "job_id", "heartbeat_at", "attempts"],
		order_by="shard_no",
	)


def run_status(run):
	frappe.db.rollback()
	return frappe.db.get_value("Billing Run", run, "status")


def doomed_shard(run, worker):
	"""The shard the worker is billing now (None while it has none)."""
	job = rq_worker(worker).get_current_job_id()  # RQ's id is the site's and the shard's
	return next(
		(s for s in shards(run) if job == f"{frappe.local.site}::{s.job_id}" and s.status == "Running"),
		None,
	)


def test_two_workers_bill_a_run_and_a_killed_one_loses_nothing(hundreds):
	with as_user(hundreds.assistant):
		run = frappe.get_doc(
			{"doctype": "Billing Run", "company": hundreds.company, "period": PERIOD}
		).insert()
	frappe.db.commit()

	sites = frappe.local.sites_path
	# both workers listen before the shards are queued (run_worker waits for that), so both take one
	with run_worker(sites) as doomed, run_worker(sites) as survivor:
		frappe.flags.in_test = False  # queued as outside tests: the workers take the shards
		try:
			with as_user(hundreds.assistant):
				frappe.get_doc("Billing Run", run.name).start()
		finally:
			frappe.flags.in_test = True
		frappe.db.commit()
		assert len(shards(run.name)) == CUSTOMERS // SHARD_SIZE
		# one dies in the middle of its own shard
		wait_until(lambda: doomed_shard(run.name, doomed) is not None, doomed, "the worker to take a shard")
		dead = doomed_shard(run.name, doomed)
		wait_until(
			lambda: next(s for s in shards(run.name) if s.name == dead.name).done >= 20,
			doomed,
			"some bills of its shard",
		)
		doomed.kill()
		doomed.wait(timeout=10)
		wait_until(
			lambda: all(s.status == "Completed" for s in shards(run.name) if s.name != dead.name),
			survivor,
			"the survivor to finish the other shards",
		)
		stopped_at = next(s for s in shards(run.name) if s.name == dead.name)
		assert stopped_at.status == "Running" and stopped_at.done < SHARD_SIZE
		time.sleep(3)
		assert (
			next(s for s in shards(run.name) if s.name == dead.name).done == stopped_at.done
		)  # nobody bills it

		# the scheduler's check a quarter of an hour later: no heartbeat, so the shard goes again
		frappe.flags.in_test = False  # as the scheduler runs it: the job goes to the workers
		try:
			assert requeue_stale_shards(now=add_to_date(now_datetime(), minutes=16)) == [dead.name]
		finally:
			frappe.flags.in_test = True
		wait_until(
			lambda: run_status(run.name) == "Completed", survivor, "the requeued shard to close the run"
		)

	frappe.db.rollback()
	billed = frappe.get_all(
		"Sales Invoice",
		filters={"company": hundreds.company, "docstatus": 1},
		fields=["customer", "count(name) as bills"],
		group_by="customer",
	)
	assert len(billed) == CUSTOMERS and {row.bills for row in billed} == {1}
	assert frappe.db.get_value("Billing Run", run.name, "status") == "Completed"
	assert next(s for s in shards(run.name) if s.name == dead.name).attempts == 2
	assert not frappe.db.count(
		"Usage Statement", {"company": hundreds.company, "sales_invoice": ("is", "not set")}
	)
