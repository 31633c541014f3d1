"""Reading VOS's CDR export (CSV in UTF-8 or GBK, or XLSX; VOS's field names or its client's
Chinese headers) into the CDR store, for a `Usage Import` of the format "VOS Call Records".

As the monthly totals file (billing/doctype/usage_import/importer.py): read as a stream, checked
and stored a chunk at a time, all or nothing (a file with a bad row stores none and lists the
errors by row and column). A CDR stored before, by a file or a pull, is counted and skipped; a CDR
of an account no customer has is stored and counted, to be listed for the Business Assistant."""

from functools import partial
from operator import itemgetter

from frappe import _

from lvyue_ops.utils.sheets import SheetImport
from lvyue_ops.vos import call_records
from lvyue_ops.vos.cdrs import COLUMNS, REQUIRED, CdrReader

FLOW_NO = call_records.COLUMN["flow_no"]


class CdrFile(SheetImport):
	COLUMNS, REQUIRED, CHUNK = COLUMNS, REQUIRED, 10000

	def __init__(self, usage_import, progress=None):
		super().__init__(progress)
		self.doc = usage_import
		source = f"Usage Import {usage_import.name}"
		self.reader = CdrReader(usage_import.company, usage_import.vos_server, source)
		self.stored = self.duplicates = self.unknown = self.supplementary = 0
		self.total = 0.0
		self.months: set = set()

	def no_rows_message(self) -> str:
		return _("The file has no call records.")

	def forget(self):
		self.stored = self.duplicates = self.unknown = 0
		self.total = 0.0
		self.months = set()

	def store(self, chunk: list[tuple[int, list]]):
		"""Check a chunk and send it to the store (which writes it while the next is read)."""
		if not chunk:
			return
		rows = [row for _row_no, row in chunk]
		try:
			raw = {field: list(map(itemgetter(i), rows)) for field, i in self.columns.items()}
		except IndexError:  # a short row: checked on its own
			raw = None
		columns = None if self.error_count else self.reader.columns(raw, len(rows))
		if columns:
			self.reader.send_columns(columns, len(rows), then=partial(self.counted, len(rows)))
			return
		records = self.check_rows(chunk)
		if records and not self.error_count:
			self.reader.send_rows(records, then=partial(self.counted, len(rows)))
		else:
			self.reader.writer.wait()
			self.counted(len(rows))

	def check_rows(self, chunk: list[tuple[int, list]]) -> list[tuple]:
		"""The store's rows of a chunk checked row by row, each error named by row and column."""
		columns = self.columns
		raws = [
			(row_no, {field: row[i] if i < len(row) else None for field, i in columns.items()})
			for row_no, row in chunk
		]
		self.reader.learn_raws([raw for _row_no, raw in raws])
		records, seen = [], set()
		for row_no, raw in raws:
			record, errors = self.reader.row(raw)
			for field, message in errors:
				self.error(row_no, field, message)
			if not record:
				continue
			if record[0] in seen:
				self.error(row_no, "flow_no", _("Flow number {0} appears twice.").format(record[FLOW_NO]))
				continue
			seen.add(record[0])
			records.append(record)
		return records

	def counted(self, rows: int):
		"""Rows read so far (the connection is free: the batch before is stored)."""
		self.rows += rows
		self.progress(self.rows)

	def finish(self):
		self.stored, self.duplicates, self.total, self.unknown, self.months = self.reader.totals()

	def settle(self):
		self.reader.writer.abandon()
