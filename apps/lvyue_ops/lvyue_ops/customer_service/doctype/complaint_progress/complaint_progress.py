# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ComplaintProgress(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["", "Phone", "Email", "Letter", "Fax", "Visit", "Portal"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		told_by: DF.Link | None
		told_on: DF.Datetime | None
		update: DF.SmallText | None
	# end: auto-generated types
	pass
