"""Naming series that stay unique when two people create the first document of a series at the
same moment: frappe creates a series' counter row on first use, and two first uses at once can
both try to create it. The row is made (or locked, when it exists) first, so the counter's row
lock orders every number."""

import frappe
from frappe.model.naming import make_autoname, parse_naming_series


def name_from_series(doc, default_series: str):
	series = doc.get("naming_series") or default_series
	prefix = parse_naming_series(series, doc=doc)
	# an exclusive lock on the counter's row from the start (insert ignore would take a shared
	# lock, and two shared locks both upgrading for the counter deadlock)
	frappe.db.sql(
		"insert into `tabSeries` (`name`, `current`) values (%s, 0) on duplicate key update `current` = `current`",
		prefix,
	)
	doc.name = make_autoname(f"{series}.#####", doc=doc)
