"""Documents whose `status` moves only through their actions (accept, confirm, post, reply …).

As ERPNext's `StatusUpdater` keeps a document's status map on the controller, a `StatusFlow`
controller declares `status_flow`: each status and the statuses its actions may move it to.

- A save that changes `status` outside an action is refused on the server.
- An action starts with `begin_action()`: the document is read again from the database with its
  row locked, so the action sees what is stored, not the copy the client sent with the call
  (`run_doc_method` builds the document from the request), and two clicks at once act once.
- `move_to()` checks the move against `status_flow` from the stored status, then saves.
"""

from typing import ClassVar

import frappe
from frappe import _
from frappe.model.document import Document

from lvyue_ops.permissions import require_step


class StatusFlow:
	# status -> the statuses the document's actions may move it to
	status_flow: ClassVar[dict[str, tuple[str, ...]]] = {}

	def validate_status_change(self, message: str | None = None) -> None:
		"""In `validate`: the status is the action's to change, not the form's."""
		before = self.get_doc_before_save()
		if before and before.status != self.status and not self.flags.status_change_allowed:
			frappe.throw(message or _("The status changes only through the document's actions."))

	def validate_action_fields(self, fields) -> None:
		"""In `validate`: fields only the document's actions (and jobs) write are not set by a save,
		not even of a draft (the form shows them read-only; the API would take them)."""
		if self.flags.status_change_allowed:
			return
		before = self.get_doc_before_save()
		changed = [
			f for f in fields if (self.get(f) or None) != ((before.get(f) if before else None) or None)
		]
		if changed:
			frappe.throw(
				_("{0} are set by the document's actions, not by hand.").format(
					", ".join(_(self.meta.get_label(f)) for f in changed)
				)
			)

	def validate_locked(self, open_statuses, editable=(), message: str | None = None) -> set[str]:
		"""In `validate`: past its open statuses, the document changes only in `editable` fields
		(and through its actions). Returns the fields that changed."""
		before = self.get_doc_before_save()
		if not before or before.status in open_statuses or self.flags.status_change_allowed:
			return set()
		changed = set(changed_fields(self, before, ignore={"status"}))
		if changed - set(editable):
			frappe.throw(
				message
				or _("A {0} that is {1} does not change: {2}.").format(
					_(self.doctype),
					_(before.status),
					", ".join(_(self.meta.get_label(f)) for f in sorted(changed - set(editable))),
				)
			)
		return changed

	def begin_action(self, step: str | None = None) -> None:
		"""See `begin_action` below: the action acts on the stored document."""
		begin_action(self, step)

	def require_status(self, *statuses: str, message: str | None = None) -> None:
		if self.status not in statuses:
			frappe.throw(
				message
				or _("This is not possible for a {0} that is {1}.").format(_(self.doctype), _(self.status))
			)

	def check_move(self, status: str) -> None:
		if status not in self.status_flow.get(self.status, ()):
			frappe.throw(
				_("A {0} that is {1} cannot become {2}.").format(_(self.doctype), _(self.status), _(status))
			)

	def move_to(self, status: str, save: bool = True, ignore_permissions: bool = False) -> None:
		self.check_move(status)
		self.status = status
		self.flags.status_change_allowed = True
		if save:
			self.save(ignore_permissions=ignore_permissions)


def begin_action(doc: Document, step: str | None = None, ptype: str = "read") -> None:
	"""The start of every action a user calls on a document (`run_doc_method` builds the document
	from the request, so nothing in it can be trusted): re-read the stored document with its row
	locked, discarding what the caller sent (two clicks at once act once), then, for a `step` of
	the role table, check that the user holds its role in the *stored* company, and check the
	user's own `ptype` permission on the stored record (User Permissions included)."""
	if doc.is_new():
		frappe.throw(_("Please save the document first."))
	if not frappe.db.get_value(doc.doctype, doc.name, "name", for_update=True):
		frappe.throw(_("{0} {1} does not exist.").format(_(doc.doctype), doc.name), frappe.DoesNotExistError)
	doc.load_from_db()
	if step:
		require_step(step, doc.get("company"))
	doc.check_permission(ptype)


def changed_fields(doc, before, ignore=()) -> list[str]:
	"""The fields (and child tables) whose value differs from the stored document, each compared as
	its field type's value (a form sends dates and numbers as text)."""
	from frappe.model import default_fields

	changed = []
	for df in doc.meta.fields:
		if df.fieldname in ignore or df.fieldname in default_fields or df.fieldtype in NO_VALUE:
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if _rows(doc, df.fieldname) != _rows(before, df.fieldname):
				changed.append(df.fieldname)
		elif _value(df.fieldtype, doc.get(df.fieldname)) != _value(df.fieldtype, before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed


NO_VALUE = ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading")


def _value(fieldtype: str, value):
	"""A field's value as its type's Python value; None for an empty one (0 counts as empty)."""
	from frappe.utils.data import cast

	if value in (None, "", 0):
		return None
	try:
		typed = cast(fieldtype, value)
	except Exception:
		return value
	return typed or None


def _rows(doc, fieldname: str) -> list[dict]:
	from frappe.model import child_table_fields, default_fields

	skip = {*default_fields, *child_table_fields}
	rows = []
	for row in doc.get(fieldname):
		types = {df.fieldname: df.fieldtype for df in row.meta.fields}
		values = {
			k: _value(types.get(k, "Data"), v)
			for k, v in row.as_dict().items()
			if k not in skip and not k.startswith("__")
		}
		rows.append({k: v for k, v in values.items() if v is not None})
	return rows
