"""Resource procurement (资源采购): supplier certification and its gate on purchase orders, the
suppliers' price lists as the company's internal price system (synced to ERPNext Item Prices),
price-sheet import, and the tariff audit of newly installed trunk lines."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, getdate, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.lvyue_ops.notify import alert, assign, users_with_role
from lvyue_ops.lvyue_ops.sheets import SheetError, cell, map_header, numbered_rows, parse_number, read_rows

CERTIFICATION = "Supplier Certification"
PRICE_LIST = "Supplier Price List"

# --- certification ------------------------------------------------------------------------------


def validate_certification(doc):
	if doc.status == "Certified":
		if not set((R.OPERATIONS_SUPERVISOR, "System Manager")) & set(frappe.get_roles()):
			frappe.throw(_("Operations certifies suppliers."), frappe.PermissionError)
		doc.certified_on = doc.certified_on or getdate()
		if not doc.valid_until:
			from frappe.utils import add_months

			doc.valid_until = add_months(doc.certified_on, get_setting("certification_validity_months") or 12)
		if getdate(doc.valid_until) < getdate(doc.certified_on):
			frappe.throw(_("The certification cannot expire before it was given."))
		if doc.has_value_changed("status"):
			doc.reviewed_by = frappe.session.user


def certification_of(supplier: str, on=None) -> str | None:
	"""The supplier's certification valid on the day, if any."""
	on = getdate(on)
	return frappe.db.get_value(
		CERTIFICATION,
		{"supplier": supplier, "status": "Certified", "certified_on": ("<=", on), "valid_until": (">=", on)},
		"name",
		order_by="valid_until desc",
	)


def certified_suppliers(on=None) -> set[str]:
	on = getdate(on)
	return set(
		frappe.get_all(
			CERTIFICATION,
			filters={"status": "Certified", "certified_on": ("<=", on), "valid_until": (">=", on)},
			pluck="supplier",
		)
	)


def check_purchase_order(order, method=None):
	"""Purchase Order validate: only certified suppliers, unless the General Manager overrides
	(recorded with who, when and why)."""
	if certification_of(order.supplier, order.transaction_date):
		return
	if not order.get("lvyue_certification_override"):
		frappe.throw(
			_("Supplier {0} has no valid certification on {1}. Certify the supplier first, or the General Manager may override.").format(
				order.supplier, frappe.format_value(order.transaction_date, {"fieldtype": "Date"})
			),
			title=_("Supplier Not Certified"),
		)
	before = order.get_doc_before_save()
	newly = not before or not before.get("lvyue_certification_override")
	if newly:
		if R.GENERAL_MANAGER not in frappe.get_roles():
			frappe.throw(_("Only the General Manager can override the supplier certification."), frappe.PermissionError)
		if not (order.get("lvyue_override_reason") or "").strip():
			frappe.throw(_("Please give the reason for buying from an uncertified supplier."))
		order.lvyue_override_by = frappe.session.user
		order.lvyue_override_on = now_datetime()


# --- supplier price lists ----------------------------------------------------------------------------


def validate_price_list(doc):
	if doc.valid_to and getdate(doc.valid_to) < getdate(doc.valid_from):
		frappe.throw(_("The price list cannot end before it starts."))
	seen = set()
	for row in doc.items:
		if row.item_code in seen:
			frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.item_code))
		seen.add(row.item_code)
		if flt(row.unit_price) <= 0:
			frappe.throw(_("Row {0}: the unit price must be greater than zero.").format(row.idx))
	price_list = buying_price_list(doc)
	currency = frappe.db.get_value("Price List", price_list, "currency")
	if currency and currency != doc.currency:
		frappe.throw(_("Price list {0} is in {1}, this list in {2}.").format(price_list, currency, doc.currency))


def buying_price_list(doc) -> str:
	price_list = doc.price_list or frappe.db.get_single_value("Buying Settings", "buying_price_list")
	if not price_list:
		frappe.throw(_("Please choose the buying price list, or set a default one in Buying Settings."))
	return price_list


def sync_item_prices(doc, method=None):
	"""On submit: the list's prices become ERPNext buying Item Prices of the supplier, so purchase
	documents pick them up as usual."""
	price_list = buying_price_list(doc)
	for row in doc.items:
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": row.item_code,
				"price_list": price_list,
				"supplier": doc.supplier,
				"price_list_rate": row.unit_price,
				"currency": doc.currency,
				"valid_from": doc.valid_from,
				"valid_upto": doc.valid_to,
				"lvyue_supplier_price_list": doc.name,
				"note": row.specification,
			}
		).insert(ignore_permissions=True)


