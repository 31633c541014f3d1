"""Business acceptance (业务受理): the customer's qualification documents, the Business Order's
rules by order type, and the 3-day document rule.

Controllers stay thin and call these functions; tests call them directly too.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, flt, get_fullname, getdate, now_datetime, nowdate

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.lvyue_ops.notify import assign, users_with_role
from lvyue_ops.lvyue_ops.status import guard_status

QUALIFICATION = "Customer Qualification"
ORDER = "Business Order"
QUALIFICATION_DOCUMENTS = ("Business Licence", "Legal Representative ID", "Operator ID", "Handler ID")
REVIEWER_ROLES = (R.BUSINESS_ASSISTANT, "System Manager")
ORDER_ROLES = (R.BUSINESS_ASSISTANT, "System Manager")

NEEDS_APPROVED_CONTRACT = ("New Installation", "Dismantle", "Relocation")

# --- qualification ---------------------------------------------------------------------------


def get_qualification(customer: str):
	"""The customer's qualification record, created with one row per required document."""
	if frappe.db.exists(QUALIFICATION, customer):
		return frappe.get_doc(QUALIFICATION, customer)
	doc = frappe.new_doc(QUALIFICATION)
	doc.customer = customer
	doc.flags.ignore_permissions = True
	doc.insert()
	return doc


def validate_qualification(doc):
	"""One row per document type; uploads go to review; only reviewers approve or reject."""
	seen = set()
	for row in doc.documents:
		if row.document_type in seen:
			frappe.throw(_("{0} is listed twice.").format(_(row.document_type)))
		seen.add(row.document_type)
	for document_type in QUALIFICATION_DOCUMENTS:
		if document_type not in seen:
			doc.append("documents", {"document_type": document_type, "status": "Missing"})

	before = {row.name: row for row in (doc.get_doc_before_save() or frappe._dict(documents=[])).documents}
	for row in doc.documents:
		old = before.get(row.name)
		file_changed = not old or old.file != row.file
		status_changed = not old or old.status != row.status
		if file_changed and row.file:
			row.status = "Pending Review"
			row.uploaded_on = now_datetime()
			row.uploaded_by = frappe.session.user
			row.rejection_reason = None
			row.reviewed_by = row.reviewed_on = None
		elif not row.file:
			row.status = "Missing"
		elif status_changed and row.status in ("Approved", "Rejected"):
			review_document(row)
		elif status_changed and old:
			frappe.throw(_("Row {0}: a document can only be approved or rejected.").format(row.idx))
	doc.qualification_status = "Complete" if is_complete(doc) else "Incomplete"


