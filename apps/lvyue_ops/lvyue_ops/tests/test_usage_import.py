"""VOS usage files: good files in each format, and each bad case -> a row-level report and
nothing imported from that file."""

import frappe
import pytest

from lvyue_ops.tests.billing_helpers import csv_bytes, import_usage, usage_import, vos_customer, xlsx_bytes


def statements(doc):
	return frappe.get_all(
		"Usage Statement",
		filters={"usage_import": doc.name},
		fields=["customer", "line_or_number", "calls", "minutes", "amount"],
	)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_or_gbk(base, encoding):
	_customer, account = vos_customer()
	content = csv_bytes(
		[
			(account, "2026-11", 120, 356.5, 171.12, "4008001001"),
			(account, "2026-11", 10, 20, 9.6, "中继线-02"),
		],
		encoding,
	)
	doc = usage_import(base.company, "vos.csv", content)
	assert import_usage(doc) is True
	assert (doc.status, doc.imported_rows, doc.total_amount) == ("Imported", 2, 180.72)
	assert {s.line_or_number for s in statements(doc)} == {"4008001001", "中继线-02"}


def test_xlsx_with_chinese_headers(base):
	customer, account = vos_customer()
	doc = usage_import(
		base.company, "vos.xlsx", xlsx_bytes([(account, "2026年11月", 5, 12.5, 6.0, "02088886666")])
	)
	assert import_usage(doc) is True
	assert statements(doc)[0].customer == customer


BAD = [
	("unknown account", lambda a: [("nobody", "2026-11", 1, 1, 1, "")], 2, "account", "Unknown VOS account"),
	(
		"duplicate row",
		lambda a: [(a, "2026-11", 1, 1, 1, "L1"), (a, "2026-11", 2, 2, 2, "L1")],
		3,
		"account",
		"Duplicate row",
	),
	("negative amount", lambda a: [(a, "2026-11", 1, 1, -5, "")], 2, "amount", "negative"),
	("negative minutes", lambda a: [(a, "2026-11", 1, -1, 5, "")], 2, "minutes", "negative"),
	("wrong period", lambda a: [(a, "2026-10", 1, 1, 1, "")], 2, "period", "the import for 2026-11"),
	("not a month", lambda a: [(a, "Nov", 1, 1, 1, "")], 2, "period", "not a month"),
	("not a number", lambda a: [(a, "2026-11", "many", 1, 1, "")], 2, "calls", "not a number"),
]


@pytest.mark.parametrize("why,rows,row_no,column,message", BAD, ids=[b[0] for b in BAD])
def test_bad_rows_are_reported_and_nothing_is_imported(base, why, rows, row_no, column, message):
	_customer, account = vos_customer()
	good = [(account, "2026-11", 3, 3, 3, "GOOD")]
	doc = usage_import(base.company, "vos.csv", csv_bytes(good + rows(account)))
	assert import_usage(doc) is False
	assert doc.status == "Failed"
	assert not statements(doc)
	assert any(e.row_no == row_no + 1 and e.column == column and message in e.message for e in doc.errors), [
		e.as_dict() for e in doc.errors
	]


@pytest.mark.parametrize(
	"filename,content,message",
	[
		("vos.csv", b"\xff\xfe\xff\xff account", "neither UTF-8 nor GBK"),
		("vos.csv", b"", "empty"),
		(
			"vos.csv",
			csv_bytes([], header=("account", "period", "calls", "amount")),
			"Missing columns: minutes",
		),
		("vos.csv", csv_bytes([]), "no usage rows"),
		("vos.xlsx", b"PK\x03\x04 broken", "not a readable XLSX"),
		("vos.txt", b"account,period", "CSV or XLSX"),
	],
)
def test_unreadable_files_are_reported(base, filename, content, message):
	doc = usage_import(base.company, filename, content or b" ")
	assert import_usage(doc) is False
	assert message in doc.errors[0].message


def test_row_numbers_are_the_files_own(base):
	_customer, account = vos_customer()
	content = csv_bytes(
		[(account, "2026-11", 1, 1, 1, "L1"), ("", "", "", "", "", ""), (account, "2026-11", 1, 1, -1, "L2")]
	)
	doc = usage_import(base.company, "gaps.csv", content)
	assert import_usage(doc) is False
	assert [(e.row_no, e.column) for e in doc.errors] == [(4, "amount")]


def test_a_month_cannot_be_imported_twice(base):
	_customer, account = vos_customer()
	content = csv_bytes([(account, "2026-11", 1, 1, 1, "L1")])
	assert import_usage(usage_import(base.company, "a.csv", content)) is True
	again = usage_import(base.company, "b.csv", content + b"\r\n")
	assert import_usage(again) is False
	assert "already imported" in again.errors[0].message
