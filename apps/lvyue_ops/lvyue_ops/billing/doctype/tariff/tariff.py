# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The tariff of a product (002 收费标准: 制定和调整收费标准, 定期审查): a monthly fee per line and a
per-minute rate, valid from a date, approved through its chain (Operations → Finance → General
Manager) and reviewed by a date. An approved tariff closes the one it follows; a business order's
price is checked against it (`tariff_on`)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, flt, getdate, nowdate

from lvyue_ops.controllers.approval_chain import ApprovalChain
from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import assign_step, close_step

REVIEW = "tariff.review"


class Tariff(ApprovalChain, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amended_from: DF.Link | None
		basis: DF.SmallText | None
		business_line: DF.Link | None
		company: DF.Link
		item_code: DF.Link
		monthly_fee: DF.Currency
		naming_series: DF.Literal["TRF-.YYYY.-"]
		per_minute_rate: DF.Float
		rejection_reason: DF.SmallText | None
		review_by: DF.Date
		review_note: DF.SmallText | None
		reviewed_on: DF.Date | None
		valid_from: DF.Date
		valid_to: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		name_from_series(self, "TRF-.YYYY.-")

	def validate(self):
		if flt(self.monthly_fee) < 0 or flt(self.per_minute_rate) < 0:
			frappe.throw(_("A price cannot be negative."))
		if not flt(self.monthly_fee) and not flt(self.per_minute_rate):
			frappe.throw(_("Please give the monthly fee, the per-minute rate or both."))
		if getdate(self.review_by) <= getdate(self.valid_from):
			frappe.throw(_("The review date comes after the tariff is valid."))
		self.validate_approval()

	def before_submit(self):
		later = frappe.db.get_value(
			"Tariff",
			{
				"docstatus": 1,
				"company": self.company,
				"item_code": self.item_code,
				"valid_from": (">=", self.valid_from),
			},
			"name",
		)
		if later:
			frappe.throw(_("Tariff {0} of this product is valid from the same day or later.").format(later))

	def on_submit(self):
		"""The tariff it follows ends the day before."""
		for name in frappe.get_all(
			"Tariff",
			filters={
				"docstatus": 1,
				"company": self.company,
				"item_code": self.item_code,
				"name": ("!=", self.name),
				"valid_from": ("<", self.valid_from),
			},
			or_filters=[["valid_to", "is", "not set"], ["valid_to", ">=", self.valid_from]],
			pluck="name",
		):
			frappe.db.set_value("Tariff", name, "valid_to", add_days(self.valid_from, -1))
			close_step("Tariff", name, REVIEW, self.company)

	@frappe.whitelist(methods=["POST"])
	def record_review(self, next_review_by: str, note: str):
		"""Operations reviewed the tariff against the market and keeps it until the next review (a
		changed price is a new tariff, through the chain)."""
		begin_action(self, REVIEW)  # the stored tariff, not the caller's copy
		if self.docstatus != 1:
			frappe.throw(_("An approved tariff is reviewed."))
		if getdate(next_review_by) <= getdate(nowdate()):
			frappe.throw(_("The next review comes after today."))
		if not (note or "").strip():
			frappe.throw(_("Please note what the review found."))
		self.db_set({"review_by": next_review_by, "reviewed_on": nowdate(), "review_note": note.strip()})
		close_step(self.doctype, self.name, REVIEW, self.company)


def tariff_on(company: str, item_code: str, day) -> frappe._dict | None:
	"""The approved tariff of the product valid on `day`."""
	rows = frappe.get_all(
		"Tariff",
		filters={"docstatus": 1, "company": company, "item_code": item_code, "valid_from": ("<=", day)},
		or_filters=[["valid_to", "is", "not set"], ["valid_to", ">=", day]],
		fields=["name", "monthly_fee", "per_minute_rate"],
		order_by="valid_from desc",
		limit=1,
	)
	return rows[0] if rows else None


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


def has_tariff(company: str, item_code: str) -> bool:
	return bool(frappe.db.exists("Tariff", {"docstatus": 1, "company": company, "item_code": item_code}))


def remind_tariff_reviews(today=None) -> list[str]:
	"""Daily: an approved tariff in force whose review date is within a week (or past) goes to
	Operations to review, once."""
	today = getdate(today or nowdate())
	reminded = []
	for tariff in frappe.get_all(
		"Tariff",
		filters={"docstatus": 1, "review_by": ("<=", add_days(today, 7))},
		or_filters=[["valid_to", "is", "not set"], ["valid_to", ">=", today]],
		fields=["name", "company", "item_code", "review_by"],
	):
		if frappe.db.exists(
			"ToDo", {"reference_type": "Tariff", "reference_name": tariff.name, "status": "Open"}
		):
			continue
		assign_step(
			REVIEW,
			"Tariff",
			tariff.name,
			lambda tariff=tariff: _("Review the tariff of {0} by {1}").format(
				tariff.item_code, frappe.format(tariff.review_by, {"fieldtype": "Date"})
			),
			company=tariff.company,
			date=tariff.review_by,
		)
		reminded.append(tariff.name)
	return reminded
