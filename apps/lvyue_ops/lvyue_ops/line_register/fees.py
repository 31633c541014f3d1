"""A month's fees from the register: each line is billed for the days it was the customer's and in
service, at the fee of each day (its history says both).

Settings (Lvyue Ops Settings, billing): fees are prorated by day (a line opened on the 20th of a
30-day month is billed 11/30 of its fee), or billed for the whole month when the line is in
service on the 1st and not at all otherwise; suspended days are not billed unless a setting says
so."""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe.utils import add_days, date_diff, flt, get_first_day, get_last_day, getdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

BY_DAY, WHOLE_MONTH = "By Day", "Whole Month if Active on the 1st"


@dataclass
class LineFee:
	line: str
	customer: str
	item_code: str
	numbers: str
	quantity: float
	rate: float  # per unit, for the month's billed days
	days: int  # the days billed
	month_days: int


def billed_days(history: list, first: date, last: date, whole_month: bool, bill_suspended: bool):
	"""[(fee, days)] of the month's billed days, from the line's history (each row: a status and a
	fee from its effective day)."""
	billable = ("Active", "Suspended") if bill_suspended else ("Active",)
	rows = sorted(history, key=lambda r: (getdate(r.effective_from), r.idx))
	if whole_month:
		on_first = [r for r in rows if getdate(r.effective_from) <= first]
		if on_first and on_first[-1].status in billable:
			return [(flt(on_first[-1].monthly_fee), date_diff(last, first) + 1)]
		return []
	spans = []
	for i, row in enumerate(rows):
		start = max(getdate(row.effective_from), first)
		end = min(add_days(rows[i + 1].effective_from, -1), last) if i + 1 < len(rows) else last
		end = getdate(end)
		if row.status in billable and start <= end:
			spans.append((flt(row.monthly_fee), date_diff(end, start) + 1))
	return spans


def month_fees(
	company: str, period, customers: list[str] | None = None, free: bool = False
) -> dict[str, list[LineFee]]:
	"""customer -> the fees of their lines for the month of `period`, in one query for the lines
	and one for their histories; with `free`, also the lines billed days at no fee."""
	first, last = getdate(get_first_day(period)), getdate(get_last_day(period))
	lines = lines_of_month(company, first, last, customers)
	history = histories([line.name for line in lines])
	whole_month = get_setting("fee_proration") == WHOLE_MONTH
	bill_suspended = bool(get_setting("bill_suspended_days"))
	month_days = date_diff(last, first) + 1
	fees: dict[str, list[LineFee]] = {}
	for line in lines:
		spans = billed_days(history.get(line.name, []), first, last, whole_month, bill_suspended)
		days = sum(d for _fee, d in spans)
		rate = flt(sum(fee * d for fee, d in spans) / month_days, 2)
		if not days or (rate <= 0 and not free):
			continue
		fees.setdefault(line.customer, []).append(
			LineFee(
				line.name,
				line.customer,
				line.item_code,
				line.numbers,
				flt(line.quantity),
				rate,
				days,
				month_days,
			)
		)
	return fees


def lines_of_month(company: str, first: date, last: date, customers: list[str] | None = None) -> list:
	"""The lines that were the customer's on some day of the month: opened by then and not ended
	before it."""
	filters = {"company": company, "active_from": ("<=", last)}
	if customers is not None:
		filters["customer"] = ("in", customers or [""])
	return frappe.get_all(
		"Service Line",
		filters=filters,
		or_filters=[["ended_on", "is", "not set"], ["ended_on", ">=", first]],
		fields=["name", "customer", "item_code", "numbers", "quantity"],
		order_by="customer, name",
	)


def histories(names: list[str]) -> dict[str, list]:
	"""line -> its history rows (status and fee from each effective day), in one query."""
	found: dict[str, list] = {}
	for row in frappe.get_all(
		"Service Line Event",
		filters={"parenttype": "Service Line", "parent": ("in", names or [""])},
		fields=["parent", "idx", "status", "effective_from", "monthly_fee"],
		order_by="parent, idx",
	):
		found.setdefault(row.parent, []).append(row)
	return found


def line_keys(line) -> set[str]:
	"""The names a line's usage carries (Usage Statement: line or number): its VOS line and each
	of its numbers."""
	return {k.strip() for k in [line.vos_line or "", *(line.numbers or "").split(",")] if k.strip()}
