"""Multi-row inserts for the app's bulk writers (usage statements, call records): the statement is
written once and its values passed as parameters (frappe's `bulk_insert` builds each row through
the query builder, which costs more than the insert itself)."""

import frappe
from frappe.utils import now

STANDARD = ("name", "creation", "modified", "owner", "modified_by")


def insert_rows(
	table: str,
	fields: tuple[str, ...],
	rows: list[tuple],
	batch: int = 1000,
	ignore: bool = False,
	constants: dict | None = None,
) -> int:
	"""Insert `rows` (tuples of `fields`) into `table`, `batch` rows a statement; `constants` are
	columns of the same value in every row, written once into the statement. With `ignore`, rows
	whose key is already there are skipped. Return how many rows went in."""
	constants = constants or {}
	head = "insert {}into `{}` ({}) values ".format(
		"ignore " if ignore else "", table, ", ".join(f"`{f}`" for f in (*fields, *constants))
	)
	fixed = "".join(f", {frappe.db.escape(str(v))}" for v in constants.values())
	row = "({}{})".format(", ".join(["%s"] * len(fields)), fixed.replace("%", "%%"))
	inserted = 0
	for start in range(0, len(rows), batch):
		chunk = rows[start : start + batch]
		frappe.db.sql(head + ", ".join([row] * len(chunk)), [v for r in chunk for v in r])
		inserted += frappe.db._cursor.rowcount
	return inserted


def stamped(name: str, *values, user: str | None = None, stamp=None) -> tuple:
	"""A row of STANDARD columns (name, created and modified now by the user) and then `values`."""
	user = user or frappe.session.user
	stamp = stamp or now()
	return (name, stamp, stamp, user, user, *values)
