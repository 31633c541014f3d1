"""Telling people: who holds a role, a ToDo assigned to them, an alert in their notifications.
ERPNext's own ToDo and Notification Log, never hand-written mail."""

import frappe
from frappe.utils.user import get_users_with_role


def users_with_role(role: str | None) -> list[str]:
	"""Enabled desk users who hold the role (not Administrator)."""
	if not role:
		return []
	return sorted(u for u in get_users_with_role(role) if u != "Administrator")


def assign(users, doctype: str, name: str, description: str, priority: str = "Medium", role: str | None = None, date=None):
	"""A ToDo for each user on the document. `role` tags the ToDo so the code that opened it can
	find and close it again."""
	for user in users:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": doctype,
				"reference_name": name,
				"description": description,
				"priority": priority,
				"role": role,
				"date": date,
			}
		).insert(ignore_permissions=True)


def close_assignments(doctype: str, name: str, **filters):
	for todo in frappe.get_all("ToDo", filters={"reference_type": doctype, "reference_name": name, "status": "Open", **filters}, pluck="name"):
		frappe.db.set_value("ToDo", todo, "status", "Closed")


def alert(users, subject: str, doctype: str, name: str, **extra):
	"""An alert in each user's notifications (bell icon)."""
	if not users:
		return
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	enqueue_create_notification(
		list(users),
		{"type": "Alert", "subject": subject, "document_type": doctype, "document_name": name, "from_user": extra.pop("from_user", "Administrator"), **extra},
	)
