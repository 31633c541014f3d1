# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""One step of the operations rules and the roles that take it (permissions.STEPS). Seeded once;
an admin moves a step to another role here, and the new role gets the step's rights."""

import frappe
from frappe import _
from frappe.model.document import Document

from lvyue_ops.permissions import STEPS, step_roles_cache_key
from lvyue_ops.setup.permissions import grant


class LvyueStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.lvyue_ops.doctype.lvyue_step_role.lvyue_step_role import LvyueStepRole

		action: DF.Data | None
		document_type: DF.Link | None
		roles: DF.Table[LvyueStepRole]
		rule: DF.Data | None
		step: DF.Data

	# end: auto-generated types
	def validate(self):
		if self.step not in STEPS:
			frappe.throw(_("{0} is not a step of the operations rules.").format(self.step))
		definition = STEPS[self.step]
		if definition.chain:
			frappe.throw(_("The steps of an approval chain are edited in its Workflow."))
		self.document_type, self.action = definition.doctype, definition.action
		seen = set()
		for row in self.roles:
			if (row.role, row.company) in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, _(row.role)))
			seen.add((row.role, row.company))

	def on_update(self):
		"""The roles that take the step get the rights on the document it needs."""
		definition = STEPS[self.step]
		for role in {row.role for row in self.roles}:
			grant(definition.doctype, role, definition.rights, definition.if_owner)
		forget_step_roles(self.step)

	def on_trash(self):
		forget_step_roles(self.step)


def forget_step_roles(step: str) -> None:
	"""The step's roles as cached for the checks, and the desk's boot info that lists each user's
	steps (their buttons)."""
	frappe.cache.hdel(step_roles_cache_key, step)
	frappe.cache.delete_key("bootinfo")
