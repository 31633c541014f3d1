"""Naming series that stay unique when two people create the first document of a series at the
same moment: frappe creates a series' counter row on first use, and two first uses at once can
both try to create it. The row is made first (a no-op when it exists), so the counter's row lock
orders every later number."""

import frappe
from frappe.model.naming import make_autoname, parse_naming_series


def name_from_series(doc, default_series: str):
	series = doc.get("naming_series") or default_series
	prefix = parse_naming_series(series, doc=doc)
	frappe.db.sql("insert ignore into `tabSeries` (`name`, `current`) values (%s, 0)", prefix)
	doc.name = make_autoname(f"{series}.#####", doc=doc)
