# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HRHandoverLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		billed: DF.Currency
		bills: DF.Int
		business_line: DF.Link | None
		collected: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		partner: DF.Data | None
		rate: DF.Percent
		sales_person: DF.Link | None
	# end: auto-generated types
	pass
