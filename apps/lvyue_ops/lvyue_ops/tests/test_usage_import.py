"""VOS usage files: good files in each format, and each bad case -> a row-level report and
nothing imported from that file."""

import frappe
import pytest

from lvyue_ops.billing.doctype.usage_import.importer import column_label
from lvyue_ops.tests.billing_helpers import csv_bytes, import_usage, usage_import, vos_customer, xlsx_bytes
from lvyue_ops.tests.utils import CJK, english_in


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
	label = column_label(column)  # the column as the person reads it
	assert any(e.row_no == row_no + 1 and e.column == label and message in e.message for e in doc.errors), [
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
			"Missing columns: 分钟数",
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
	assert [(e.row_no, e.column) for e in doc.errors] == [(4, column_label("amount"))]


def test_a_month_cannot_be_imported_twice(base):
	_customer, account = vos_customer()
	content = csv_bytes([(account, "2026-11", 1, 1, 1, "L1")])
	assert import_usage(usage_import(base.company, "a.csv", content)) is True
	again = usage_import(base.company, "b.csv", content + b"\r\n")
	assert import_usage(again) is False
	assert "already imported" in again.errors[0].message


# --- files made to hurt (security review M10, L2) -------------------------------------------------


def dimension_bomb(rows) -> bytes:
	"""An XLSX whose sheet declares a million rows by sixteen thousand columns (a few KB)."""
	import io
	import re
	import zipfile

	source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows)))
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
		for item in source.infolist():
			data = source.read(item.filename)
			if item.filename.startswith("xl/worksheets/"):
				data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
			target.writestr(item, data)
	return out.getvalue()


def test_an_xlsx_that_declares_a_billion_cells_is_read_as_it_is(base):
	_customer, account = vos_customer()
	doc = usage_import(base.company, "bomb.xlsx", dimension_bomb([(account, "2026-11", 1, 2, 3, "L1")]))
	assert import_usage(doc) is True
	assert doc.imported_rows == 1


@pytest.mark.parametrize(
	"calls,minutes,amount,column",
	[(1, "nan", 1, "minutes"), (1, 1, "inf", "amount"), (1, 1, "1e20", "amount"), ("-inf", 1, 1, "calls")],
)
def test_numbers_that_are_not_finite_or_not_in_range_are_row_errors(base, calls, minutes, amount, column):
	_customer, account = vos_customer()
	doc = usage_import(
		base.company, "vos.csv", csv_bytes([(account, "2026-11", calls, minutes, amount, "L")])
	)
	assert import_usage(doc) is False
	assert [(e.row_no, e.column) for e in doc.errors] == [(2, column_label(column))]
	assert not statements(doc)


def test_overlong_cells_are_row_errors_and_a_runaway_field_a_file_error(base):
	_customer, account = vos_customer()
	doc = usage_import(base.company, "long.csv", csv_bytes([("x" * 141, "2026-11", 1, 1, 1, "L")]))
	assert import_usage(doc) is False
	assert "longer than 140" in doc.errors[0].message
	runaway = csv_bytes([]) + f'{account},2026-11,1,1,1,"{"y" * 200_000}\n'.encode()
	doc = usage_import(base.company, "runaway.csv", runaway)
	assert import_usage(doc) is False
	assert "cannot be read as CSV" in doc.errors[0].message


def test_L2_a_line_an_export_would_run_as_a_formula_is_kept_as_text(base):
	_customer, account = vos_customer()
	doc = usage_import(base.company, "vos.csv", csv_bytes([(account, "2026-11", 1, 1, 1, "=HYPERLINK(1)")]))
	assert import_usage(doc) is True
	assert statements(doc)[0].line_or_number == "'=HYPERLINK(1)"


def test_the_first_thousand_errors_are_listed_and_all_are_counted(base):
	_customer, account = vos_customer()
	doc = usage_import(
		base.company, "bad.csv", csv_bytes([(account, "2026-11", 1, 1, -1, f"L{i}") for i in range(1500)])
	)
	assert import_usage(doc) is False
	assert (doc.error_count, len(doc.errors)) == (1500, 1000)


def test_a_bad_row_at_the_end_of_a_large_file_stores_nothing(base):
	"""20 chunks go into the database before the last row turns out bad: all are taken back, and a
	duplicate of a row 90,000 rows earlier is found too."""
	_customer, account = vos_customer()
	rows = [(account, "2026-11", 1, 1, 1, f"L{i}") for i in range(100_000)]
	rows[-2] = (account, "2026-11", 1, 1, 1, "L5")  # a duplicate in another chunk
	rows[-1] = (account, "2026-11", 1, 1, "x", "LAST")
	doc = usage_import(base.company, "big.csv", csv_bytes(rows))
	assert import_usage(doc) is False
	assert sorted((e.row_no, e.column) for e in doc.errors) == [
		(100_000, column_label("account")),
		(100_001, column_label("amount")),
	]
	assert doc.processed_rows == 100_000
	assert not frappe.db.count("Usage Statement", {"usage_import": doc.name})


def test_a_bad_file_is_reported_in_chinese_by_the_columns_a_person_reads(base):
	from lvyue_ops.utils.notify import in_language

	_customer, account = vos_customer()
	rows = [
		("zz9999", "2026-11", 1, 1, 1, ""),
		(account, "2026-11", 1, -1, 5, ""),
		(account, "2026-11", "many", 1, 1, ""),
	]
	with in_language("zh"):  # the site's language, as the import job writes in
		doc = usage_import(base.company, "vos.csv", csv_bytes(rows))
		assert import_usage(doc) is False
	assert len(doc.errors) == 3
	for error in doc.errors:
		assert CJK.search(error.column) and CJK.search(error.message), error.as_dict()
		assert not english_in(error.column) and not english_in(error.message), error.as_dict()
