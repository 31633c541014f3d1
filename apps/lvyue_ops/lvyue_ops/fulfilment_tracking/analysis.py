"""The analysis of 收费数据 (000 分析客户使用数据; 002 消费习惯、潜在的流失客户、识别高价值客户): each
customer's usage trend over 3, 6 and 12 months with the churned and the falling flagged, and the
customers' value — revenue, upstream cost and margin over a year, tenure, paying on time. Read by
the reports Customer Usage Trend and Customer Value."""

import frappe
from frappe.utils import add_months, date_diff, flt, get_first_day, get_last_day, getdate

from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
	customer_record,
)
from lvyue_ops.line_register.margin import month_margin

CHURNED, FALLING, GROWING = "Churned", "Usage Falling", "Usage Growing"
TREND_SHARE = 30  # a last quarter this share (%) below or above the one before is a trend


def usage_trend(company: str, month) -> list[dict]:
	"""Per customer with usage or lines: the month's usage and the monthly average of the 3, 6 and
	12 months to it (Usage Statements), the change of the last 3 months against the 3 before,
	the lines in service at the month's end, and the signal: churned (every line ended within
	the 12 months), usage falling or growing (by TREND_SHARE)."""
	last = getdate(get_first_day(month))
	first = add_months(last, -11)
	usage: dict[str, dict] = {}
	for customer, period, amount in frappe.db.sql(
		"""select customer, period, sum(amount) from `tabUsage Statement`
		where company = %s and period between %s and %s group by customer, period""",
		(company, first, last),
	):
		usage.setdefault(customer, {})[getdate(period)] = flt(amount)
	end = getdate(get_last_day(last))
	lines: dict[str, list] = {}
	for line in frappe.get_all(
		"Service Line",
		filters={"company": company, "active_from": ("<=", end)},
		fields=["customer", "active_from", "ended_on"],
	):
		lines.setdefault(line.customer, []).append(line)
	rows = []
	for customer in sorted(set(usage) | set(lines)):
		months = usage.get(customer, {})

		def average(n, offset=0, months=months):
			return flt(sum(months.get(add_months(last, -i), 0) for i in range(offset, offset + n)) / n, 2)

		in_service = [ln for ln in lines.get(customer, []) if not ln.ended_on or getdate(ln.ended_on) > end]
		ended = [ln for ln in lines.get(customer, []) if ln.ended_on and getdate(ln.ended_on) <= end]
		last3, before3 = average(3), average(3, 3)
		change = flt(100 * (last3 - before3) / before3, 1) if before3 else None
		signal = None
		if not in_service and ended and max(getdate(ln.ended_on) for ln in ended) >= first:
			signal = CHURNED
		elif change is not None and change <= -TREND_SHARE:
			signal = FALLING
		elif change is not None and change >= TREND_SHARE:
			signal = GROWING
		rows.append(
			{
				"customer": customer,
				"this_month": flt(months.get(last, 0), 2),
				"average_3": last3,
				"average_6": average(6),
				"average_12": average(12),
				"change_3": change,
				"lines_in_service": len(in_service),
				"signal": signal,
			}
		)
	return rows


def customer_value(company: str, month, months: int = 12) -> list[dict]:
	"""Per customer billed in the `months` to `month`: revenue, upstream cost and margin (the line
	margin of each month), tenure in months since its first line, the share of bills paid on time,
	and its class: A for the customers that make the first 80 % of the margin, B the next 15 %,
	C the rest (Pareto)."""
	last = getdate(get_first_day(month))
	totals: dict[str, dict] = {}
	for i in range(months):
		for line in month_margin(company, add_months(last, -i)):
			row = totals.setdefault(
				line["customer"], {"customer": line["customer"], "revenue": 0.0, "cost": 0.0}
			)
			row["revenue"] += line["revenue"]
			row["cost"] += line["cost"]
	end = getdate(get_last_day(last))
	since = dict(
		frappe.db.sql(
			"""select customer, min(active_from) from `tabService Line`
			where company = %s and active_from is not null group by customer""",
			(company,),
		)
	)
	rows = [r for r in totals.values() if r["revenue"]]
	for row in rows:
		row["revenue"], row["cost"] = flt(row["revenue"], 2), flt(row["cost"], 2)
		row["margin"] = flt(row["revenue"] - row["cost"], 2)
		first = since.get(row["customer"])
		row["tenure_months"] = max(date_diff(end, first) // 30, 0) if first else None
		row["on_time_share"] = customer_record(row["customer"], company, end)["on_time_share"]
	rows.sort(key=lambda r: -r["margin"])
	total = sum(max(r["margin"], 0) for r in rows)
	running = 0.0
	for row in rows:
		share_before = 100 * running / total if total else 100
		row["value_class"] = "A" if share_before < 80 else "B" if share_before < 95 else "C"
		running += max(row["margin"], 0)
	return rows
