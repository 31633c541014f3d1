"""Documents approved through a chain of the role table (Project Approval, Purchase Request): the
chain's rules on every save, submit and cancel (workflow/approval.py). ERPNext's Contract gets the
same through overrides/contract.py."""

from lvyue_ops.workflow import approval


class ApprovalChain:
	def validate_approval(self) -> None:
		"""In `validate`, after the document's own rules."""
		approval.validate(self)

	def on_update(self):
		approval.on_state_change(self)

	def before_update_after_submit(self):
		approval.before_update_after_submit(self)

	def on_update_after_submit(self):
		approval.on_state_change(self)

	def before_cancel(self):
		approval.before_cancel(self)

	def on_trash(self):
		approval.on_trash(self)
