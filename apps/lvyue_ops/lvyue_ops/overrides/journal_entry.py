"""lvyue_ops on ERPNext's Journal Entry (hooks.py: doc_events): a bad debt (坏账) or a transfer (转账)
of a customer's receivable is proposed by Operations (receivables.propose_journal_entry) and posted
by Finance, never by whoever proposed it (运营部管理规定 第四章 第二条: 处理应收款的回收、坏账、转账)."""

import frappe
from frappe import _

from lvyue_ops.permissions import require_step
from lvyue_ops.receivables.receivables import POST_ENTRY
from lvyue_ops.utils.notify import alert, close_step


def validate(doc, method=None):
	before = doc.get_doc_before_save()
	proposal = ("lvyue_purpose", "lvyue_proposed_by", "lvyue_proposal_reason")
	if doc.is_new():
		if doc.get("lvyue_purpose") and not doc.flags.lvyue_proposal:
			frappe.throw(_("A bad debt or a transfer is proposed by Operations through its own button."))
	elif before and any(before.get(f) != doc.get(f) for f in proposal):
		frappe.throw(_("What Operations proposed is kept as it was proposed."))


def before_submit(doc, method=None):
	if not doc.get("lvyue_purpose"):
		return
	require_step(POST_ENTRY, doc.company)
	if doc.lvyue_proposed_by == frappe.session.user:
		frappe.throw(_("Whoever proposed a bad debt or a transfer does not post it."), frappe.PermissionError)


def on_submit(doc, method=None):
	if not doc.get("lvyue_purpose"):
		return
	close_step(doc.doctype, doc.name, POST_ENTRY, doc.company)
	alert(
		[doc.lvyue_proposed_by],
		lambda: _("Finance posted the {0} you proposed: {1}").format(
			_(doc.lvyue_purpose, context="Journal Entry"), doc.name
		),
		doc.doctype,
		doc.name,
		from_user=frappe.session.user,
	)
