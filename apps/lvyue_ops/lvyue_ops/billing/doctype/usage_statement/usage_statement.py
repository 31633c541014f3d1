# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class UsageStatement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		calls: DF.Int
		company: DF.Link
		customer: DF.Link
		line_or_number: DF.Data | None
		minutes: DF.Float
		period: DF.Date
		sales_invoice: DF.Link | None
		usage_import: DF.Link | None
		usage_key: DF.Data | None
		vos_account: DF.Data
	# end: auto-generated types
	pass