def remove_item_prices(doc, method=None):
	"""On cancel: the list's Item Prices go too."""
	for name in frappe.get_all("Item Price", filters={"lvyue_supplier_price_list": doc.name}, pluck="name"):
		frappe.delete_doc("Item Price", name, ignore_permissions=True)


def current_prices(on=None, item_code: str | None = None) -> list[dict]:
	"""The internal price system: for each item, the effective price of every certified supplier
	(the newest submitted list whose validity covers the day)."""
	on = getdate(on)
	filters = {"docstatus": 1, "valid_from": ("<=", on)}
	lists = frappe.get_all(PRICE_LIST, filters=filters, fields=["name", "supplier", "valid_from", "valid_to", "currency", "modified"], order_by="valid_from desc, modified desc")
	certified = certified_suppliers(on)
	seen, prices = set(), []
	for price_list in lists:
		if price_list.supplier not in certified or (price_list.valid_to and getdate(price_list.valid_to) < on):
			continue
		for row in frappe.get_all(
			"Supplier Price List Item", filters={"parent": price_list.name}, fields=["item_code", "specification", "unit_price", "min_order_qty", "lead_time_days"]
		):
			if (item_code and row.item_code != item_code) or (row.item_code, price_list.supplier) in seen:
				continue
			seen.add((row.item_code, price_list.supplier))
			prices.append(
				{
					**row,
					"supplier": price_list.supplier,
					"currency": price_list.currency,
					"price_list": price_list.name,
					"valid_from": price_list.valid_from,
					"updated_on": getdate(price_list.modified),
				}
			)
	lowest = {}
	for p in prices:
		lowest[p["item_code"]] = min(lowest.get(p["item_code"], p["unit_price"]), p["unit_price"])
	for p in prices:
		p["lowest"] = int(p["unit_price"] == lowest[p["item_code"]])
	return sorted(prices, key=lambda p: (p["item_code"], p["unit_price"]))


def stale_price_lists(today=None) -> list[dict]:
	"""Certified suppliers whose newest price list is older than the set age (定期更新)."""
	today = getdate(today)
	max_age = get_setting("price_list_max_age_days") or 0
	stale = []
	for supplier in sorted(certified_suppliers(today)):
		newest = frappe.get_all(PRICE_LIST, filters={"supplier": supplier, "docstatus": 1}, fields=["name", "valid_from"], order_by="valid_from desc", limit=1)
		if not newest or (today - getdate(newest[0].valid_from)).days > max_age:
			stale.append({"supplier": supplier, "price_list": newest[0].name if newest else None})
	return stale


def remind_stale_price_lists(today=None) -> list[str]:
	"""Daily: the Operations Supervisor is told which suppliers' prices need refreshing (once a
	week per supplier at most)."""
	today = getdate(today)
	users = users_with_role(R.OPERATIONS_SUPERVISOR)
	reminded = []
	for row in stale_price_lists(today):
		key = f"lvyue_price_reminder::{row['supplier']}"
		last = frappe.cache.get_value(key)
		if last and (today - getdate(last)).days < 7:
			continue
		alert(users, _("The prices of supplier {0} are due for a refresh.").format(row["supplier"]), "Supplier", row["supplier"])
		frappe.cache.set_value(key, str(today))
		reminded.append(row["supplier"])
	return reminded


SHEET_COLUMNS = {
	"item": ("item", "item code", "物料", "物料编码", "产品"),
	"specification": ("specification", "规格", "规格说明"),
	"unit_price": ("unit price", "price", "单价", "价格"),
	"min_order_qty": ("minimum order", "min order", "起订量", "最小起订量"),
	"lead_time_days": ("lead time", "交期", "交货期"),
}