def review_document(row):
	if not set(REVIEWER_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only the Business Assistant may review qualification documents."), frappe.PermissionError)
	if row.status == "Rejected" and not (row.rejection_reason or "").strip():
		frappe.throw(_("Row {0}: please give the reason for rejecting {1}.").format(row.idx, _(row.document_type)))
	if row.status == "Approved":
		row.rejection_reason = None
	row.reviewed_by = frappe.session.user
	row.reviewed_on = now_datetime()


def is_complete(qualification) -> bool:
	approved = {row.document_type for row in qualification.documents if row.status == "Approved"}
	return approved >= set(QUALIFICATION_DOCUMENTS)


def qualification_complete(customer: str) -> bool:
	return frappe.db.get_value(QUALIFICATION, customer, "qualification_status") == "Complete"


def on_qualification_update(doc):
	"""Orders of the customer follow its qualification: Accepted -> Documents Complete."""
	for order in frappe.get_all(
		ORDER,
		filters={"customer": doc.customer, "status": ("in", ("Draft", "Accepted"))},
		fields=["name", "status", "qualification_status"],
	):
		if order.status == "Accepted" and doc.qualification_status == "Complete":
			order = frappe.get_doc(ORDER, order.name)
			order.flags.ignore_permissions = True
			_set_status(order, "Documents Complete")
		elif order.qualification_status != doc.qualification_status:
			frappe.db.set_value(ORDER, order.name, "qualification_status", doc.qualification_status)


def record_documents(customer: str, files: dict[str, str]):
	"""Put files (document type -> file URL) into the customer's qualification for review."""
	qualification = get_qualification(customer)
	for row in qualification.documents:
		if row.document_type in files:
			row.file = files[row.document_type]
	qualification.flags.ignore_permissions = True
	qualification.save()
	return qualification


# --- business order ---------------------------------------------------------------------------


def validate_order(order):
	"""Rules that hold on every save."""
	for row in order.resources:
		if flt(row.quantity) <= 0:
			frappe.throw(_("Row {0}: the quantity must be greater than zero.").format(row.idx))
	if order.order_type == "Ownership Transfer" and order.new_customer == order.customer:
		frappe.throw(_("The new customer of a transfer must be another customer."))
	if order.original_to_finance and not order.original_to_finance_date:
		frappe.throw(_("Please give the date the original was handed to Finance."))
	order.qualification_status = "Complete" if qualification_complete(order.customer) else "Incomplete"
	guard_status(order, _("The status changes only through the order's actions."))


def check_acceptance(order):
	"""Everything that must hold before the Business Assistant accepts the order."""
	if order.disputed and not (order.meeting_date and (order.meeting_attendees or "").strip() and (order.meeting_decision or "").strip()):
		frappe.throw(_("A disputed customer can only be accepted after the meeting decision (date, attendees, decision) is recorded."))

	if order.order_type in NEEDS_APPROVED_CONTRACT:
		check_approved_contract(order.contract, order.customer)
	elif order.order_type == "Add Quantity":
		contract = check_approved_contract(order.contract, order.customer)
		if not contract.is_framework_contract:
			frappe.throw(_("Contract {0} is not a framework contract: added quantity needs a new approved contract.").format(order.contract))
		if not order.stamped_order_form:
			frappe.throw(_("Please attach the stamped order form: it is the framework contract's annex."))
	elif order.order_type == "Name Change":
		check_rename(order)
	elif order.order_type == "Ownership Transfer":
		if not order.new_customer:
			frappe.throw(_("Please select the new customer of the transfer."))
		check_approved_contract(
			order.new_contract,
			order.new_customer,
			_("Please select the new customer's contract: a transfer needs an approved contract."),
		)


def check_approved_contract(contract: str | None, customer: str, missing: str | None = None):
	if not contract:
		frappe.throw(missing or _("Please select the contract: this order type needs an approved contract."))
	doc = frappe.db.get_value(
		"Contract", contract, ["name", "docstatus", "party_type", "party_name", "is_framework_contract"], as_dict=True
	)
	if not doc or doc.docstatus != 1:
		frappe.throw(_("Contract {0} has not been approved.").format(contract))
	if doc.party_type != "Customer" or doc.party_name != customer:
		frappe.throw(_("Contract {0} belongs to another customer.").format(contract))
	return doc


def check_rename(order):
	missing = [
		label
		for label, value in (
			(_("New Customer Name"), (order.new_customer_name or "").strip()),
			(_("Name-change Certificate"), order.name_change_certificate),
			(_("New Business Licence"), order.new_business_licence),
			(_("New Legal Representative ID"), order.new_legal_rep_id),
		)
		if not value
	]
	if missing:
		frappe.throw(_("A rename needs: {0}.").format(", ".join(missing)))
	if not (order.old_seal_confirmed and order.new_seal_confirmed):
		frappe.throw(_("The name-change certificate must carry the seals of both the old and the new company."))
	if frappe.db.exists("Customer", order.new_customer_name.strip()):
		frappe.throw(_("A customer named {0} already exists.").format(order.new_customer_name))


def _check_role(roles):
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(_("Only the Business Assistant may move a Business Order on."), frappe.PermissionError)


def _set_status(order, status: str):
	order.status = status
	order.flags.status_change_allowed = True
	order.save()


def accept_order(order):
	"""The Business Assistant takes over the signed order and hands it to Operations."""
	_check_role(ORDER_ROLES)
	if order.status != "Draft":
		frappe.throw(_("Only a draft order can be accepted."))
	check_acceptance(order)
	if order.order_type == "Name Change":
		rename_customer(order)
	now = now_datetime()
	order.handover_date = now
	if qualification_complete(order.customer):
		order.document_deadline = None
		_set_status(order, "Documents Complete")
	else:
		get_qualification(order.customer)
		order.document_deadline = add_to_date(now, days=get_setting("document_deadline_days"))
		_set_status(order, "Accepted")
	return order


def rename_customer(order):
	"""Rename with ERPNext's rename (links follow), then file the new company's documents."""
	old = order.customer
	new_name = order.new_customer_name.strip()
	frappe.db.set_value("Customer", old, "customer_name", new_name)
	if frappe.db.get_single_value("Selling Settings", "cust_master_name") != "Naming Series":
		from frappe.model.rename_doc import rename_doc

		# the Business Assistant's right to accept the order is the right to rename
		rename_doc("Customer", old, new_name, force=True, show_alert=False, ignore_permissions=True)
		order.customer = new_name
	record_documents(
		order.customer,
		{"Business Licence": order.new_business_licence, "Legal Representative ID": order.new_legal_rep_id},
	)
	order.add_comment("Info", _("Customer {0} renamed to {1}.").format(old, new_name))


def activate_order(order):
	_check_role(ORDER_ROLES)
	if order.status != "Documents Complete":
		frappe.throw(_("An order is activated once its qualification documents are complete."))
	if not order.completion_form:
		frappe.throw(_("Please attach the completion form (竣工单) before activation."))
	order.activated_on = nowdate()
	_set_status(order, "Activated")
	return order


ARCHIVE_CHECKS = (
	("contract_original_archived", "Contract Original Archived"),
	("qualification_copies_archived", "Qualification Copies Archived"),
	("completion_form_archived", "Completion Form Archived"),
	("original_to_finance", "Original Handed to Finance"),
)


def archive_order(order):
	_check_role(ORDER_ROLES)
	if order.status != "Activated":
		frappe.throw(_("Only an activated order can be archived."))
	missing = [_(label) for field, label in ARCHIVE_CHECKS if not order.get(field)]
	if missing:
		frappe.throw(_("Before archiving, please complete: {0}.").format(", ".join(missing)))
	_set_status(order, "Archived")
	return order


def cancel_order(order):
	_check_role(ORDER_ROLES)
	if order.status in ("Activated", "Archived", "Cancelled"):
		frappe.throw(_("An order that is {0} cannot be cancelled.").format(_(order.status)))
	_set_status(order, "Cancelled")
	return order


# --- the 3-day document rule (scheduler) ------------------------------------------------------


def check_document_deadlines(now=None) -> list[str]:
	"""Orders handed over with documents still missing after the deadline get a risk assessment
	for the Operations Supervisor and a shutdown request due within the set hours."""
	now = now or now_datetime()
	overdue = frappe.get_all(
		ORDER,
		filters={"status": "Accepted", "document_deadline": ("<", now), "risk_assessment": ("is", "not set")},
		pluck="name",
	)
	for name in overdue:
		order = frappe.get_doc(ORDER, name)
		if qualification_complete(order.customer):
			continue
		raise_document_risk(order, now)
	return overdue


def missing_documents(customer: str) -> list[str]:
	qualification = get_qualification(customer)
	return [row.document_type for row in qualification.documents if row.status != "Approved"]


def raise_document_risk(order, now):
	missing = ", ".join(_(d) for d in missing_documents(order.customer))
	reason = _("Qualification documents still missing after the deadline {0}: {1}").format(
		frappe.utils.format_datetime(order.document_deadline), missing
	)
	risk = frappe.get_doc(
		{"doctype": "Risk Assessment", "customer": order.customer, "business_order": order.name, "reason": reason}
	).insert(ignore_permissions=True)
	lines = "\n".join(filter(None, ((row.resource_numbers or "").strip() for row in order.resources))) or "\n".join(
		f"{row.item_code} × {flt(row.quantity):g}" for row in order.resources
	)
	shutdown = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"request_type": "Shutdown",
			"company": order.company,
			"customer": order.customer,
			"lines_or_numbers": lines,
			"reason": reason,
			"requested_date": now.date(),
			"due_by": add_to_date(now, hours=get_setting("shutdown_request_hours")),
			"business_order": order.name,
			"risk_assessment": risk.name,
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value(ORDER, order.name, {"risk_assessment": risk.name, "suspension_request": shutdown.name})
	assign(users_with_role(R.OPERATIONS_SUPERVISOR), "Risk Assessment", risk.name, reason, "High", date=getdate(shutdown.due_by))
	return risk, shutdown
