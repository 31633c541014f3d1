# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The Business Order (业务受理单): the signed order handed to the Business Assistant, checked by
order type, accepted, activated and archived (运营部管理规定 第四章 第一条)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, flt, now_datetime, nowdate

from lvyue_ops.billing.doctype.tariff.tariff import approved_prices, has_tariff, tariff_on
from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	get_qualification,
	qualification_complete,
)
from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
	credit_grade,
)
from lvyue_ops.line_register import lines
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import has_step, require_step
from lvyue_ops.utils.files import check_file_name
from lvyue_ops.utils.naming import name_from_series

NEEDS_APPROVED_CONTRACT = ("New Installation", "Dismantle", "Relocation")
# a name change's papers: the new company's licence and its legal representative's ID card
ID_SCAN_FIELDS = ("name_change_certificate", "new_business_licence", "new_legal_rep_id")
# written by the order's actions and the 3-day rule's job only
ACTION_FIELDS = (
	"handover_date",
	"document_deadline",
	"risk_assessment",
	"suspension_request",
	"activated_on",
	"documents_completed_on",
	"status_since",
	"stalled_alerted_on",
	"credit_override_by",
	"price_override_by",
)
CHANGES = ("Dismantle", "Relocation")

# what the Business Assistant still records on an accepted order, for its archive (1-11)
ARCHIVE_FIELDS = {
	"completion_form",
	"contract_original_archived",
	"qualification_copies_archived",
	"completion_form_archived",
	"original_to_finance",
	"original_to_finance_date",
}

ARCHIVE_CHECKS = (
	("contract_original_archived", "Contract Original Archived"),
	("qualification_copies_archived", "Qualification Copies Archived"),
	("completion_form_archived", "Completion Form Archived"),
	("original_to_finance", "Original Handed to Finance"),
)