def import_price_sheet(doc, filename: str, content: bytes) -> list[dict]:
	"""Replace the draft list's items with the sheet's rows; with any bad row, nothing changes and
	the errors are returned (row, column, message)."""
	if doc.docstatus != 0:
		frappe.throw(_("Only a draft price list can take a price sheet."))
	errors, items = [], []
	try:
		numbered = numbered_rows(read_rows(filename, content))
		columns = map_header(numbered[0][1], SHEET_COLUMNS, ("item", "unit_price"))
	except SheetError as e:
		return [{"row_no": 0, "column": "", "message": str(e)}]
	known = set()
	for row_no, row in numbered[1:]:
		item = str(cell(row, columns, "item") or "").strip()
		price = parse_number(cell(row, columns, "unit_price"))
		min_qty = parse_number(cell(row, columns, "min_order_qty"))
		lead = parse_number(cell(row, columns, "lead_time_days"), integer=True)
		row_errors = []
		if not item or not frappe.db.exists("Item", item):
			row_errors.append(("item", _("Unknown item {0}.").format(item or "-")))
		elif item in known:
			row_errors.append(("item", _("{0} appears twice.").format(item)))
		if price is None or price <= 0:
			row_errors.append(("unit_price", _("The unit price must be a number greater than zero.")))
		for column, number in (("min_order_qty", min_qty), ("lead_time_days", lead)):
			raw = cell(row, columns, column)
			if raw not in (None, "") and (number is None or number < 0):
				row_errors.append((column, _("{0} is not a valid number.").format(raw)))
		errors += [{"row_no": row_no, "column": c, "message": m} for c, m in row_errors]
		if not row_errors:
			known.add(item)
			items.append(
				{
					"item_code": item,
					"specification": str(cell(row, columns, "specification") or "").strip() or None,
					"unit_price": price,
					"min_order_qty": min_qty,
					"lead_time_days": lead,
				}
			)
	if not items and not errors:
		errors.append({"row_no": 0, "column": "", "message": _("The sheet has no price rows.")})
	if errors:
		return errors
	doc.set("items", items)
	doc.save()
	return []


# --- tariff audit ------------------------------------------------------------------------------------

AUDIT = "Tariff Audit"
AUDIT_DUTIES = ("Tariff Audit (25th)", "Tariff Audit (Month End)")


def audit_due(company: str, audit_date) -> object:
	"""The audit's deadline: the next of the two tariff-audit duties of the month (12:00)."""
	from lvyue_ops.lvyue_ops.ops_calendar import due_date

	day = getdate(audit_date)
	dues = sorted(due_date(duty, day.year, day.month, company) for duty in AUDIT_DUTIES)
	return next((d for d in dues if d.date() >= day), dues[-1])


def fill_audit(audit):
	"""Trunk lines activated since the last completed audit, and every line still unchecked on an
	earlier audit (it stays on the list until it is checked)."""
	last = frappe.get_all(AUDIT, filters={"company": audit.company, "status": "Completed", "name": ("!=", audit.name or "")}, fields=["audit_date"], order_by="audit_date desc", limit=1)
	since = getdate(last[0].audit_date) if last else date(2000, 1, 1)
	present = {(l.business_order, l.trunk_line) for l in audit.lines}

	def add(line):
		if (line["business_order"], line["trunk_line"]) not in present:
			present.add((line["business_order"], line["trunk_line"]))
			audit.append("lines", line)

	for previous in frappe.get_all(AUDIT, filters={"company": audit.company, "name": ("!=", audit.name or "")}, pluck="name"):
		for line in frappe.get_all(
			"Tariff Audit Line", filters={"parent": previous, "result": "Unchecked"}, fields=["business_order", "customer", "trunk_line", "activated_on"]
		):
			if not frappe.db.exists("Tariff Audit Line", {"business_order": line.business_order, "trunk_line": line.trunk_line, "result": ("!=", "Unchecked")}):
				add({**line, "result": "Unchecked"})
	for order in frappe.get_all(
		"Business Order",
		filters={"company": audit.company, "status": ("in", ("Activated", "Archived")), "activated_on": (">", since)},
		fields=["name", "customer", "activated_on"],
	):
		for resource in frappe.get_all("Business Order Resource", filters={"parent": order.name}, fields=["resource_numbers", "item_code"]):
			for number in (resource.resource_numbers or resource.item_code).splitlines():
				if number.strip():
					add({"business_order": order.name, "customer": order.customer, "trunk_line": number.strip(), "activated_on": order.activated_on, "result": "Unchecked"})


def validate_audit(audit):
	audit.due = audit_due(audit.company, audit.audit_date)
	before = {l.name: l for l in (audit.get_doc_before_save() or frappe._dict(lines=[])).lines}
	for line in audit.lines:
		old = before.get(line.name)
		if line.result != "Unchecked" and (not old or old.result != line.result):
			line.checked_by = frappe.session.user
		if line.result == "Discrepancy" and not (line.remarks or "").strip():
			frappe.throw(_("Row {0}: please describe the discrepancy.").format(line.idx))


