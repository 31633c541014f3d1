# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Holiday greetings (节假日给客户送祝福, 运营部管理规定 第四章 第四条 3): before each public holiday
Customer Service gets the customers to greet (customer_service/relations.py) and records each
greeting; the list is done when every customer has been greeted."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils.notify import close_step

RECORD = "holiday_greeting.record"


class HolidayGreeting(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.customer_service.doctype.holiday_greeting_customer.holiday_greeting_customer import (
			HolidayGreetingCustomer,
		)

		company: DF.Link
		customers: DF.Table[HolidayGreetingCustomer]
		greet_by: DF.Date | None
		holiday: DF.Data
		holiday_date: DF.Date
		status: DF.Literal["Open", "Done"]
	# end: auto-generated types
	status_flow = {"Open": ("Done",)}

	def validate(self):
		self.validate_status_change(_("The list is done through its Complete button."))
		self.validate_locked(("Open",))
		for row in self.customers:
			if row.greeted and not row.channel:
				frappe.throw(_("Row {0}: how was {1} greeted?").format(row.idx, row.customer))
			row.greeted_on = (row.greeted_on or nowdate()) if row.greeted else None

	@frappe.whitelist(methods=["POST"])
	def complete(self):
		"""Every customer on the list greeted: the list is done and its ToDo closes."""
		self.begin_action(RECORD)
		self.require_status("Open", message=_("These greetings are already done."))
		waiting = [row.customer for row in self.customers if not row.greeted]
		if waiting:
			frappe.throw(
				_("{0} customers are not greeted yet: {1}").format(len(waiting), "、".join(waiting[:10]))
			)
		self.move_to("Done")
		close_step(self.doctype, self.name, RECORD, self.company)
