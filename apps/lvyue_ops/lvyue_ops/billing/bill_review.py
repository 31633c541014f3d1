"""Bills looked at before they go out (账单审核, seed 002: 审核账单, 账单异常及时核实). When a billing
run is done, the bills that look wrong are listed on it for the Business Assistant, who confirms
each one or corrects it (cancels the bill and bills the customer again); Customer Service sends the
statements only once the review is complete.

What looks wrong:
- usage at least the factor of Settings (3×) or at most its inverse (⅓) of the customer's average
  of the three months before;
- an activated line or number with no usage in the month;
- a monthly fee on an order that differs from the price its contract's Project Approval approved;
- usage of a customer with no activated order.
"""

import frappe
from frappe import _
from frappe.utils import add_months, flt, getdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

SPIKE, DROP, SILENT_LINE, FEE, NO_ORDER = (
	"Usage Spike",
	"Usage Drop",
	"No Usage on an Active Line",
	"Fee Differs from the Approved Price",
	"Usage without an Active Order",
)
LIVE = ("Activated", "Archived")


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
		"""select customer, period, line_or_number, amount from `tabUsage Statement`
		where company = %s and customer in %s and period between %s and %s""",
		(run.company, customers, add_months(period, -3), period),
		as_dict=True,
	)
	now, before, lines = {}, {}, {}
	for row in usage:
		if getdate(row.period) == period:
			now[row.customer] = now.get(row.customer, 0) + flt(row.amount)
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

	resources = frappe.db.sql(
		"""select o.name as order_name, o.customer, o.contract, r.item_code, r.monthly_fee, r.resource_numbers
		from `tabBusiness Order Resource` r join `tabBusiness Order` o on o.name = r.parent
		where o.company = %s and o.customer in %s and o.status in %s""",
		(run.company, customers, LIVE),
		as_dict=True,
	)
	approved = approved_prices({r.contract for r in resources if r.contract})
	with_orders = set()
	for row in resources:
		with_orders.add(row.customer)
		silent = [
			number
			for number in (n.strip() for n in (row.resource_numbers or "").splitlines())
			if number and number not in lines.get(row.customer, set())
		]
		if silent:
			add(
				row.customer,
				SILENT_LINE,
				_("{0} of order {1}: no usage this month.").format(", ".join(silent), row.order_name),
			)
		price = approved.get((row.contract, row.item_code))
		if price is not None and flt(row.monthly_fee) and flt(row.monthly_fee) != flt(price):
			add(
				row.customer,
				FEE,
				_("Order {0} bills {1} a month for {2}; the approved price is {3}.").format(
					row.order_name, flt(row.monthly_fee, 2), row.item_code, flt(price, 2)
				),
			)
	for customer in now:
		if customer not in with_orders:
			add(
				customer,
				NO_ORDER,
				_("Usage of {0} with no activated Business Order.").format(flt(now[customer], 2)),
			)
	return found


def approved_prices(contracts: set) -> dict:
	"""(contract, item) -> the unit price the contract's Project Approval approved."""
	if not contracts:
		return {}
	return {
		(row.contract, row.item_code): row.unit_price
		for row in frappe.db.sql(
			"""select c.name as contract, s.item_code, s.unit_price from `tabContract` c
			join `tabProject Approval Service` s on s.parent = c.lvyue_project_approval
			where c.name in %s""",
			(list(contracts),),
			as_dict=True,
		)
	}
