"""Builders for billing tests: VOS customers, usage files, committed billing data."""

import csv
import io
from datetime import date

import frappe

from lvyue_ops.tests.factories import make_customer

NOV = date(2026, 11, 1)


def vos_customer(**fields) -> tuple[str, str]:
	account = f"vos{frappe.generate_hash(length=8)}"
	return make_customer(
		lvyue_vos_account=account, email_id=f"{account}@customer.lvyue.cn", **fields
	), account


def csv_bytes(
	rows, encoding="utf-8", header=("account", "period", "calls", "minutes", "amount", "line")
) -> bytes:
	out = io.StringIO()
	writer = csv.writer(out)
	if header:
		writer.writerow(header)
	writer.writerows(rows)
	return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=("账号", "账期", "通话次数", "分钟数", "金额", "号码")) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	sheet = book.active
	sheet.append(list(header))
	for row in rows:
		sheet.append(list(row))
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def usage_import(company: str, filename: str, content: bytes, period=NOV):
	"""A Usage Import with its file attached, as the form's upload leaves it."""
	doc = frappe.get_doc({"doctype": "Usage Import", "company": company, "period": period}).insert()
	doc.db_set("import_file", attach(doc, filename, content, "import_file"))
	return doc


def attach(doc, filename: str, content: bytes, fieldname: str | None = None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": filename,
				"content": content,
				"is_private": 1,
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"attached_to_field": fieldname,
			}
		)
		.insert()
		.file_url
	)


def import_usage(doc) -> bool:
	"""Press Import: in tests the job runs at once. True when the file went in."""
	doc.start_import()
	doc.reload()
	return doc.status == "Imported"


def bill(run):
	"""Press Run Billing: in tests every shard is billed at once (each bill commits)."""
	run.start()
	run.reload()
	return run


def reviewed(run):
	"""The Business Assistant confirms every bill that looks wrong and completes the review."""
	from lvyue_ops import roles as R
	from lvyue_ops.tests.factories import make_user
	from lvyue_ops.tests.utils import as_user

	run.reload()
	if run.review_status != "Pending Review":
		return run
	with as_user(make_user([R.BUSINESS_ASSISTANT])):
		for row in run.anomalies:
			frappe.get_doc("Billing Run", run.name).confirm_anomaly(row.name, "已核对话单")
		frappe.get_doc("Billing Run", run.name).complete_review()
	run.reload()
	return run


def plan(run):
	"""The run's shards, planned and committed, for workers started by the test itself."""
	from lvyue_ops.billing.billing import plan_shards

	plan_shards(run)
	run.status = "Queued"
	run.flags.status_change_allowed = True
	run.save()
	frappe.db.commit()
	return run


def delete_lines(customers) -> None:
	"""Committed lines of a test's customers go with them: later runs bill the whole company."""
	names = frappe.get_all("Service Line", filters={"customer": ("in", list(customers))}, pluck="name")
	if names:
		frappe.db.delete("Service Line Event", {"parent": ("in", names)})
		frappe.db.delete("Service Line", {"name": ("in", names)})
