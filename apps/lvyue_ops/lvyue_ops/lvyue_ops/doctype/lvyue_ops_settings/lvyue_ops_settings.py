# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

SETTINGS = "Lvyue Ops Settings"


class LvyueOpsSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.lvyue_ops.doctype.lvyue_partner_line.lvyue_partner_line import LvyuePartnerLine

		allowed_upload_extensions: DF.Data | None
		approval_sla_hours: DF.Int
		bill_anomaly_factor: DF.Float
		bill_suspended_days: DF.Check
		billing_shard_size: DF.Int
		cdr_retention_months: DF.Int
		certification_validity_months: DF.Int
		complaint_reply_working_days: DF.Int
		contract_expiry_reminder_days: DF.Data | None
		contract_review_months: DF.Int
		credit_grade_a: DF.Int
		credit_grade_b: DF.Int
		credit_grade_c: DF.Int
		document_deadline_days: DF.Int
		fee_proration: DF.Literal["By Day", "Whole Month if Active on the 1st"]
		gm_confirmation_days: DF.Int
		greeting_days_before: DF.Int
		issue_follow_up_hours: DF.Int
		low_balance_threshold: DF.Currency
		low_credit_policy: DF.Literal["Warn", "Refuse"]
		max_import_size_mb: DF.Int
		max_upload_size_mb: DF.Int
		partner_lines: DF.Table[LvyuePartnerLine]
		price_list_max_age_days: DF.Int
		revisit_spot_check_percent: DF.Percent
		shutdown_request_hours: DF.Int
		sla_reminder_hours: DF.Int
		stalled_order_days: DF.Int
		usage_tolerance_percent: DF.Percent
		website_update_days: DF.Int

	# end: auto-generated types
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
