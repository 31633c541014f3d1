# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OpsDutyTask(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link
		completed_by: DF.Link | None
		completed_on: DF.Datetime | None
		due: DF.Datetime
		duty: DF.Link
		on_time: DF.Check
		overdue: DF.Check
		period: DF.Date
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		responsible_role: DF.Link | None
		status: DF.Literal["Open", "Completed"]
	# end: auto-generated types
	pass
