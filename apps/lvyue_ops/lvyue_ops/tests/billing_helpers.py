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
	file = frappe.get_doc(
		{"doctype": "File", "file_name": filename, "content": content, "is_private": 1}
	).insert()
	doc = frappe.get_doc(
		{"doctype": "Usage Import", "company": company, "period": period, "import_file": file.file_url}
	).insert()
	return doc
