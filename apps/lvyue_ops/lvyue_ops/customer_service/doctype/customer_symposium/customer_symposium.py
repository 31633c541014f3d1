# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A customer symposium (客户座谈会), every half year or year (运营部管理规定 第四章 第四条 4-3)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, cint

from lvyue_ops.customer_service.satisfaction import customer_company, default_company


class CustomerSymposium(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.customer_service.doctype.symposium_attendee.symposium_attendee import SymposiumAttendee

		attendees: DF.Table[SymposiumAttendee]
		company: DF.Link | None
		interval_months: DF.Literal["6", "12"]
		minutes: DF.TextEditor | None
		next_symposium: DF.Date | None
		symposium_date: DF.Date
		title: DF.Data

	# end: auto-generated types
	def validate(self):
		for row in self.attendees:
			check_score(row.satisfaction, _("Satisfaction (1-5)"))
		self.next_symposium = add_months(self.symposium_date, int(self.interval_months or 6))
		if not self.company:  # the company holding it: its satisfaction figure counts the scores
			self.company = default_company() or customer_company(
				next((row.customer for row in self.attendees if row.customer), None)
			)


def check_score(value, label: str):
	value = cint(value)
	if value and not 1 <= value <= 5:
		frappe.throw(_("{0} is a score from 1 to 5.").format(label))
