# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CrisisCustomer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		customer: DF.Link
		delivered_on: DF.Date | None
		letter_delivered: DF.Check
		lines_affected: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		salesperson: DF.Link | None
	# end: auto-generated types
	pass
