"""Status fields that move only through a document's actions (accept, confirm, post, reply …):
an edit of the field itself is refused on the server."""

import frappe
from frappe import _


def guard_status(doc, message: str | None = None):
	before = doc.get_doc_before_save()
	if before and before.status != doc.status and not doc.flags.status_change_allowed:
		frappe.throw(message or _("The status changes only through the document's actions."))
