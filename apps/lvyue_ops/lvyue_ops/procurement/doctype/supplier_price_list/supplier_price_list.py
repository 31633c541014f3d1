# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A supplier's price list, part of the company's internal price system (运营部管理规定 第四章
第三条 2-1): submitted, its prices become ERPNext buying Item Prices of the supplier."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.utils.files import attached_file
from lvyue_ops.utils.sheets import (
	SheetError,
	cell,
	map_header,
	neutralise_formula,
	parse_number,
	read_rows,
	text,
)

SHEET_COLUMNS = {
	"item": ("item", "item code", "物料", "物料编码", "产品"),
	"specification": ("specification", "规格", "规格说明"),
	"unit_price": ("unit price", "price", "单价", "价格"),
	"min_order_qty": ("minimum order", "min order", "起订量", "最小起订量"),
	"lead_time_days": ("lead time", "交期", "交货期"),
}


class SupplierPriceList(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.procurement.doctype.supplier_price_list_item.supplier_price_list_item import (
			SupplierPriceListItem,
		)

		amended_from: DF.Link | None
		currency: DF.Link
		items: DF.Table[SupplierPriceListItem]
		price_list: DF.Link | None
		price_sheet: DF.Attach | None
		supplier: DF.Link
		valid_from: DF.Date
		valid_to: DF.Date | None

	# end: auto-generated types
	def validate(self):
		if self.valid_to and getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(_("The price list cannot end before it starts."))
		seen = set()
		for row in self.items:
			if row.item_code in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.item_code))
			seen.add(row.item_code)
			if flt(row.unit_price) <= 0:
				frappe.throw(_("Row {0}: the unit price must be greater than zero.").format(row.idx))
		price_list = self.buying_price_list()
		currency = frappe.db.get_value("Price List", price_list, "currency")
		if currency and currency != self.currency:
			frappe.throw(
				_("Price list {0} is in {1}, this list in {2}.").format(price_list, currency, self.currency)
			)

	def buying_price_list(self) -> str:
		price_list = self.price_list or frappe.db.get_single_value("Buying Settings", "buying_price_list")
		if not price_list:
			frappe.throw(_("Please choose the buying price list, or set a default one in Buying Settings."))
		return price_list

	def on_submit(self):
		"""The list's prices become ERPNext buying Item Prices of the supplier, so purchase
		documents pick them up as usual."""
		price_list = self.buying_price_list()
		for row in self.items:
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": row.item_code,
					"price_list": price_list,
					"supplier": self.supplier,
					"price_list_rate": row.unit_price,
					"currency": self.currency,
					"valid_from": self.valid_from,
					"valid_upto": self.valid_to,
					"lvyue_supplier_price_list": self.name,
					"note": row.specification,
				}
			).insert(ignore_permissions=True)

	def on_cancel(self):
		"""The list's Item Prices go too."""
		for name in frappe.get_all(
			"Item Price", filters={"lvyue_supplier_price_list": self.name}, pluck="name"
		):
			frappe.delete_doc("Item Price", name, ignore_permissions=True)

	@frappe.whitelist(methods=["POST"])
	def import_price_sheet(self) -> list[dict]:
		"""Replace the draft list's items with the attached sheet's rows; with any bad row, nothing
		changes and the errors are returned (row, column, message)."""
		begin_action(self, "supplier_price_list.maintain")
		if not self.price_sheet:
			frappe.throw(_("Please attach the supplier's price sheet first."))
		file = attached_file(self, self.price_sheet, limit_size=True)
		with open(file.get_full_path(), "rb") as f:
			return self.import_sheet(file.file_name, f.read())

	def import_sheet(self, filename: str, content: bytes) -> list[dict]:
		if self.docstatus != 0:
			frappe.throw(_("Only a draft price list can take a price sheet."))
		errors, items = [], []
		try:
			numbered = read_rows(filename, content)
			columns = map_header(numbered[0][1], SHEET_COLUMNS, ("item", "unit_price"))
		except SheetError as e:
			return [{"row_no": 0, "column": "", "message": str(e)}]
		known = set()
		for row_no, row in numbered[1:]:
			item = text(cell(row, columns, "item"))
			price = parse_number(cell(row, columns, "unit_price"))
			min_qty = parse_number(cell(row, columns, "min_order_qty"))
			lead = parse_number(cell(row, columns, "lead_time_days"), integer=True)
			row_errors = []
			if not item or not frappe.db.exists("Item", item):
				row_errors.append(("item", _("Unknown item {0}.").format(item or "-")))
			elif item in known:
				row_errors.append(("item", _("{0} appears twice.").format(item)))
			if price is None or price <= 0:
				row_errors.append(("unit_price", _("The unit price must be a number greater than zero.")))
			for column, number in (("min_order_qty", min_qty), ("lead_time_days", lead)):
				raw = cell(row, columns, column)
				if raw not in (None, "") and (number is None or number < 0):
					row_errors.append((column, _("{0} is not a valid number.").format(str(raw)[:40])))
			errors += [{"row_no": row_no, "column": c, "message": m} for c, m in row_errors]
			if not row_errors:
				known.add(item)
				items.append(
					{
						"item_code": item,
						"specification": neutralise_formula(text(cell(row, columns, "specification"), 1000))
						or None,
						"unit_price": price,
						"min_order_qty": min_qty,
						"lead_time_days": lead,
					}
				)
		if not items and not errors:
			errors.append({"row_no": 0, "column": "", "message": _("The sheet has no price rows.")})
		if errors:
			return errors
		self.set("items", items)
		self.save()
		return []
