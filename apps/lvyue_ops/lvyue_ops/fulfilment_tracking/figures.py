"""The department's figures of a month, each read from the records it is about — one function per
figure, used by the Monthly Operations Report (月度运营报告) and by the workspace's number cards and
charts (kpi.py). Amounts are in the company's currency; a month is its first day."""

from datetime import date

import frappe
from frappe.utils import add_days, add_months, flt, get_first_day, get_last_day, getdate

ORDER_TYPES = (
	"New Installation",
	"Add Quantity",
	"Dismantle",
	"Relocation",
	"Name Change",
	"Ownership Transfer",
)


def month_range(month) -> tuple[date, date]:
	month = get_first_day(month)
	return getdate(month), getdate(get_last_day(month))


def orders_by_type(company: str, month) -> dict[str, int]:
	"""Business Orders handed over (accepted) in the month, by order type."""
	start, end = month_range(month)
	counts = dict(
		frappe.db.sql(
			"""select order_type, count(*) from `tabBusiness Order`
			where company = %s and handover_date between %s and %s group by order_type""",
			(company, start, f"{end} 23:59:59"),
		)
	)
	return {order_type: int(counts.get(order_type, 0)) for order_type in ORDER_TYPES}


# The month's bills: those of the billing runs of its usage (posted early the next month, on the
# Customer Bills day), and bills made by hand posted in it.
MONTH_BILLS = """si.company = %(company)s and si.docstatus = 1 and si.is_return = 0 and (
	si.lvyue_billing_run in (select name from `tabBilling Run` where company = %(company)s and period = %(month)s)
	or (ifnull(si.lvyue_billing_run, '') = '' and si.posting_date between %(start)s and %(end)s))"""


def month_bills(company: str, month, select: str) -> tuple:
	start, end = month_range(month)
	return frappe.db.sql(
		f"select {select} from `tabSales Invoice` si where {MONTH_BILLS}",
		{"company": company, "month": start, "start": start, "end": end},
	)[0]


def billed(company: str, month) -> float:
	"""What the month's bills (MONTH_BILLS) add up to."""
	return flt(month_bills(company, month, "coalesce(sum(si.grand_total), 0)")[0])


def collected(company: str, month) -> float:
	"""Money received from customers in the month."""
	start, end = month_range(month)
	return flt(
		frappe.db.get_value(
			"Payment Entry",
			{
				"company": company,
				"docstatus": 1,
				"payment_type": "Receive",
				"party_type": "Customer",
				"posting_date": ("between", (start, end)),
			},
			"sum(paid_amount)",
		)
	)


def collection_rate(company: str, month) -> float | None:
	"""Of the month's bills (MONTH_BILLS), the share paid so far (%)."""
	total, unpaid = month_bills(
		company, month, "coalesce(sum(si.grand_total), 0), coalesce(sum(si.outstanding_amount), 0)"
	)
	return flt(100 * (flt(total) - flt(unpaid)) / flt(total), 1) if flt(total) else None


def receivables(company: str, day) -> dict:
	"""ERPNext's own Accounts Receivable as of `day`, by due date: what is owed, what of it is
	overdue, and the overdue by age (days past due). Read with system rights: ERPNext's report needs
	accounting rights; whoever is shown the figures was checked by the caller (kpi.company_of)."""
	from erpnext.accounts.report.accounts_receivable.accounts_receivable import execute

	from lvyue_ops.permissions import system_rights

	with system_rights():
		_columns, rows, *_rest = execute(
			{
				"company": company,
				"report_date": getdate(day),
				"ageing_based_on": "Due Date",
				"range": "30, 60, 90",
				"party_type": "Customer",
			}
		)
	ageing = {"1-30": 0.0, "31-60": 0.0, "61-90": 0.0, "90+": 0.0}
	owed = overdue = 0.0
	for row in rows:
		if not isinstance(row, dict) or not row.get("voucher_no"):
			continue
		owed += flt(row.get("outstanding"))
		if (
			row.get("due_date")
			and getdate(row["due_date"]) < getdate(day)
			and flt(row.get("outstanding")) > 0
		):
			overdue += flt(row["outstanding"])
			age = (getdate(day) - getdate(row["due_date"])).days
			bucket = "1-30" if age <= 30 else "31-60" if age <= 60 else "61-90" if age <= 90 else "90+"
			ageing[bucket] += flt(row["outstanding"])
	return {
		"owed": flt(owed, 2),
		"overdue": flt(overdue, 2),
		"ageing": {k: flt(v, 2) for k, v in ageing.items()},
	}


