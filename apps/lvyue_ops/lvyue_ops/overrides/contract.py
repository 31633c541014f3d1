"""lvyue_ops on ERPNext's Contract (hooks.py: doc_events, doctype_js): the approval chain, its
rule that a contract goes for approval only with an approved Project Approval of the customer, the
customer's invitation to the portal once the contract is approved (运营部管理规定 第四章 第一条
1-5), and the contract's key dates: its renewal through the chain and its termination."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, formatdate, getdate, nowdate

from lvyue_ops import roles as R
from lvyue_ops.approvals.doctype.project_approval.project_approval import get_approved_project_approval
from lvyue_ops.line_register.lines import check_no_lines_in_service
from lvyue_ops.permissions import require_step
from lvyue_ops.portal import add_portal_user
from lvyue_ops.utils.notify import assign, assign_step, close_assignments
from lvyue_ops.workflow import approval


def validate(doc, method=None):
	approval.validate(doc)
	if approval.state_of(doc) not in approval.DRAFT_STATES and _leaves_draft(doc):
		customer = doc.party_name if doc.party_type == "Customer" else None
		get_approved_project_approval(doc.get("lvyue_project_approval"), customer)


def before_update_after_submit(doc, method=None):
	approval.before_update_after_submit(doc)


def before_cancel(doc, method=None):
	approval.before_cancel(doc)


def on_trash(doc, method=None):
	approval.on_trash(doc)


def on_update(doc, method=None):
	approval.on_state_change(doc)
	if doc.docstatus == 1 and doc.has_value_changed("lvyue_portal_email") and invite_to_portal(doc):
		close_assignments(doc.doctype, doc.name, role=R.SALES_USER)


def on_submit(doc, method=None):
	if not invite_to_portal(doc) and doc.party_type == "Customer" and not customer_has_portal(doc.party_name):
		# 第四章第一条 1-9: the customer enters its documents on the portal once the contract passes
		assign(
			[doc.owner],
			doc.doctype,
			doc.name,
			lambda: _(
				"Contract {0} is approved: give the customer's contact email on it, to invite them to the portal for the qualification documents."
			).format(doc.name),
			role=R.SALES_USER,
		)
	if doc.get("lvyue_renewal_of"):  # the renewal is approved: the old contract is renewed by it
		frappe.db.set_value("Contract", doc.lvyue_renewal_of, "lvyue_renewed_by", doc.name)


def _leaves_draft(doc) -> bool:
	before = doc.get_doc_before_save()
	return not before or approval.state_of(before) in approval.DRAFT_STATES


def invite_to_portal(doc):
	"""The approved contract's customer contact gets the portal (/qualification) to upload the
	company's qualification documents: a website user, one of the customer's portal users, and
	frappe's welcome mail to set a password. True once invited."""
	email = (doc.get("lvyue_portal_email") or "").strip()
	if doc.party_type != "Customer" or not email:
		return False
	user = frappe.db.get_value("User", {"email": email})
	if not user:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": doc.party_full_name or doc.party_name,
				"user_type": "Website User",
				"language": "zh",
				"send_welcome_email": 1,
				"roles": [{"role": "Customer"}],
			}
		)
		user.insert(ignore_permissions=True)  # the approval's, whoever gave the last one
		user = user.name
	elif frappe.get_cached_value("User", user, "user_type") != "Website User":
		frappe.msgprint(_("{0} is a staff user: no portal invitation was sent.").format(email), alert=True)
		return False
	add_portal_user(doc.party_name, user)
	doc.add_comment(
		"Info", _("{0} was invited to the portal to upload the qualification documents.").format(email)
	)
	return True


@frappe.whitelist(methods=["POST"])
def invite_customer_contact(contract: str, email: str) -> None:
	"""The salesperson gives the approved contract's customer contact, who is invited to the portal."""
	doc = frappe.get_doc("Contract", contract)
	doc.check_permission("read")
	require_step("contract.submit")
	if doc.docstatus != 1:
		frappe.throw(
			_("The contact is invited once the contract is approved; give it on the contract before.")
		)
	email = (email or "").strip()
	frappe.utils.validate_email_address(email, throw=True)
	doc.db_set("lvyue_portal_email", email)
	if invite_to_portal(doc):
		close_assignments(doc.doctype, doc.name, role=R.SALES_USER)


def customer_has_portal(customer: str) -> bool:
	return bool(frappe.db.exists("Portal User", {"parenttype": "Customer", "parent": customer}))


# --- key dates: renewal and termination ------------------------------------------------------