def complete_audit(audit, now=None):
	from lvyue_ops.lvyue_ops.ops_calendar import complete_task, due_date

	audit.status = "Completed"
	audit.checker = frappe.session.user
	audit.flags.status_change_allowed = True
	audit.save()
	day = getdate(audit.audit_date)
	for duty in AUDIT_DUTIES:
		if due_date(duty, day.year, day.month, audit.company) == get_datetime(audit.due):
			complete_task(duty, audit.company, audit, now)


# --- purchase requests ------------------------------------------------------------------------------


def validate_purchase_request(doc):
	for row in doc.items:
		if flt(row.qty) <= 0:
			frappe.throw(_("Row {0}: the quantity must be greater than zero.").format(row.idx))
	if doc.project_approval and doc.customer:
		if frappe.db.get_value("Project Approval", doc.project_approval, "customer") != doc.customer:
			frappe.throw(_("Project Approval {0} belongs to another customer.").format(doc.project_approval))
	if doc.phone_approval:
		if not doc.urgent:
			frappe.throw(_("Only an urgent purchase is approved by phone."))
		if not (doc.phone_approver and doc.phone_approved_at):
			frappe.throw(_("Please record who approved by phone and when."))
		if not doc.phone_recorded_by:
			doc.phone_recorded_by = frappe.session.user


def make_material_request(doc, method=None):
	"""The approved request becomes ERPNext's purchase Material Request, for the buyers."""
	request = frappe.get_doc(
		{
			"doctype": "Material Request",
			"material_request_type": "Purchase",
			"company": doc.company,
			"transaction_date": doc.request_date,
			"schedule_date": doc.required_by,
			"items": [
				{"item_code": row.item_code, "qty": row.qty, "schedule_date": doc.required_by, "description": row.specification or row.item_code}
				for row in doc.items
			],
		}
	)
	request.flags.ignore_permissions = True
	request.insert()
	request.submit()
	doc.db_set("material_request", request.name)


def assign_executor(doc, user: str):
	"""Operations assigns who executes an approved purchase."""
	if not set((R.OPERATIONS_SUPERVISOR, "System Manager")) & set(frappe.get_roles()):
		frappe.throw(_("Operations assigns who executes a purchase."), frappe.PermissionError)
	if doc.docstatus != 1:
		frappe.throw(_("A purchase request is assigned once it is approved."))
	doc.db_set("executor", user)
	assign([user], doc.doctype, doc.name, _("Execute purchase {0}: {1}").format(doc.name, doc.reason), date=doc.required_by)


# --- carrier accounts ---------------------------------------------------------------------------------


def validate_carrier_account(doc):
	doc.low_balance = int(flt(doc.balance) < flt(doc.threshold))


def check_carrier_balances() -> list[str]:
	"""Daily: carrier accounts below their threshold -> Customer Service asks the customer to
	prepay (one open ToDo per account)."""
	users = users_with_role(R.CUSTOMER_SERVICE)
	warned = []
	for account in frappe.get_all("Carrier Account", filters={"low_balance": 1}, fields=["name", "carrier", "account_no", "customer", "balance", "threshold"]):
		if frappe.db.exists("ToDo", {"reference_type": "Carrier Account", "reference_name": account.name, "status": "Open"}):
			continue
		message = _("Carrier account {0} of {1} is low ({2} left, threshold {3}): ask {4} to prepay.").format(
			account.account_no, account.carrier, flt(account.balance, 2), flt(account.threshold, 2), account.customer or "-"
		)
		assign(users, "Carrier Account", account.name, message, "High")
		warned.append(account.name)
	return warned


def raise_recharge_request(account, amount: float):
	"""After the customer has paid: the recharge goes through purchase approval."""
	if not amount or flt(amount) <= 0:
		frappe.throw(_("Please give the recharge amount."))
	item = frappe.db.get_value("Item", {"item_code": "CARRIER-RECHARGE"}) or _recharge_item()
	request = frappe.get_doc(
		{
			"doctype": "Purchase Request",
			"company": account.company,
			"customer": account.customer,
			"urgent": 1,
			"required_by": getdate(),
			"reason": _("Recharge carrier account {0} of {1}").format(account.account_no, account.carrier),
			"items": [{"item_code": item, "qty": 1, "expected_price": amount, "specification": account.account_no}],
		}
	).insert()
	account.db_set("purchase_request", request.name)
	return request.name


def _recharge_item() -> str:
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": "CARRIER-RECHARGE",
			"item_name": _("Carrier Account Recharge"),
			"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
			"stock_uom": "Nos",
			"is_stock_item": 0,
		}
	).insert(ignore_permissions=True)
	return "CARRIER-RECHARGE"
