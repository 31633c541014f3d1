# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A customer revisit (客户回访, 运营部管理规定 第四章 第四条), with the supervisor's random spot
checks (风险控制点 2)."""

import math
import random

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, escape_html, get_first_day, get_last_day, getdate

from lvyue_ops.customer_service.satisfaction import customer_company
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.customers import salesperson_users
from lvyue_ops.utils.notify import assign, assign_step

# what a phone revisit asks (第四章 第四条 4-1): 产品使用情况、工作效率、服务态度、客户意见和建议
PHONE_ITEMS = ("product_use", "work_efficiency", "service_attitude", "customer_opinion")


class Revisit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal[
			"", "Business Need", "Product Problem", "Customer Complaint", "Service Request", "Enquiry"
		]
		company: DF.Link | None
		customer: DF.Link
		customer_needs: DF.SmallText | None
		customer_opinion: DF.SmallText | None
		feedback_given: DF.Check
		issue: DF.Link | None
		joined_by: DF.Link | None
		joint_revisit: DF.Check
		method: DF.Literal["Phone", "Questionnaire", "Visit", "Symposium"]
		product_use: DF.SmallText | None
		resolution_plan_done: DF.Check
		result: DF.SmallText
		revisit_date: DF.Date
		revisited_by: DF.Link | None
		satisfaction: DF.Int
		service_attitude: DF.SmallText | None
		spot_check: DF.Check
		spot_check_result: DF.Literal["", "Confirmed", "Not Carried Out", "Customer Disagrees"]
		spot_checked_by: DF.Link | None
		work_efficiency: DF.SmallText | None

	# end: auto-generated types
	def validate(self):
		if not 1 <= (self.satisfaction or 0) <= 5:
			frappe.throw(_("Satisfaction is a score from 1 to 5."))
		if not self.company:  # whose satisfaction figure the score counts in
			self.company = (
				self.issue and frappe.db.get_value("Issue", self.issue, "company")
			) or customer_company(self.customer)
		if self.method == "Phone":
			missing = [_(self.meta.get_label(f)) for f in PHONE_ITEMS if not (self.get(f) or "").strip()]
			if missing:
				frappe.throw(
					_("A phone revisit records the four things asked (第四条 4-1); missing: {0}.").format(
						"、".join(missing)
					)
				)
		if self.method == "Visit" and not (self.customer_needs or "").strip():
			frappe.throw(_("A visit records what the customer needs (第四条 3-1)."))
		if self.joint_revisit and not self.joined_by:
			frappe.throw(_("Please record who joined the revisit."))
		if self.has_value_changed("spot_check_result") and self.spot_check_result:
			require_step("revisit.spot_check")
			self.spot_checked_by = frappe.session.user

	def after_insert(self):
		self.hand_needs_to_sales()
		self.check_risk_point_one()

	def hand_needs_to_sales(self):
		"""The needs found at a visit go to the customer's salespeople to take up."""
		if self.method != "Visit" or not self.customer:
			return
		assign(
			salesperson_users(self.customer),
			self.doctype,
			self.name,
			lambda: _("Needs of {0} found at the visit: {1}").format(
				self.customer, escape_html(self.customer_needs)
			),
		)

	def check_risk_point_one(self):
		"""风险控制点 1: a revisit of a request finds out whether its resolution plan was carried out
		and the result fed back to the customer; when either was not, the Operations Supervisor
		takes it up."""
		if self.issue and not (self.resolution_plan_done and self.feedback_given):
			gaps = [
				_(self.meta.get_label(f))
				for f in ("resolution_plan_done", "feedback_given")
				if not self.get(f)
			]
			assign_step(
				"revisit.spot_check",
				self.doctype,
				self.name,
				lambda: _("Risk point 1 on {0} ({1}): not done: {2}").format(
					self.issue, self.customer, "、".join(gaps)
				),
				"High",
				self.company,
			)


def select_spot_checks(month, seed: str | int | None = None) -> list[str]:
	"""Pick the set share of the month's revisits at random for a supervisor's spot check. The
	same month (and seed) always picks the same revisits, so a check can be reproduced."""
	month = get_first_day(month)
	revisits = frappe.get_all(
		"Revisit",
		filters={"revisit_date": ("between", (month, get_last_day(month)))},
		pluck="name",
		order_by="name asc",
	)
	share = float(get_setting("revisit_spot_check_percent") or 0) / 100
	count = min(len(revisits), math.ceil(len(revisits) * share))
	chosen = sorted(
		random.Random(str(seed if seed is not None else month.isoformat())).sample(revisits, count)
	)
	for name in chosen:
		if not frappe.db.get_value("Revisit", name, "spot_check"):
			frappe.db.set_value("Revisit", name, "spot_check", 1)
			assign_step(
				"revisit.spot_check", "Revisit", name, lambda: _("Spot check revisit {0}").format(name)
			)
	return chosen


def monthly_spot_checks():
	"""Monthly: the spot checks of the month that just ended."""
	return select_spot_checks(add_months(getdate(), -1))
