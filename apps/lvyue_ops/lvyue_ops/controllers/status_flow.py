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

from lvyue_ops.permissions import require_step


class StatusFlow:
	# status -> the statuses the document's actions may move it to
	status_flow: ClassVar[dict[str, tuple[str, ...]]] = {}

	def validate_status_change(self, message: str | None = None) -> None:
		"""In `validate`: the status is the action's to change, not the form's."""
		before = self.get_doc_before_save()
		if before and before.status != self.status and not self.flags.status_change_allowed:
			frappe.throw(message or _("The status changes only through the document's actions."))

	def begin_action(self, step: str | None = None) -> None:
		"""Re-read the stored document with its row locked (discarding what the caller sent) and,
		for a `step` of the role table, check that the user holds its role."""
		if step:
			require_step(step)
		if self.is_new():
			frappe.throw(_("Please save the document first."))
		frappe.db.get_value(self.doctype, self.name, "name", for_update=True)
		self.load_from_db()
		self.check_permission("read")

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
