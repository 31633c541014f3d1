# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

SETTINGS = "Lvyue Ops Settings"


class LvyueOpsSettings(Document):
	def validate(self):
		if self.max_upload_size_mb is not None and self.max_upload_size_mb < 1:
			frappe.throw(_("Maximum upload size must be at least 1 MB."))
		if not self.get_allowed_extensions():
			frappe.throw(_("Allowed upload types must name at least one file extension."))

	def get_allowed_extensions(self) -> list[str]:
		return parse_extensions(self.allowed_upload_extensions or "")


def parse_extensions(text: str) -> list[str]:
	"""'pdf, .JPG png' -> ['pdf', 'jpg', 'png']"""
	parts = text.replace(",", " ").replace(";", " ").split()
	return [p.strip().lstrip(".").lower() for p in parts if p.strip().lstrip(".")]


def get_settings() -> "LvyueOpsSettings":
	"""The settings document (cached until it is saved)."""
	return frappe.get_cached_doc(SETTINGS)


def get_setting(fieldname: str):
	return get_settings().get(fieldname)


def store_missing_defaults() -> list[str]:
	"""Store the declared default of every setting that has no stored value yet.

	Runs after install and after every migrate, so settings added by a new version get their
	default from the operations rules, while values an admin has set are never touched.
	Returns the fields it filled.
	"""
	singles = frappe.qb.DocType("Singles")
	stored = set(
		frappe.qb.from_(singles).select(singles.field).where(singles.doctype == SETTINGS).run(pluck=True)
	)
	filled = []
	for df in frappe.get_meta(SETTINGS).fields:
		if df.default is not None and df.fieldname not in stored:
			frappe.db.set_single_value(SETTINGS, df.fieldname, df.default)
			filled.append(df.fieldname)
	if filled:
		frappe.clear_document_cache(SETTINGS, SETTINGS)
	return filled
