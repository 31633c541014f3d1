# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class BusinessOrderResource(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		item_code: DF.Link
		monthly_fee: DF.Currency
		new_address: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		quantity: DF.Float
		resource_numbers: DF.SmallText | None
		service_line: DF.Link | None
	# end: auto-generated types
	pass