def dso(company: str, month) -> float | None:
	"""Days sales outstanding at the month's end (today, for the month under way): what is owed over
	the last three months' bills, times their days."""
	start, end = month_range(month)
	end = min(end, getdate())
	first = getdate(add_months(start, -2))
	sales = sum(billed(company, add_months(first, i)) for i in range(3))
	if not sales:
		return None
	return flt(receivables(company, end)["owed"] / sales * ((end - first).days + 1), 1)


def approvals(company: str, month) -> dict:
	"""Approval steps done in the month: average hours and the share within the SLA (%)."""
	start, end = month_range(month)
	hours, within, count = frappe.db.sql(
		"""select avg(elapsed_hours), sum(within_sla), count(*) from `tabApproval Step`
		where company = %s and status = 'Completed' and ended_at between %s and %s""",
		(company, start, f"{end} 23:59:59"),
	)[0]
	return {
		"steps": int(count or 0),
		"average_hours": flt(hours, 1) if count else None,
		"within_sla": flt(100 * flt(within) / count, 1) if count else None,
	}


def approval_hours_by_step(company: str, since) -> list[tuple[str, float]]:
	return [
		(state, flt(hours, 1))
		for state, hours in frappe.db.sql(
			"""select workflow_state, avg(elapsed_hours) from `tabApproval Step`
			where company = %s and status = 'Completed' and ended_at >= %s
			group by workflow_state order by avg(elapsed_hours) desc""",
			(company, since),
		)
	]


def duty_on_time(company: str, month) -> float | None:
	"""Of the month's duties due so far or done already, the share done on time (%), as the Ops
	Calendar report counts them (a duty done before its due day counts)."""
	now = frappe.utils.now_datetime()
	tasks = [
		task
		for task in frappe.get_all(
			"Ops Duty Task",
			filters={"company": company, "period": get_first_day(month)},
			fields=["status", "on_time", "due"],
		)
		if task.status == "Completed" or (task.due and task.due <= now)
	]
	if not tasks:
		return None
	return flt(100 * sum(1 for t in tasks if t.status == "Completed" and t.on_time) / len(tasks), 1)


def complaints(company: str, month) -> dict:
	"""Complaints received in the month, and of the written ones the share answered within their
	working day (%)."""
	start, end = month_range(month)
	rows = frappe.get_all(
		"Complaint Register",
		filters={"company": company, "received_on": ("between", (start, f"{end} 23:59:59"))},
		fields=["channel", "reply_due", "replied_on"],
	)
	written = [r for r in rows if r.channel == "Written" and r.reply_due]
	in_time = [r for r in written if r.replied_on and r.replied_on <= r.reply_due]
	return {
		"received": len(rows),
		"replied_in_time": flt(100 * len(in_time) / len(written), 1) if written else None,
	}


def complaints_past_reply(company: str | None = None, now=None) -> int:
	filters = {"status": "Open", "reply_due": ("<", now or frappe.utils.now_datetime())}
	if company:
		filters["company"] = company
	return frappe.db.count("Complaint Register", filters)


def satisfaction(company: str, month) -> float | None:
	"""Every score the company's customers gave it in the month (revisits, questionnaires,
	symposia), averaged."""
	from lvyue_ops.customer_service.satisfaction import SCORES

	start, end = month_range(month)
	average, count = frappe.db.sql(
		f"""select avg(score), count(*) from ({SCORES}) scores
		where company = %(company)s and day between %(start)s and %(end)s""",
		{"company": company, "start": start, "end": end},
	)[0]
	return flt(average, 2) if count else None


def stalled_orders(company: str | None = None) -> int:
	"""Business Orders longer in one state than Settings allow (orders.alert_stalled_orders)."""
	from lvyue_ops.fulfilment_tracking.orders import STALLING
	from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

	filters = {
		"status": ("in", STALLING),
		"status_since": (
			"<",
			add_days(frappe.utils.now_datetime(), -(get_setting("stalled_order_days") or 7)),
		),
	}
	if company:
		filters["company"] = company
	return frappe.db.count("Business Order", filters)


def previous_month(month) -> date:
	return getdate(add_days(get_first_day(month), -1)).replace(day=1)
