# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""One company's settings of the operations rules (履约公司设置): what differs between the
companies of a site. The defaults for every company are in Lvyue Ops Settings; the working calendar
is the company's own Default Holiday List; who takes a step in one company is on its Lvyue Step."""

import frappe
from frappe import _
from frappe.model.document import Document


class LvyueCompanySettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.lvyue_ops.doctype.lvyue_certified_item_group.lvyue_certified_item_group import (
			LvyueCertifiedItemGroup,
		)
		from lvyue_ops.lvyue_ops.doctype.lvyue_certified_supplier_group.lvyue_certified_supplier_group import (
			LvyueCertifiedSupplierGroup,
		)

		certified_item_groups: DF.TableMultiSelect[LvyueCertifiedItemGroup]
		certified_supplier_groups: DF.TableMultiSelect[LvyueCertifiedSupplierGroup]
		company: DF.Link
		deposit_account: DF.Link | None
		holiday_list: DF.Link | None
		low_balance_threshold: DF.Currency
		margin_account: DF.Link | None
		selling_price_list: DF.Link | None

	# end: auto-generated types
	def validate(self):
		for fieldname in ("deposit_account", "margin_account"):
			account = self.get(fieldname)
			if account and frappe.db.get_value("Account", account, "company") != self.company:
				frappe.throw(
					_("{0}: account {1} does not belong to company {2}.").format(
						_(self.meta.get_label(fieldname)), account, self.company
					)
				)
		if self.selling_price_list and not frappe.db.get_value(
			"Price List", self.selling_price_list, "selling"
		):
			frappe.throw(_("{0} is not a selling price list.").format(self.selling_price_list))

	def on_update(self):
		frappe.cache.hdel(CACHE_KEY, self.company)

	def on_trash(self):
		frappe.cache.hdel(CACHE_KEY, self.company)


CACHE_KEY = "lvyue_company_settings"


def company_settings(company: str | None) -> dict:
	"""The company's settings as a dict (empty when it has none), from Redis."""
	if not company:
		return {}

	def load():
		if not frappe.db.exists("Lvyue Company Settings", company):
			return {}
		doc = frappe.get_doc("Lvyue Company Settings", company)
		return {
			**doc.as_dict(no_default_fields=True),
			"certified_supplier_groups": [row.supplier_group for row in doc.certified_supplier_groups],
			"certified_item_groups": [row.item_group for row in doc.certified_item_groups],
		}

	return frappe.cache.hget(CACHE_KEY, company, load)


def company_setting(company: str | None, fieldname: str):
	"""The company's own value of a setting, or the default of Lvyue Ops Settings for every
	company."""
	from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

	value = company_settings(company).get(fieldname)
	if value in (None, "", []) and frappe.get_meta("Lvyue Ops Settings").has_field(fieldname):
		return get_setting(fieldname)
	return value
