"""What waits for the person in desk today: their open ToDos (every step the app gives someone is
one, utils/notify.py), overdue first, then by due date. The block "Lvyue My Work" at the top of each
role's landing workspace shows it (setup/records/30_custom_html_block.json)."""

import frappe
from frappe.utils import cint, getdate, nowdate, strip_html_tags

SHOWN = 10


@frappe.whitelist()
def my_work(limit: int = SHOWN) -> dict:
	"""The session user's open ToDos, overdue first then by due date (undated last), with counts."""
	today = getdate(nowdate())
	filters = {"allocated_to": frappe.session.user, "status": "Open"}
	rows = frappe.get_all(
		"ToDo",
		filters=filters,
		fields=["name", "reference_type", "reference_name", "description", "date", "priority"],
		order_by="creation asc",
	)
	rows.sort(key=lambda r: (r.date is None, r.date or today))
	for row in rows:
		row.overdue = bool(row.date and getdate(row.date) < today)
		row.description = strip_html_tags(row.description or "").strip()
	return {
		"count": len(rows),
		"overdue": sum(r.overdue for r in rows),
		"items": rows[: cint(limit) or SHOWN],
	}
