# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Supplier certification by Operations (运营部管理规定 第四章 第三条 2-1): the supplier's profile,
price system, products, lead time and payment terms, valid for a set time."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, getdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step


class SupplierCertification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		certified_on: DF.Date | None
		company_profile: DF.TextEditor | None
		documents: DF.Attach | None
		lead_time_days: DF.Int
		payment_terms: DF.Link | None
		price_system: DF.SmallText | None
		product_types: DF.SmallText | None
		reviewed_by: DF.Link | None
		status: DF.Literal["Under Review", "Certified", "Suspended", "Rejected"]
		supplier: DF.Link
		valid_until: DF.Date | None

	# end: auto-generated types
	def validate(self):
		if self.status != "Certified":
			return
		require_step("supplier_certification.certify")
		self.require_the_five_items()
		self.certified_on = self.certified_on or getdate()
		if not self.valid_until:
			self.valid_until = add_months(
				self.certified_on, get_setting("certification_validity_months") or 12
			)
		if getdate(self.valid_until) < getdate(self.certified_on):
			frappe.throw(_("The certification cannot expire before it was given."))
		if self.has_value_changed("status"):
			self.reviewed_by = frappe.session.user

	def require_the_five_items(self):
		"""第三条 3-1: a supplier is certified on its company, price system, product types, lead
		time and payment terms, all five on record."""
		missing = [
			_(self.meta.get_label(fieldname))
			for fieldname in CERTIFICATION_ITEMS
			if not (
				self.get(fieldname).strip() if isinstance(self.get(fieldname), str) else self.get(fieldname)
			)
		]
		if missing:
			frappe.throw(
				_("A supplier is certified on all five items; missing: {0}.").format("、".join(missing))
			)


# what a certification looks at (运营部管理规定 第三条 3-1)
CERTIFICATION_ITEMS = ("company_profile", "price_system", "product_types", "lead_time_days", "payment_terms")


def certification_of(supplier: str, on=None) -> str | None:
	"""The supplier's certification valid on the day, if any."""
	on = getdate(on)
	return frappe.db.get_value(
		"Supplier Certification",
		{"supplier": supplier, "status": "Certified", "certified_on": ("<=", on), "valid_until": (">=", on)},
		"name",
		order_by="valid_until desc",
	)


def certified_suppliers(on=None) -> set[str]:
	on = getdate(on)
	return set(
		frappe.get_all(
			"Supplier Certification",
			filters={"status": "Certified", "certified_on": ("<=", on), "valid_until": (">=", on)},
			pluck="supplier",
		)
	)