class BusinessOrder(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.business_acceptance.doctype.business_order_resource.business_order_resource import (
			BusinessOrderResource,
		)

		activated_on: DF.Date | None
		change_approval: DF.Link | None
		company: DF.Link
		completion_form: DF.Attach | None
		completion_form_archived: DF.Check
		contract: DF.Link | None
		contract_original_archived: DF.Check
		credit_grade: DF.Literal["", "A", "B", "C", "D"]
		credit_override: DF.Check
		credit_override_by: DF.Link | None
		credit_override_reason: DF.SmallText | None
		customer: DF.Link
		disputed: DF.Check
		document_deadline: DF.Datetime | None
		documents_completed_on: DF.Datetime | None
		handover_date: DF.Datetime | None
		issue: DF.Link | None
		meeting_attendees: DF.SmallText | None
		meeting_date: DF.Date | None
		meeting_decision: DF.Text | None
		name_change_certificate: DF.Attach | None
		naming_series: DF.Literal["BO-.YYYY.-"]
		new_business_licence: DF.Attach | None
		new_contract: DF.Link | None
		new_customer: DF.Link | None
		new_customer_name: DF.Data | None
		new_legal_rep_id: DF.Attach | None
		new_seal_confirmed: DF.Check
		old_seal_confirmed: DF.Check
		order_date: DF.Date
		order_type: DF.Literal[
			"New Installation", "Add Quantity", "Dismantle", "Relocation", "Name Change", "Ownership Transfer"
		]
		original_to_finance: DF.Check
		original_to_finance_date: DF.Date | None
		price_override: DF.Check
		price_override_by: DF.Link | None
		price_override_reason: DF.SmallText | None
		qualification_copies_archived: DF.Check
		qualification_status: DF.Literal["Incomplete", "Complete"]
		resources: DF.Table[BusinessOrderResource]
		risk_assessment: DF.Link | None
		sales_person: DF.Link | None
		stalled_alerted_on: DF.Datetime | None
		stamped_order_form: DF.Attach | None
		status: DF.Literal["Draft", "Accepted", "Documents Complete", "Activated", "Archived", "Cancelled"]
		status_since: DF.Datetime | None
		suspension_request: DF.Link | None
	# end: auto-generated types
	# a service may be activated while documents are outstanding: the 3-day rule then follows it
	status_flow = {
		"Draft": ("Accepted", "Documents Complete", "Cancelled"),
		"Accepted": ("Documents Complete", "Activated", "Cancelled"),
		"Documents Complete": ("Activated", "Cancelled"),
		"Activated": ("Archived",),
	}

	def autoname(self):
		name_from_series(self, "BO-.YYYY.-")

	def validate(self):
		for row in self.resources:
			if flt(row.quantity) <= 0:
				frappe.throw(_("Row {0}: the quantity must be greater than zero.").format(row.idx))
		if self.order_type == "Ownership Transfer" and self.new_customer == self.customer:
			frappe.throw(_("The new customer of a transfer must be another customer."))
		if self.original_to_finance and not self.original_to_finance_date:
			frappe.throw(_("Please give the date the original was handed to Finance."))
		self.qualification_status = "Complete" if qualification_complete(self.customer) else "Incomplete"
		self.validate_status_change(_("The status changes only through the order's actions."))
		self.validate_action_fields(ACTION_FIELDS)
		if self.status == "Draft":  # a 拆机, 迁改 or 过户 names the customer's lines in service
			lines.check_order_lines(self, complete=False)
		self.validate_accepted_order()
		if self.is_new() or self.has_value_changed("status"):
			self.status_since = now_datetime()  # how long it stays in a status (stalled orders)
			if self.status == "Documents Complete":
				self.documents_completed_on = self.status_since
		if self.is_new() or self.has_value_changed("customer") or self.has_value_changed("company"):
			if not self.is_new() and not self.has_value_changed("credit_override"):
				# the General Manager accepted the risk of another customer
				self.credit_override, self.credit_override_reason, self.credit_override_by = 0, None, None
			self.check_credit()
		self.validate_price_override()
		for df in self.meta.get("fields", {"fieldtype": "Attach"}):
			if self.is_new() or self.has_value_changed(df.fieldname):
				check_file_name(self.get(df.fieldname), _(df.label))

	def on_trash(self):
		"""An order deleted before its activation takes its pending lines with it."""
		lines.drop_pending_lines(self)

	def on_change(self):
		"""After frappe's own on_update hooks (which attach every Attach value to the order again)."""
		before = self.get_doc_before_save()
		replaced = {before.get(f) for f in ID_SCAN_FIELDS} if before else set()
		keep_id_scans_private(self, replaced - {self.get(f) for f in ID_SCAN_FIELDS})

	def check_credit(self):
		"""A grade D customer (客户信用评估) is asked for prepayment or a deposit: a warning, or —
		where Settings say so — a refusal the General Manager may override with the reason. The
		grade is the one the order's company assessed: each company has its own experience of
		the customer."""
		self.credit_grade = credit_grade(self.customer, self.company)
		if self.credit_grade != "D":
			return
		if get_setting("low_credit_policy") != "Refuse":
			frappe.msgprint(
				_(
					"{0} has credit grade D: ask for prepayment or a deposit before the service goes live."
				).format(self.customer),
				indicator="orange",
				alert=True,
			)
			return
		self.require_credit_override()
		require_step("business_order.credit_override", self.company)
		if not (self.credit_override_reason or "").strip():
			frappe.throw(_("Please give the reason the credit risk is accepted."))
		self.credit_override_by = frappe.session.user

	def validate_price_override(self):
		"""The General Manager accepts prices off the tariff with the reason; a fee changed after
		that needs the acceptance again."""
		before = self.get_doc_before_save()

		def fees(doc):
			return [(r.item_code, flt(r.monthly_fee)) for r in doc.resources] if doc else []

		if self.price_override and before and before.price_override and fees(before) != fees(self):
			self.price_override, self.price_override_reason, self.price_override_by = 0, None, None
		if self.price_override and (self.is_new() or self.has_value_changed("price_override")):
			require_step("business_order.price_override", self.company)
			if not (self.price_override_reason or "").strip():
				frappe.throw(_("Please give the reason the price is accepted."))
			self.price_override_by = frappe.session.user
		elif not self.price_override:
			self.price_override_reason = self.price_override_by = None

	def check_prices(self):
		"""002 收费标准: a new line's monthly fee is its product's tariff on the order's date, or the
		price the contract's project approval approved (a discount through the chain); any other
		price needs the General Manager. A product without a tariff yet is not checked here."""
		if self.order_type not in ("New Installation", "Add Quantity") or self.price_override:
			return
		approved = approved_prices({self.contract}) if self.contract else {}
		day = self.order_date or nowdate()
		for row in self.resources:
			if not has_tariff(self.company, row.item_code):
				continue  # no tariff yet: the bill review compares its fee with the approval
			tariff = tariff_on(self.company, row.item_code, day)
			allowed = {flt(tariff.monthly_fee, 2)} if tariff else set()
			if (self.contract, row.item_code) in approved:
				allowed.add(flt(approved[(self.contract, row.item_code)], 2))
			if flt(row.monthly_fee, 2) not in allowed:
				frappe.throw(
					_(
						"Row {0}: the monthly fee {1} of {2} is neither its tariff nor the price its project approval approved ({3}); another price needs the General Manager's acceptance."
					).format(
						row.idx,
						flt(row.monthly_fee, 2),
						row.item_code,
						"、".join(str(p) for p in sorted(allowed)) or _("no tariff on {0}").format(day),
					),
					title=_("Price off the Tariff"),
				)

	def require_credit_override(self):
		if not self.credit_override:
			frappe.throw(
				_(
					"{0} has credit grade D: a new order needs prepayment or a deposit, or the General Manager's acceptance of the risk."
				).format(self.customer),
				title=_("Credit Grade D"),
			)

	def validate_accepted_order(self):
		"""Once accepted, the order is what was accepted: only the archive's checks and papers move
		on (the Business Assistant's), and the rule's own fields only through the order's actions."""
		changed = self.validate_locked(
			("Draft",),
			{*ARCHIVE_FIELDS, "qualification_status"},
			_("An accepted order does not change but for its archive."),
		)
		if changed - {"qualification_status"}:
			require_step("business_order.archive")

	# --- acceptance --------------------------------------------------------------------------

	def check_acceptance(self):
		"""Everything that must hold before the Business Assistant accepts the order."""
		if credit_grade(self.customer, self.company) == "D" and get_setting("low_credit_policy") == "Refuse":
			self.require_credit_override()  # graded D since the order was made, or made for another
		self.check_prices()
		if self.disputed and not (
			self.meeting_date
			and (self.meeting_attendees or "").strip()
			and (self.meeting_decision or "").strip()
		):
			frappe.throw(
				_(
					"A disputed customer can only be accepted after the meeting decision (date, attendees, decision) is recorded."
				)
			)
		if self.order_type in NEEDS_APPROVED_CONTRACT:
			check_approved_contract(self.contract, self.customer)
			if self.order_type == "New Installation":
				check_original_received(self.contract)
			if self.order_type in CHANGES:
				self.check_change_approval()
		elif self.order_type == "Add Quantity":
			contract = check_approved_contract(self.contract, self.customer)
			if not contract.lvyue_is_framework_contract:
				frappe.throw(
					_(
						"Contract {0} is not a framework contract: added quantity needs a new approved contract."
					).format(self.contract)
				)
			if not self.stamped_order_form:
				frappe.throw(_("Please attach the stamped order form: it is the framework contract's annex."))
		elif self.order_type == "Name Change":
			self.check_rename()
		elif self.order_type == "Ownership Transfer":
			if not self.new_customer:
				frappe.throw(_("Please select the new customer of the transfer."))
			check_approved_contract(
				self.new_contract,
				self.new_customer,
				_("Please select the new customer's contract: a transfer needs an approved contract."),
			)
			check_original_received(self.new_contract)
		lines.check_order_lines(self)  # a 拆机, 迁改 or 过户 names the customer's lines in service

	def check_change_approval(self):
		"""拆机 and 迁改 change the signed contract: their own change approval went through the chain."""
		if not self.change_approval:
			frappe.throw(
				_("A {0} changes the contract: please select its approved change approval.").format(
					_(self.order_type)
				)
			)
		change = frappe.db.get_value(
			"Project Approval",
			self.change_approval,
			["docstatus", "approval_type", "customer", "contract", "change_type"],
			as_dict=True,
		)
		if not change or change.docstatus != 1:
			frappe.throw(_("Project Approval {0} has not been approved.").format(self.change_approval))
		if change.approval_type != "Contract Change" or change.change_type != self.order_type:
			frappe.throw(
				_("Project Approval {0} does not approve a {1}.").format(
					self.change_approval, _(self.order_type)
				)
			)
		if change.customer != self.customer or change.contract != self.contract:
			frappe.throw(
				_("Project Approval {0} approves a change of another contract.").format(self.change_approval)
			)
		used = frappe.db.get_value(
			"Business Order",
			{
				"change_approval": self.change_approval,
				"status": ("!=", "Cancelled"),
				"name": ("!=", self.name),
			},
		)
		if used:
			frappe.throw(
				_("Project Approval {0} is carried out by {1} already.").format(self.change_approval, used)
			)

	def check_rename(self):
		missing = [
			label
			for label, value in (
				(_("New Customer Name"), (self.new_customer_name or "").strip()),
				(_("Name-change Certificate"), self.name_change_certificate),
				(_("New Business Licence"), self.new_business_licence),
				(_("New Legal Representative ID"), self.new_legal_rep_id),
			)
			if not value
		]
		if missing:
			frappe.throw(_("A rename needs: {0}.").format(", ".join(missing)))
		if not (self.old_seal_confirmed and self.new_seal_confirmed):
			frappe.throw(
				_("The name-change certificate must carry the seals of both the old and the new company.")
			)
		if frappe.db.exists("Customer", self.new_customer_name.strip()):
			frappe.throw(_("A customer named {0} already exists.").format(self.new_customer_name))

	@frappe.whitelist(methods=["POST"])
	def accept(self):
		"""The Business Assistant takes over the signed order and hands it to Operations."""
		self.begin_action("business_order.accept")
		self.require_status("Draft", message=_("Only a draft order can be accepted."))
		self.check_acceptance()
		if self.order_type == "Name Change":
			self.rename_customer()
		now = now_datetime()
		self.handover_date = now
		lines.open_pending_lines(self)  # a 新装 / 增量 opens its lines, Pending until activation
		if qualification_complete(self.customer):
			self.document_deadline = None
			self.move_to("Documents Complete")
		else:
			get_qualification(self.customer)
			self.document_deadline = add_to_date(now, days=get_setting("document_deadline_days"))
			self.move_to("Accepted")

	def rename_customer(self):
		"""Rename with ERPNext's rename (links follow), then file the new company's documents."""
		old = self.customer
		new_name = self.new_customer_name.strip()
		frappe.db.set_value("Customer", old, "customer_name", new_name)
		if frappe.db.get_single_value("Selling Settings", "cust_master_name") != "Naming Series":
			from frappe.model.rename_doc import rename_doc

			# the Business Assistant's right to accept the order is the right to rename
			rename_doc("Customer", old, new_name, force=True, show_alert=False, ignore_permissions=True)
			if frappe.db.exists("Customer Qualification", old):
				# named after its customer (one per customer), it follows; its papers move with it
				rename_doc(
					"Customer Qualification",
					old,
					new_name,
					force=True,
					show_alert=False,
					ignore_permissions=True,
				)
			self.customer = new_name
		get_qualification(self.customer).record_documents(
			{"Business Licence": self.new_business_licence, "Legal Representative ID": self.new_legal_rep_id}
		)
		self.add_comment("Info", _("Customer {0} renamed to {1}.").format(old, new_name))

	def documents_completed(self):
		"""The customer's qualification became complete (a system move, whoever completed it)."""
		if self.status == "Accepted":
			self.move_to("Documents Complete", ignore_permissions=True)

	# --- activation and archive ----------------------------------------------------------------

	@frappe.whitelist(methods=["POST"])
	def activate(self):
		"""The service goes live; documents still outstanding keep their deadline (the 3-day rule)."""
		self.begin_action("business_order.activate")
		self.require_status(
			"Accepted", "Documents Complete", message=_("Only an accepted order can be activated.")
		)
		if not self.completion_form:
			frappe.throw(_("Please attach the completion form (竣工单) before activation."))
		self.activated_on = nowdate()
		lines.carry_out(self, self.activated_on)  # the order acts on its lines on the day
		self.move_to("Activated")

	@frappe.whitelist(methods=["POST"])
	def archive(self):
		self.begin_action("business_order.archive")
		self.require_status("Activated", message=_("Only an activated order can be archived."))
		if not qualification_complete(self.customer):
			frappe.throw(
				_(
					"The customer's qualification documents are not complete yet: the order is archived with them."
				)
			)
		missing = [_(label) for field, label in ARCHIVE_CHECKS if not self.get(field)]
		if missing:
			frappe.throw(_("Before archiving, please complete: {0}.").format(", ".join(missing)))
		self.move_to("Archived")

	@frappe.whitelist(methods=["POST"])
	def cancel_order(self):
		self.begin_action("business_order.cancel")
		if self.status in ("Activated", "Archived", "Cancelled"):
			frappe.throw(_("An order that is {0} cannot be cancelled.").format(_(self.status)))
		lines.drop_pending_lines(self)
		self.move_to("Cancelled")


def check_approved_contract(contract: str | None, customer: str, missing: str | None = None):
	if not contract:
		frappe.throw(missing or _("Please select the contract: this order type needs an approved contract."))
	doc = frappe.db.get_value(
		"Contract",
		contract,
		["name", "docstatus", "party_type", "party_name", "lvyue_is_framework_contract"],
		as_dict=True,
	)
	if not doc or doc.docstatus != 1:
		frappe.throw(_("Contract {0} has not been approved.").format(contract))
	if doc.party_type != "Customer" or doc.party_name != customer:
		frappe.throw(_("Contract {0} belongs to another customer.").format(contract))
	return doc


def check_original_received(contract: str):
	"""The signed contract's original, stamped by the customer, is handed to the Business Assistant
	with the order (第三条 1-2): recorded on the Contract before the order is accepted."""
	if not frappe.db.get_value("Contract", contract, "lvyue_stamped_original_received"):
		frappe.throw(
			_(
				"The customer's stamped original of contract {0} has not been handed over: please record its receipt on the contract first."
			).format(contract)
		)


@frappe.whitelist()
def make_change_approval(source_name: str, target_doc=None, change_type: str | None = None):
	"""A 拆机 or 迁改 of an order's contract starts with its change approval (a Project Approval
	that goes through the chain), filled in from the order."""
	from frappe.model.mapper import get_mapped_doc

	if change_type not in CHANGES:
		frappe.throw(_("Unknown change: {0}.").format(change_type))
	frappe.get_doc("Business Order", source_name).check_permission("read")

	def set_missing_values(source, target):
		target.approval_type, target.change_type = "Contract Change", change_type

	return get_mapped_doc(
		"Business Order",
		source_name,
		{
			"Business Order": {
				"doctype": "Project Approval",
				"field_map": {"customer": "customer", "company": "company", "contract": "contract"},
				"field_no_map": ["naming_series", "status"],
			},
			"Business Order Resource": {
				"doctype": "Project Approval Service",
				"field_map": {"item_code": "item_code", "quantity": "quantity", "monthly_fee": "unit_price"},
			},
		},
		target_doc,
		set_missing_values,
	)


def keep_id_scans_private(order, replaced=()):
	"""A name change's ID card and licence scans (个人信息) are for whoever reviews qualification
	documents only, yet frappe lets every reader of a document download what is attached to it
	(`download_file`, `zip_files`: security review N-M3). So they are not attached to the order:
	their File records go to the customer's Customer Qualification, which only the reviewer reads,
	and the order keeps the URL. A scan replaced on the order goes."""
	scans = {order.get(f) for f in ID_SCAN_FIELDS} - {None, ""}
	on_order = {"attached_to_doctype": "Business Order", "attached_to_name": order.name}
	for url in set(replaced) - scans - {None, ""}:
		if in_use(url):  # another record names it: the order only lets it go
			frappe.db.delete("File", {"file_url": url, **on_order})
			continue
		for name in frappe.get_all(
			"File", filters={"file_url": url, "attached_to_doctype": "Customer Qualification"}, pluck="name"
		) + frappe.get_all("File", filters={"file_url": url, **on_order}, pluck="name"):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	files = frappe.get_all(
		"File",
		filters=on_order,
		or_filters={"attached_to_field": ("in", ID_SCAN_FIELDS), "file_url": ("in", list(scans) or [""])},
		fields=["name", "file_url"],
	)
	qualification = get_qualification(order.customer).name if files else None
	for file in files:
		if frappe.db.exists(
			"File", {"file_url": file.file_url, "attached_to_doctype": "Customer Qualification"}
		):
			frappe.db.delete("File", file.name)  # the reviewer has it already (the same stored file)
		else:
			frappe.db.set_value(
				"File",
				file.name,
				{
					"attached_to_doctype": "Customer Qualification",
					"attached_to_name": qualification,
					"attached_to_field": None,
				},
			)


def in_use(file_url: str) -> bool:
	"""A qualification row or an order names the file."""
	return bool(
		frappe.db.exists("Customer Qualification Document", {"file": file_url})
		or frappe.get_all("Business Order", or_filters={f: file_url for f in ID_SCAN_FIELDS}, limit=1)
	)


def file_attached(file):
	"""A scan uploaded to a saved order goes to the reviewer at once, before the order is saved
	(keep_id_scans_private; overrides/file.py)."""
	if (
		file.attached_to_doctype == "Business Order"
		and file.attached_to_field in ID_SCAN_FIELDS
		and frappe.db.exists("Business Order", file.attached_to_name)
	):
		keep_id_scans_private(frappe.get_doc("Business Order", file.attached_to_name))


def has_permission(doc, ptype=None, user=None, debug=False):
	"""hooks.py has_permission. Frappe lets whoever reads a document download the files attached to
	it; a name change's ID card and licence scans (个人信息) are for whoever reviews qualification
	documents only, so a download of one of them is refused to the order's other readers. Refuses
	only that; frappe's permissions decide everything else."""
	request = getattr(frappe.local, "request", None)
	path = request.path if request else ""
	if not path.startswith("/private/files/") or path not in {doc.get(f) for f in ID_SCAN_FIELDS}:
		return None
	return None if has_step("customer_qualification.review", user) else False
