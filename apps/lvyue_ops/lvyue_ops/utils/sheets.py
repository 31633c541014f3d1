"""Reading spreadsheets people upload (CSV in UTF-8 or GBK, or XLSX) as a stream of rows: a
header mapped by its English or Chinese names, numbers, and text. Used by the VOS usage import and
the supplier price sheets.

A file is never trusted: an XLSX's declared dimensions are ignored (a few KB can declare a billion
cells), only the first columns are read, a CSV field may not run away, a number is a finite one in
range, a text has a length limit, and a text an export could run as a formula is neutralised."""

import codecs
import csv
import io
import math
import os
from collections.abc import Iterator

import frappe
from frappe import _

MAX_COLUMNS = 32  # a usage or price sheet has a handful of columns
MAX_CELL = 1000  # characters in a cell
MAX_BLANK_ROWS = 1000  # a run of empty rows this long ends the sheet
MAX_NUMBER = 1e12
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class SheetError(Exception):
	"""The file as a whole cannot be read."""


def iter_rows(filename: str, stream) -> Iterator[tuple[int, list]]:
	"""(row number in the file, cells) of every non-blank row, read as a stream from a binary file
	object."""
	extension = os.path.splitext(filename or "")[1].lower()
	if extension == ".xlsx":
		rows = _xlsx_rows(stream)
	elif extension == ".csv":
		rows = _csv_rows(stream)
	else:
		raise SheetError(_("Please upload a CSV or XLSX file."))
	blank = 0
	for row_no, row in rows:
		if not is_blank(row):
			blank = 0
			yield row_no, row
		else:
			blank += 1
			if blank >= MAX_BLANK_ROWS:
				return


def is_blank(row: list) -> bool:
	for value in row:
		if value is not None and (value if isinstance(value, str) else str(value)).strip():
			return False
	return True


def _xlsx_rows(stream):
	from openpyxl import load_workbook

	try:
		sheet = load_workbook(stream, read_only=True, data_only=True).active
		sheet.reset_dimensions()  # the declared size is the file's word, not a fact
		for row_no, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
			yield row_no, list(row)
	except SheetError:
		raise
	except Exception:
		raise SheetError(_("The file is not a readable XLSX workbook."))


def _csv_rows(stream):
	head = stream.read(64 * 1024)
	stream.seek(0)
	encoding = "utf-8-sig"
	try:
		codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
	except UnicodeDecodeError:
		encoding = "gb18030"
	text = io.TextIOWrapper(stream, encoding=encoding, newline="")
	row_no = 0
	try:
		for row_no, row in enumerate(csv.reader(text), start=1):
			yield row_no, row[:MAX_COLUMNS]
	except UnicodeDecodeError:
		raise SheetError(_("The file's encoding is neither UTF-8 nor GBK (row {0}).").format(row_no + 1))
	except csv.Error as e:
		raise SheetError(_("Row {0} cannot be read as CSV: {1}").format(row_no + 1, e))


def read_rows(filename: str, content: bytes, limit: int = 5000) -> list[tuple[int, list]]:
	"""The non-blank rows of a small file held in memory, at most `limit` of them (a compressed XLSX
	of a few MB can hold millions: reading stops there with an error, not with the memory)."""
	rows = []
	for row in iter_rows(filename, io.BytesIO(content)):
		if len(rows) == limit:
			raise SheetError(_("The file has more than {0} rows.").format(limit))
		rows.append(row)
	if not rows:
		raise SheetError(_("The file is empty."))
	return rows


def map_header(
	header: list, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> dict[str, int]:
	names = {str(h or "").strip().lower(): i for i, h in enumerate(header)}
	found = {}
	for column, aliases in columns.items():
		for alias in aliases:
			if alias in names:
				found[column] = names[alias]
				break
	missing = [c for c in required if c not in found]
	if missing:
		raise SheetError(
			_("Missing columns: {0}.").format(", ".join(header_name(c, columns[c]) for c in missing))
		)
	return found


def header_name(column: str, aliases: tuple[str, ...]) -> str:
	"""A column as a person's file names it: its Chinese header (主叫号码), else its own name."""
	return next((alias for alias in aliases if not alias.isascii()), column)


def cell(row: list, columns: dict[str, int], column: str):
	index = columns.get(column)
	return row[index] if index is not None and index < len(row) else None


def parse_number(value, integer=False):
	"""A finite number within range, or None."""
	if value is None or str(value).strip() == "":
		return None
	try:
		number = float(str(value).replace(",", "").strip())
	except (ValueError, OverflowError):
		return None
	if not math.isfinite(number) or abs(number) >= MAX_NUMBER:
		return None
	if integer:
		if number != int(number):
			return None
		return int(number)
	return number


def text(value, max_length: int = 140) -> str | None:
	"""A cell as text (stripped), or None when it is longer than `max_length`."""
	value = "" if value is None else str(value).strip()
	if len(value) > max_length:
		return None
	return value


def neutralise_formula(value):
	"""Text that a spreadsheet would run as a formula (=, +, -, @ …) is kept as text."""
	if isinstance(value, str) and value.startswith(FORMULA_START):
		return "'" + value
	return value


class SheetImport:
	"""One pass over an uploaded sheet, all or nothing: the header mapped by `COLUMNS`, the rows
	handed to `store` a chunk at a time inside a savepoint, and everything rolled back (and
	`forget` called) when any row had an error. The errors are kept by row and column (the first
	MAX_ERRORS of them, and how many there were)."""

	COLUMNS: dict[str, tuple[str, ...]] = {}
	REQUIRED: tuple[str, ...] = ()
	CHUNK = 5000
	MAX_ERRORS = 1000

	def __init__(self, progress=None):
		self.progress = progress or (lambda rows: None)
		self.errors: list[dict] = []
		self.error_count = 0
		self.rows = 0

	def error(self, row_no: int, column: str, message: str):
		self.error_count += 1
		if len(self.errors) < self.MAX_ERRORS:
			label = self.column_label(column) if column else ""
			self.errors.append({"row_no": row_no, "column": label, "message": message})

	def column_label(self, column: str) -> str:
		"""The column as the person reads it in the error list."""
		return header_name(column, self.COLUMNS.get(column, ()))

	def no_rows_message(self) -> str:
		return _("The file has no rows.")

	def store(self, chunk: list[tuple[int, list]]) -> None:
		raise NotImplementedError

	def forget(self) -> None:
		"""What was counted as stored is not: the import was rolled back."""

	def finish(self) -> None:
		"""Every row went to `store`: what it left to finish (a write under way) is done."""

	def settle(self) -> None:
		"""However the reading ended, nothing is left under way."""

	def run(self, filename: str, stream) -> bool:
		"""Check and store every row; True when the file went in whole."""
		frappe.db.savepoint("sheet_import")
		try:
			rows = iter_rows(filename, stream)
			first = next(rows, None)
			if first is None:
				raise SheetError(_("The file is empty."))
			self.columns = map_header(first[1], self.COLUMNS, self.REQUIRED)
			chunk = []
			for numbered in rows:
				chunk.append(numbered)
				if len(chunk) == self.CHUNK:
					self.store(chunk)
					chunk = []
			self.store(chunk)
			self.finish()
			if not self.rows:
				raise SheetError(self.no_rows_message())
		except SheetError as e:
			self.error(0, "", str(e))
		finally:
			self.settle()
		if self.error_count:
			frappe.db.rollback(save_point="sheet_import")
			self.forget()
			return False
		return True
