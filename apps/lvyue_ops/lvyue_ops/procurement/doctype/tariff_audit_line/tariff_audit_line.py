# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class TariffAuditLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		activated_on: DF.Date | None
		business_order: DF.Link | None
		checked_by: DF.Link | None
		customer: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		remarks: DF.SmallText | None
		result: DF.Literal["Unchecked", "Matches Tariff Rules", "Discrepancy"]
		trunk_line: DF.Data | None
	# end: auto-generated types
	pass
