"""A contract's key dates (履约: 关键日期提醒, 合同履行审查): reminders before it ends, and the
periodic review of how it is being fulfilled. The renewal and the termination are actions of the
Contract (overrides/contract.py)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, add_months, date_diff, formatdate, getdate, nowdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import alert, assign, step_users


def reminder_days() -> list[int]:
	"""Settings' "60, 30, 7" as [60, 30, 7]."""
	text = (get_setting("contract_expiry_reminder_days") or "").replace("，", ",")
	return sorted({int(p) for p in text.replace(",", " ").split() if p.strip().isdigit()}, reverse=True)


def remind_expiring_contracts(today=None) -> list[str]:
	"""Daily: an approved contract ending within one of the reminder periods tells its salesperson
	(who made it) and whoever takes up expiring contracts (the Operations Supervisor) — once per
	period, and never for a contract renewed or terminated."""
	today = getdate(today or nowdate())
	days = reminder_days()
	if not days:
		return []
	contracts = frappe.get_all(
		"Contract",
		filters={
			"docstatus": 1,
			"end_date": ("between", (today, add_days(today, days[0]))),
			"lvyue_terminated_on": ("is", "not set"),
			"lvyue_renewed_by": ("is", "not set"),
		},
		fields=["name", "party_name", "end_date", "owner", "lvyue_expiry_reminded"],
	)

	def remind(contract):
		left = date_diff(contract.end_date, today)
		period = min(d for d in days if left <= d)
		if contract.lvyue_expiry_reminded and contract.lvyue_expiry_reminded <= period:
			return

		def message():
			return _("Contract {0} of {1} ends on {2}, in {3} days: renew or close it.").format(
				contract.name, contract.party_name, formatdate(contract.end_date), left
			)

		users = [contract.owner, *step_users("contract.expiry")]
		alert(users, message, "Contract", contract.name)
		assign(users, "Contract", contract.name, message, "High", date=contract.end_date)
		frappe.db.set_value("Contract", contract.name, "lvyue_expiry_reminded", period, update_modified=False)

	return [c.name for c in each(contracts, remind, "contract expiry")]


# --- periodic reviews of how contracts are fulfilled ----------------------------------------------


def review_period(day, months: int) -> tuple:
	"""The review period that ended before the period `day` is in: with 3 months, the quarter
	before (Jan–Mar is reviewed from April on)."""
	day = getdate(day)
	current = date(day.year, ((day.month - 1) // months) * months + 1, 1)
	return getdate(add_months(current, -months)), getdate(add_days(current, -1))


def make_contract_reviews(today=None) -> list[str]:
	"""Daily (acts on the first days of a review period): a Contract Review of the period just
	ended for every contract active in it, filled in by the system, assigned to its reviewer; returns
	the reviews made."""
	from lvyue_ops.fulfilment_tracking.doctype.contract_review.contract_review import make_review

	today = getdate(today or nowdate())
	months = get_setting("contract_review_months") or 3
	start, end = review_period(today, months)
	contracts = frappe.get_all(
		"Contract",
		filters=[["docstatus", "=", 1], ["party_type", "=", "Customer"], ["start_date", "<=", end]],
		or_filters=[["end_date", "is", "not set"], ["end_date", ">=", start]],
		fields=["name", "lvyue_terminated_on"],
	)
	live = [c.name for c in contracts if not c.lvyue_terminated_on or getdate(c.lvyue_terminated_on) >= start]
	done = set(
		frappe.get_all(
			"Contract Review",
			filters={"contract": ("in", live or [""]), "period_from": start},
			pluck="contract",
		)
	)
	made = []
	each(
		[c for c in live if c not in done],
		lambda contract: made.append(make_review(contract, start, end)),
		"contract reviews",
	)
	return made
