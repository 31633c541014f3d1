"""Telling people: who holds a role, a ToDo assigned to them, an alert in their notifications.

ToDos go through frappe's assignment API (`frappe.desk.form.assign_to`), so the document's
`_assign`, the list view's "Assigned To" filter and the assignee's notification follow them; alerts
are ERPNext's Notification Log. Never hand-written mail."""

import frappe
from frappe.desk.form import assign_to
from frappe.utils import nowdate
from frappe.utils.user import get_users_with_role


def users_with_role(role: str | None) -> list[str]:
	"""Enabled desk users who hold the role (not Administrator)."""
	if not role:
		return []
	return sorted(u for u in get_users_with_role(role) if u != "Administrator")


def step_users(step: str, company: str | None = None) -> list[str]:
	"""The users who take a step of the role table now (its roles as admins set them)."""
	from lvyue_ops.permissions import step_roles

	return sorted({user for role in step_roles(step, company) for user in users_with_role(role)})


def assign_step(
	step: str,
	doctype: str,
	name: str,
	description: str,
	priority: str = "Medium",
	company: str | None = None,
	date=None,
) -> list[str]:
	"""Assign the document to the users who take `step` (a key of permissions.STEPS), tagged with
	the step's role so that `close_step` closes exactly these ToDos."""
	from lvyue_ops.permissions import step_roles

	roles = step_roles(step, company)
	return assign(step_users(step, company), doctype, name, description, priority, roles[0], date)


def close_step(doctype: str, name: str, step: str, company: str | None = None) -> list[str]:
	"""Close the ToDos `assign_step` opened for the step on the document."""
	from lvyue_ops.permissions import step_roles

	return close_assignments(doctype, name, role=("in", step_roles(step, company)))


def _open_todos(doctype: str, name: str, **filters) -> list[frappe._dict]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open", **filters},
		fields=["name", "allocated_to"],
	)


def assign(
	users,
	doctype: str,
	name: str,
	description: str,
	priority: str = "Medium",
	role: str | None = None,
	date=None,
) -> list[str]:
	"""Assign the document to each user (one open ToDo per user and document, as frappe keeps it).
	`role` tags the ToDos opened here, so the code that opened them can close exactly these later.
	Returns the ToDos opened."""
	users = sorted({u for u in users if u})
	if not users:
		return []
	before = {t.name for t in _open_todos(doctype, name)}
	assign_to.add(
		{
			"assign_to": users,
			"doctype": doctype,
			"name": name,
			"description": description,
			"priority": priority,
			"date": date or nowdate(),
		},
		ignore_permissions=True,
	)
	opened = [t.name for t in _open_todos(doctype, name) if t.name not in before]
	if role and opened:
		frappe.db.set_value("ToDo", {"name": ("in", opened)}, "role", role, update_modified=False)
	return opened


def close_assignments(doctype: str, name: str, **filters) -> list[str]:
	"""Close the document's open ToDos (those matching `filters`, e.g. role=...), through frappe's
	API so the document's `_assign` no longer lists the users."""
	closed = []
	for todo in _open_todos(doctype, name, **filters):
		assign_to.set_status(
			doctype,
			name,
			todo=todo.name,
			assign_to=todo.allocated_to,
			status="Closed",
			ignore_permissions=True,
		)
		closed.append(todo.name)
	return closed


def alert(users, subject: str, doctype: str, name: str, **extra):
	"""An alert in each user's notifications (bell icon), queued once the transaction commits: a
	job that fails and rolls back has alerted nobody (tests, as frappe's own, run it at once)."""
	users = sorted({u for u in users if u})
	if not users:
		return
	doc = frappe._dict(
		{
			"type": "Alert",
			"subject": subject,
			"document_type": doctype,
			"document_name": name,
			"from_user": extra.pop("from_user", "Administrator"),
			**extra,
		}
	)
	frappe.enqueue(
		"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
		doc=doc,
		users=users,
		now=frappe.flags.in_test,
		enqueue_after_commit=True,
	)
