"""Bills looked at before they go out (账单审核, seed 002: 审核账单, 账单异常及时核实). When a billing
run is done, the bills that look wrong are listed on it for the Business Assistant, who confirms
each one or corrects it (cancels the bill and bills the customer again); Customer Service sends the
statements only once the review is complete.

What looks wrong:
- usage at least the factor of Settings (3×) or at most its inverse (⅓) of the customer's average
  of the three months before;
- a line billed for the month (the register) with no usage in the month;
- a line's monthly fee that differs from the price its contract's Project Approval approved;
- usage on a line that was not in service in the month (dismantled, transferred, suspended);
- usage of a customer with no line in service in the month;
- a month whose usage came from a totals file while VOS's call records of the customer add up to
  a different amount (beyond the tolerance of Settings);
- usage on a line whose product has a per-minute rate in its tariff, charged at another rate
  (beyond the same tolerance).
"""

import frappe
from frappe import _
from frappe.utils import add_months, flt, getdate

from lvyue_ops.billing.doctype.tariff.tariff import approved_prices, tariff_on
from lvyue_ops.line_register.fees import line_keys, month_fees
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.vos import call_records

SPIKE, DROP, SILENT_LINE, FEE, NO_ORDER, NOT_IN_SERVICE, FILE_VS_CALLS, RATE = (
	"Usage Spike",
	"Usage Drop",
	"No Usage on an Active Line",
	"Fee Differs from the Approved Price",
	"Usage without an Active Line",
	"Usage on a Line Not in Service",
	"Usage File and Call Records Differ",
	"Rate Differs from the Tariff",
)


def find_anomalies(run) -> list[dict]:
	"""The run's bills that look wrong, in a few grouped queries."""
	period = getdate(run.period)
	bills = dict(
		frappe.get_all(
			"Sales Invoice",
			filters={"lvyue_billing_run": run.name, "docstatus": 1},
			fields=["customer", "name"],
			as_list=True,
		)
	)
	if not bills:
		return []
	customers = list(bills)
	found = []

	def add(customer, kind, detail):
		found.append(
			{"customer": customer, "sales_invoice": bills.get(customer), "kind": kind, "detail": detail}
		)

	usage = frappe.db.sql(
		"""select customer, period, line_or_number, amount, usage_import from `tabUsage Statement`
		where company = %s and customer in %s and period between %s and %s""",
		(run.company, customers, add_months(period, -3), period),
		as_dict=True,
	)
	now, before, lines, from_files = {}, {}, {}, {}
	for row in usage:
		if getdate(row.period) == period:
			now[row.customer] = now.get(row.customer, 0) + flt(row.amount)
			if row.usage_import:
				from_files[row.customer] = from_files.get(row.customer, 0) + flt(row.amount)
			lines.setdefault(row.customer, set()).add((row.line_or_number or "").strip())
		else:
			months = before.setdefault(row.customer, {})
			months[row.period] = months.get(row.period, 0) + flt(row.amount)
	factor = flt(get_setting("bill_anomaly_factor")) or 3
	for customer, amount in now.items():
		history = before.get(customer)
		if not history:
			continue  # a new customer has no average yet
		average = sum(history.values()) / 3
		if average > 0 and amount >= factor * average:
			add(
				customer,
				SPIKE,
				_("{0} this month, {1} a month on average before.").format(flt(amount, 2), flt(average, 2)),
			)
		elif average > 0 and amount <= average / factor:
			add(
				customer,
				DROP,
				_("{0} this month, {1} a month on average before.").format(flt(amount, 2), flt(average, 2)),
			)

	billed = {fee.line for fees in month_fees(run.company, period, customers).values() for fee in fees}
	register = frappe.get_all(
		"Service Line",
		filters={"company": run.company, "customer": ("in", customers)},
		fields=["name", "customer", "contract", "item_code", "monthly_fee", "numbers", "vos_line", "status"],
	)
	approved = approved_prices({line.contract for line in register if line.contract and line.name in billed})
	with_lines = set()
	for line in register:
		keys = line_keys(line)
		if line.name not in billed:
			if used := keys & lines.get(line.customer, set()):
				add(
					line.customer,
					NOT_IN_SERVICE,
					_("Usage on {0}, a line that was not in service this month ({1}).").format(
						", ".join(sorted(used)), _(line.status)
					),
				)
			continue
		with_lines.add(line.customer)
		if keys and not keys & lines.get(line.customer, set()):
			add(
				line.customer,
				SILENT_LINE,
				_("{0} (line {1}): no usage this month.").format(line.numbers or line.vos_line, line.name),
			)
		price = approved.get((line.contract, line.item_code))
		if price is not None and flt(line.monthly_fee) and flt(line.monthly_fee) != flt(price):
			add(
				line.customer,
				FEE,
				_("Line {0} bills {1} a month for {2}; the approved price is {3}.").format(
					line.numbers or line.name, flt(line.monthly_fee, 2), line.item_code, flt(price, 2)
				),
			)
	tolerance = flt(get_setting("usage_tolerance_percent")) / 100
	found += off_tariff_rates(run.company, period, customers, register, billed, tolerance, bills)
	calls = call_records.customer_fees(run.company, period, list(from_files)) if from_files else {}
	for customer, amount in from_files.items():
		vos = flt(calls.get(customer), 2)
		if customer in calls and abs(vos - amount) > tolerance * max(amount, vos):
			add(
				customer,
				FILE_VS_CALLS,
				_("The usage file says {0}; VOS's call records of the month add up to {1}.").format(
					flt(amount, 2), vos
				),
			)
	for customer in now:
		if customer not in with_lines:
			add(
				customer,
				NO_ORDER,
				_("Usage of {0} with no line in service this month.").format(flt(now[customer], 2)),
			)
	return found


def off_tariff_rates(company, period, customers, register, billed, tolerance, bills) -> list[dict]:
	"""Usage of a billed line charged at a per-minute rate other than its product's tariff."""
	by_key = {
		(line.customer, key): line for line in register if line.name in billed for key in line_keys(line)
	}
	rates: dict[str, float] = {}
	found = []
	for usage in frappe.db.sql(
		"""select customer, line_or_number, minutes, amount from `tabUsage Statement`
		where company = %s and customer in %s and period = %s and minutes > 0""",
		(company, customers, period),
		as_dict=True,
	):
		line = by_key.get((usage.customer, (usage.line_or_number or "").strip()))
		if not line:
			continue
		if line.item_code not in rates:
			tariff = tariff_on(company, line.item_code, period)
			rates[line.item_code] = flt(tariff.per_minute_rate) if tariff else 0
		rate, charged = rates[line.item_code], flt(usage.amount) / flt(usage.minutes)
		if rate and abs(charged - rate) > max(tolerance * rate, 0.0001):
			found.append(
				{
					"customer": usage.customer,
					"sales_invoice": bills.get(usage.customer),
					"kind": RATE,
					"detail": _(
						"{0}: {1} minutes charged {2}, {3} a minute; the tariff of {4} says {5}."
					).format(
						usage.line_or_number,
						flt(usage.minutes, 2),
						flt(usage.amount, 2),
						flt(charged, 4),
						line.item_code,
						flt(rate, 4),
					),
				}
			)
	return found
