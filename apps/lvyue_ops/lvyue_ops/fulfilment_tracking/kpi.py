"""The workspace's figures (KPI number cards and dashboard charts, Frappe's own): each reads the
month's figure from figures.py for the viewer's company, and only for a viewer who may read what
it is about (the card's DocType; a User Permission on Company keeps them to their companies)."""

import json

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, getdate, now_datetime, nowdate

from lvyue_ops.fulfilment_tracking import figures as F
from lvyue_ops.utils.reports import report_companies


def company_of(filters, doctype: str) -> str:
	"""The one company the card is about, for a viewer who reads all of `doctype` in it: a card
	sums the whole company, so a reader kept to their own records (a salesperson's steps) or to some
	customers (a User Permission below the company) is not shown it."""
	if not reads_whole_company(doctype):
		frappe.throw(_("You may not see these figures."), frappe.PermissionError)
	filters = frappe._dict(json.loads(filters) if isinstance(filters, str) else filters or {})
	(company,) = report_companies(filters, required=True)
	return company


def reads_whole_company(doctype: str) -> bool:
	from frappe.model.db_query import DatabaseQuery
	from frappe.permissions import get_role_permissions, get_user_permissions

	if not frappe.has_permission(doctype, "read"):
		return False
	if "read" in get_role_permissions(doctype).get("if_owner", {}):
		return False  # their own records only
	if DatabaseQuery(doctype).get_permission_query_conditions():
		return False  # a hook keeps them to some records
	return not set(get_user_permissions(frappe.session.user)) - {"Company"}


def card(value, fieldtype: str, route=None, **options) -> dict:
	"""What frappe's number card shows (`precision` formats it: 86.7 %, not 86.700 %)."""
	return {"value": value or 0, "fieldtype": fieldtype, "route": route, "precision": 1, **options}


def this_month():
	return get_first_day(nowdate())


@frappe.whitelist()
def collection_rate(filters=None) -> dict:
	"""Of the bills of last month's usage (billed this month on the Customer Bills day), the share
	paid so far."""
	company = company_of(filters, "Sales Invoice")
	return card(
		F.collection_rate(company, F.previous_month(this_month())),
		"Percent",
		["query-report", "Business Line Collection"],
	)


@frappe.whitelist()
def overdue_receivables(filters=None) -> dict:
	company = company_of(filters, "Sales Invoice")
	currency = frappe.get_cached_value("Company", company, "default_currency")
	return card(
		F.receivables(company, nowdate())["overdue"],
		"Currency",
		["query-report", "Accounts Receivable"],
		options=currency,
		precision=2,
		route_options={"company": company},
	)


@frappe.whitelist()
def days_sales_outstanding(filters=None) -> dict:
	company = company_of(filters, "Sales Invoice")
	return card(F.dso(company, this_month()), "Float")  # over the three months up to this one


@frappe.whitelist()
def approvals_within_sla(filters=None) -> dict:
	company = company_of(filters, "Approval Step")
	return card(F.approvals(company, this_month())["within_sla"], "Percent", ["query-report", "Approval SLA"])


@frappe.whitelist()
def duty_on_time_rate(filters=None) -> dict:
	company = company_of(filters, "Ops Duty Task")
	return card(F.duty_on_time(company, this_month()), "Percent", ["query-report", "Ops Calendar"])


@frappe.whitelist()
def complaints_past_reply(filters=None) -> dict:
	company = company_of(filters, "Complaint Register")
	return card(F.complaints_past_reply(company), "Int", ["List", "Complaint Register"])


@frappe.whitelist()
def stalled_orders(filters=None) -> dict:
	company = company_of(filters, "Business Order")
	return card(F.stalled_orders(company), "Int", ["List", "Business Order"])


# --- dashboard chart sources (fulfilment_tracking/dashboard_chart_source/) -------------------------


def chart_source(figures):
	"""The `get` a Dashboard Chart Source module exposes (frappe calls it with the chart's
	arguments), answering with `figures(filters)`. Not cached: frappe's chart cache is one per chart
	for every viewer and company, and these figures are the viewer's company's, for a viewer who
	may read them."""

	@frappe.whitelist()
	def get(chart_name=None, chart=None, no_cache=None, filters=None, **timespan):
		return figures(filters)

	return get


def months_back(count: int) -> list:
	first = getdate(add_months(get_first_day(nowdate()), -(count - 1)))
	return [getdate(add_months(first, i)) for i in range(count)]


def billed_vs_collected(filters=None) -> dict:
	company = company_of(filters, "Sales Invoice")
	months = months_back(12)
	return {
		"labels": [m.strftime("%Y-%m") for m in months],
		"datasets": [
			{"name": _("Billed"), "values": [F.billed(company, m) for m in months]},
			{"name": _("Collected"), "values": [F.collected(company, m) for m in months]},
		],
	}


def overdue_ageing(filters=None) -> dict:
	company = company_of(filters, "Sales Invoice")
	ageing = F.receivables(company, nowdate())["ageing"]
	return {
		"labels": [_("{0} days").format(k) for k in ageing],
		"datasets": [{"name": _("Overdue"), "values": list(ageing.values())}],
	}


def approval_cycle_by_step(filters=None) -> dict:
	company = company_of(filters, "Approval Step")
	steps = F.approval_hours_by_step(company, add_months(now_datetime(), -3))
	return {
		"labels": [_(state) for state, _hours in steps],
		"datasets": [{"name": _("Average Hours"), "values": [hours for _state, hours in steps]}],
	}
