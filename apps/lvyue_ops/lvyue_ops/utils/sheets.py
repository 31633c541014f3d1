"""Reading spreadsheets people upload (CSV in UTF-8 or GBK, or XLSX): rows, a header mapped by
its English or Chinese names, and numbers. Used by the VOS usage import and the supplier price
sheets."""

import csv
import io
import os

from frappe import _


class SheetError(Exception):
	"""The file as a whole cannot be read."""


def read_rows(filename: str, content: bytes) -> list[list]:
	extension = os.path.splitext(filename or "")[1].lower()
	if extension == ".xlsx":
		from openpyxl import load_workbook

		try:
			sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
		except Exception:
			raise SheetError(_("The file is not a readable XLSX workbook."))
		return [list(row) for row in sheet.iter_rows(values_only=True)]
	if extension == ".csv":
		for encoding in ("utf-8-sig", "gb18030"):
			try:
				text = content.decode(encoding)
				break
			except UnicodeDecodeError:
				continue
		else:
			raise SheetError(_("The file's encoding is neither UTF-8 nor GBK."))
		return list(csv.reader(io.StringIO(text)))
	raise SheetError(_("Please upload a CSV or XLSX file."))


def numbered_rows(rows: list[list]) -> list[tuple[int, list]]:
	"""The non-blank rows with their row number in the file."""
	numbered = [
		(row_no, row) for row_no, row in enumerate(rows, start=1) if any(str(v or "").strip() for v in row)
	]
	if not numbered:
		raise SheetError(_("The file is empty."))
	return numbered


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
		raise SheetError(_("Missing columns: {0}.").format(", ".join(missing)))
	return found


def cell(row: list, columns: dict[str, int], column: str):
	index = columns.get(column)
	return row[index] if index is not None and index < len(row) else None


def parse_number(value, integer=False):
	if value is None or str(value).strip() == "":
		return None
	try:
		number = float(str(value).replace(",", "").strip())
	except ValueError:
		return None
	if integer and number != int(number):
		return None
	return int(number) if integer else number
