# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ServiceLineEvent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		effective_from: DF.Date | None
		event: DF.Literal[
			"Opened",
			"Activated",
			"Dismantled",
			"Suspended",
			"Resumed",
			"Moved",
			"Fee Changed",
			"Transferred Out",
			"Transferred In",
			"Renamed",
		]
		event_date: DF.Date | None
		monthly_fee: DF.Currency
		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		status: DF.Literal["Pending", "Active", "Suspended", "Dismantled"]
	# end: auto-generated types
	pass
