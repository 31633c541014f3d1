"""Telling people: who holds a role, a ToDo assigned to them, an alert in their notifications.

ToDos go through frappe's assignment API (`frappe.desk.form.assign_to`), so the document's
`_assign`, the list view's "Assigned To" filter and the assignee's notification follow them; alerts
are ERPNext's Notification Log. Never hand-written mail: frappe mails a ToDo's notification to a
user who has an email address (unless their Notification Settings turn it off).

Every text a person reads here is written in that person's language (User.language, else the
site's), as frappe's own assignment notification is: callers pass a function that builds the text,
and it is called once per language of the readers, with `_()` in that language.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import frappe
from frappe.desk.form import assign_to
from frappe.translate import get_user_lang
from frappe.utils import formatdate, get_datetime, nowdate
from frappe.utils.user import get_users_with_role

# a text for readers: a function of no arguments that builds it with _() (called in each reader's
# language), or a string already made (names, numbers: the same in every language)
Text = str | Callable[[], str]


@contextmanager
def in_language(lang: str) -> Iterator[None]:
	"""`_()` translates into `lang` within the block (frappe.translate.print_language, restored also
	when the block fails)."""
	previous, jenv = frappe.local.lang, frappe.local.jenv
	frappe.local.lang, frappe.local.jenv = lang, None
	try:
		yield
	finally:
		frappe.local.lang, frappe.local.jenv = previous, jenv


def by_language(users) -> dict[str, list[str]]:
	"""The users grouped by the language they read."""
	groups = defaultdict(list)
	for user in sorted({u for u in users if u}):
		groups[get_user_lang(user)].append(user)
	return dict(groups)


def render(text: Text, lang: str | None = None) -> str:
	"""The text in `lang` (the current language when not given)."""
	if not callable(text):
		return text
	if not lang:
		return text()
	with in_language(lang):
		return text()


def when(value) -> str:
	"""A date and time as a person reads it: the site's date format, to the minute."""
	return f"{formatdate(value)} {get_datetime(value):%H:%M}" if value else ""


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
	description: Text,
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
	description: Text,
	priority: str = "Medium",
	role: str | None = None,
	date=None,
) -> list[str]:
	"""Assign the document to each user (one open ToDo per user and document, as frappe keeps it).
	`role` tags the ToDos opened here, so the code that opened them can close exactly these later.
	Returns the ToDos opened."""
	before = {t.name for t in _open_todos(doctype, name)}
	for lang, readers in by_language(users).items():
		assign_to.add(
			{
				"assign_to": readers,
				"doctype": doctype,
				"name": name,
				"description": render(description, lang),
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


def alert(users, subject: Text, doctype: str, name: str, **extra):
	"""An alert in each user's notifications (bell icon), in their language, queued once the
	transaction commits: a job that fails and rolls back has alerted nobody (tests, as frappe's own,
	run it at once)."""
	from_user = extra.pop("from_user", "Administrator")
	for lang, readers in by_language(users).items():
		doc = frappe._dict(
			{
				"type": "Alert",
				"subject": render(subject, lang),
				"document_type": doctype,
				"document_name": name,
				"from_user": from_user,
				**extra,
			}
		)
		frappe.enqueue(
			"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
			doc=doc,
			users=readers,
			now=frappe.flags.in_test,
			enqueue_after_commit=True,
		)
