"""Reading VOS's CDR export (CSV in UTF-8 or GBK, or XLSX; VOS's field names or its client's
Chinese headers) into the CDR store, for a `Usage Import` of the format "VOS Call Records".

As the monthly totals file (billing/doctype/usage_import/importer.py): read as a stream, checked
and stored a chunk at a time, all or nothing (a file with a bad row stores none and lists the
errors by row and column). A CDR stored before, by a file or a pull, is counted and skipped; a CDR
of an account no customer has is stored and counted, to be listed for the Business Assistant."""

from frappe import _

from lvyue_ops.utils.sheets import SheetImport
from lvyue_ops.vos import call_records
from lvyue_ops.vos.cdrs import COLUMNS, REQUIRED, CdrReader

FLOW_NO, CUSTOMER, FEE, MONTH = (
	call_records.COLUMN[f] for f in ("flow_no", "customer", "fee", "usage_month")
)


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
		if not chunk:
			return
		columns = self.columns
		raws = [
			(row_no, {field: row[i] if i < len(row) else None for field, i in columns.items()})
			for row_no, row in chunk
		]
		self.reader.learn([raw for _row_no, raw in raws])
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
		if records and not self.error_count:
			new = self.reader.store(records)
			self.stored += new
			self.duplicates += len(records) - new
			if new == len(records):  # the usual case: every row new, so the sums are the chunk's
				self.total += sum(r[FEE] for r in records)
				self.unknown += sum(1 for r in records if not r[CUSTOMER])
			elif new:
				self.count_new([r[0] for r in records])
			self.months.update(r[MONTH] for r in records)
		self.rows += len(chunk)
		self.progress(self.rows)

	def count_new(self, names: list[str]):
		"""The fee and unknown accounts of the rows this import stored (a re-import stores none)."""
		fee, unknown = call_records.stored_by(names, self.reader.source)
		self.total += fee
		self.unknown += unknown