# what a renewal takes over from the contract it renews (its terms and its approval's basis)
RENEWED_FIELDS = (
	"party_type",
	"party_name",
	"party_user",
	"contract_template",
	"contract_terms",
	"requires_fulfilment",
	"lvyue_project_approval",
	"lvyue_involves_equipment",
	"lvyue_is_framework_contract",
	"lvyue_portal_email",
)


def live_contract(name: str):
	"""An approved contract neither terminated nor renewed yet, or a clear error."""
	doc = frappe.get_doc("Contract", name)
	doc.check_permission("read")
	if doc.docstatus != 1:
		frappe.throw(_("Contract {0} has not been approved.").format(name))
	if doc.get("lvyue_terminated_on"):
		frappe.throw(_("Contract {0} was terminated on {1}.").format(name, doc.lvyue_terminated_on))
	if doc.get("lvyue_renewed_by"):
		frappe.throw(_("Contract {0} is renewed by {1} already.").format(name, doc.lvyue_renewed_by))
	return doc


@frappe.whitelist()
def make_renewal(source_name: str, target_doc=None):
	"""A new contract with the old one's terms, from the day after it ends for as long again; the
	salesperson submits it through the approval chain (合同续签). Unsaved, for the form."""
	require_step("contract.renew")
	source = live_contract(source_name)
	start = add_days(source.end_date or nowdate(), 1)
	length = date_diff(source.end_date, source.start_date) if source.start_date and source.end_date else 364
	return frappe.get_doc(
		{
			"doctype": "Contract",
			**{fieldname: source.get(fieldname) for fieldname in RENEWED_FIELDS},
			"start_date": start,
			"end_date": add_days(start, length),
			"lvyue_renewal_of": source.name,
		}
	)


@frappe.whitelist(methods=["POST"])
def terminate(contract: str, terminated_on: str, reason: str) -> list[str]:
	"""The contract ends early (合同终止), once its lines are dismantled (拆机: none is billed after
	it): its date and reason are recorded, and the customer's orders still open go to the Business
	Assistant. Returns those orders."""
	require_step("contract.terminate")
	doc = live_contract(contract)
	frappe.db.get_value("Contract", contract, "name", for_update=True)
	check_no_lines_in_service(contract)  # the lines are dismantled (拆机) first
	if not (reason or "").strip():
		frappe.throw(_("Please give the reason for the termination."))
	terminated_on = getdate(terminated_on)
	if doc.start_date and terminated_on < getdate(doc.start_date):
		frappe.throw(_("A contract is not terminated before it starts."))
	doc.db_set({"lvyue_terminated_on": terminated_on, "lvyue_termination_reason": reason.strip()})
	orders = frappe.get_all(
		"Business Order",
		filters={
			"customer": doc.party_name if doc.party_type == "Customer" else "",
			"status": ("in", ("Accepted", "Documents Complete", "Activated")),
		},
		pluck="name",
		order_by="name",
	)

	def message():
		return _("Contract {0} terminated on {1} ({2}). Open Business Orders of the customer: {3}").format(
			contract, formatdate(terminated_on), reason.strip(), ", ".join(orders) or _("none")
		)

	doc.add_comment("Info", message())
	if orders:
		assign_step("business_order.accept", "Contract", contract, message, "High")
	return orders


def get_dashboard_data(data):
	"""hooks.py override_doctype_dashboards: the Contract's connections show the lines under it
	(the register)."""
	data.setdefault("fieldname", "contract")
	data.setdefault("non_standard_fieldnames", {})["Service Line"] = "contract"
	data.setdefault("transactions", []).append({"label": _("Fulfilment"), "items": ["Service Line"]})
	return data


# --- who changes a contract --------------------------------------------------------------------

# the rights that change a contract; reading, printing and reporting stay as ERPNext gives them
CHANGING_RIGHTS = ("create", "write", "delete", "submit", "cancel", "amend", "share")


def has_permission(doc, ptype=None, user=None, debug=False):
	"""A contract changes only through the chain: its rights go to the roles of the Contract's
	steps (the salesperson who drafts it, the approvers, Operations who terminates it), not to the
	other roles ERPNext gives them to (Sales Manager, Purchase Manager, HR Manager)."""
	if ptype not in CHANGING_RIGHTS:
		return None
	roles = set(frappe.get_roles(user))
	if "System Manager" in roles or roles & contract_roles():
		return None
	return False


def contract_roles() -> set[str]:
	from lvyue_ops.permissions import STEPS, step_roles

	return {role for key, step in STEPS.items() if step.doctype == "Contract" for role in step_roles(key)}
