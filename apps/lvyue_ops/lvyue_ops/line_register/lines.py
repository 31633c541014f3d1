"""How documents act on the register of lines (Service Line), each on its own date:

- a 新装 / 增量 Business Order opens its lines when it is accepted (Pending) and makes them Active
  on its activation day; a cancelled order's pending lines go;
- 拆机 ends the lines it names: billed to its activation day, Dismantled from the next;
- 迁改 moves them (new address or route; a new fee from the day, where the order gives one);
- 过户 ends them on the old customer and opens them on the new one on the next day, so each
  customer is billed for its own days;
- 更名 keeps them (ERPNext's rename carries the customer's links) and notes the new name;
- a confirmed 缓停 / 关停 (Suspension Request) suspends the lines it names from the next day, and
  its resumption makes them Active again from the day;
- a contract is not terminated while lines under it are still in service (合同终止).

Everything happens inside the action's own transaction: the order, its lines and their history
are saved together or not at all."""

import re

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate

from lvyue_ops.line_register.doctype.service_line.service_line import IN_SERVICE, MAINTAINED_FIELDS

OPENS_LINES = ("New Installation", "Add Quantity")
NAMES_LINES = ("Dismantle", "Relocation", "Ownership Transfer")


# --- the order's rows ---------------------------------------------------------------------------


def check_order_lines(order, complete: bool = True) -> None:
	"""A 拆机, 迁改 or 过户 names, on each row, a line of the order's customer and company that is
	in service, once. The row takes the line's product and quantity. A draft (`complete` False)
	may still miss some."""
	if order.order_type not in NAMES_LINES:
		return
	seen = set()
	for row in order.resources:
		if not row.service_line and not complete:
			continue
		if not row.service_line:
			frappe.throw(
				_("Row {0}: please select the line the {1} acts on.").format(row.idx, _(order.order_type))
			)
		line = frappe.db.get_value(
			"Service Line",
			row.service_line,
			["name", "customer", "company", "status", "item_code", "quantity", "numbers"],
			as_dict=True,
		)
		if not line:
			frappe.throw(_("Row {0}: line {1} does not exist.").format(row.idx, row.service_line))
		if line.customer != order.customer or line.company != order.company:
			frappe.throw(
				_("Row {0}: line {1} is not a line of {2} in {3}.").format(
					row.idx, line.numbers or line.name, order.customer, order.company
				)
			)
		if line.status not in IN_SERVICE:
			frappe.throw(
				_("Row {0}: line {1} is {2}: only a line in service can be acted on.").format(
					row.idx, line.numbers or line.name, _(line.status)
				)
			)
		if line.name in seen:
			frappe.throw(_("Row {0}: line {1} is named twice.").format(row.idx, line.numbers or line.name))
		seen.add(line.name)
		row.item_code = row.item_code or line.item_code
		row.quantity = row.quantity or line.quantity


def split_row(row) -> list[tuple[str, float]]:
	"""(numbers, quantity) of each line an order's row opens: one line per number where the row
	lists as many numbers as its quantity, otherwise one line with all of them."""
	numbers = [n.strip() for n in re.split(r"[\n,，;；、]+", row.resource_numbers or "") if n.strip()]
	if len(numbers) > 1 and len(numbers) == flt(row.quantity):
		return [(number, 1) for number in numbers]
	return [(", ".join(numbers), flt(row.quantity) or 1)]


def new_line(order, row, numbers: str, quantity: float, customer=None, contract=None):
	line = frappe.new_doc("Service Line")
	line.update(
		{
			"company": order.company,
			"customer": customer or order.customer,
			"contract": contract or order.contract,
			"business_order": order.name,
			"sales_person": order.sales_person,
			"item_code": row.item_code,
			"line_type": line_type(row.item_code, numbers),
			"numbers": numbers,
			"quantity": quantity,
			"monthly_fee": flt(row.monthly_fee),
			"status": "Pending",
		}
	)
	return line


def line_type(item_code: str, numbers: str) -> str:
	"""The product's line type (Item: Line Type), else a 400 number by its prefix."""
	has_field = frappe.get_meta("Item").has_field("lvyue_line_type")  # not yet while patches run
	kind = frappe.get_cached_value("Item", item_code, "lvyue_line_type") if item_code and has_field else None
	if kind:
		return kind
	return "400 Number" if (numbers or "").startswith("400") else "Other"


def open_pending_lines(order, on_date=None) -> list[str]:
	"""The accepted 新装 / 增量 order's lines, Pending until its activation."""
	if order.order_type not in OPENS_LINES:
		return []
	day = getdate(on_date or order.handover_date)
	made = []
	for row in order.resources:
		for numbers, quantity in split_row(row):
			line = new_line(order, row, numbers, quantity)
			line.record("Opened", day, status="Pending", reference=order)
			line.insert(ignore_permissions=True)  # the order's action is the right
			made.append(line.name)
	return made


def drop_pending_lines(order) -> None:
	"""A cancelled order's lines never went into service."""
	for name in frappe.get_all(
		"Service Line", filters={"business_order": order.name, "status": "Pending"}, pluck="name"
	):
		frappe.delete_doc("Service Line", name, ignore_permissions=True, force=True)


# --- activation ------------------------------------------------------------------------------------


def carry_out(order, on_date) -> list[str]:
	"""The order acts on its lines on its activation day. Returns the lines it touched."""
	on_date = getdate(on_date)
	if order.order_type in OPENS_LINES:
		return activate_lines(order, on_date)
	if order.order_type == "Name Change":
		return note_rename(order, on_date)
	check_order_lines(order)
	touched = []
	for row in order.resources:
		line = frappe.get_doc("Service Line", row.service_line, for_update=True)
		if line.status not in IN_SERVICE:  # ended by another order since this one's check
			frappe.throw(_("Line {0} is {1} already.").format(line.title(), _(line.status)))
		if order.order_type == "Dismantle":
			line.record("Dismantled", on_date, add_days(on_date, 1), "Dismantled", reference=order)
		elif order.order_type == "Relocation":
			touched += move_line(order, row, line, on_date)
			continue
		elif order.order_type == "Ownership Transfer":
			touched.append(transfer_line(order, row, line, on_date))
		line.save(ignore_permissions=True)
		touched.append(line.name)
	return touched


def activate_lines(order, on_date) -> list[str]:
	"""The order's pending lines go into service (a line shut down before it, by the 3-day rule,
	waits for its resumption)."""
	if not frappe.db.exists("Service Line", {"business_order": order.name}):
		open_pending_lines(order, on_date)  # an order accepted before the register had none
	names = frappe.get_all(
		"Service Line", filters={"business_order": order.name, "status": "Pending"}, pluck="name"
	)
	for name in names:
		line = frappe.get_doc("Service Line", name, for_update=True)
		line.record("Activated", on_date, status="Active", reference=order)
		line.save(ignore_permissions=True)
	return names


def move_line(order, row, line, on_date) -> list[str]:
	"""迁改: the same line at a new address or route; a new fee from the day where the row has one."""
	fee = (
		flt(row.monthly_fee)
		if flt(row.monthly_fee) and flt(row.monthly_fee) != flt(line.monthly_fee)
		else None
	)
	address = (row.new_address or "").strip()
	if address:
		line.address = address
	line.record("Moved", on_date, monthly_fee=fee, reference=order, note=address or None)
	line.save(ignore_permissions=True)
	return [line.name]


def transfer_line(order, row, line, on_date) -> str:
	"""过户: the old customer's line ends on the day, the new customer's begins the next."""
	if not order.new_customer:
		frappe.throw(_("Please select the new customer of the transfer."))
	starts = add_days(on_date, 1)
	new = new_line(
		order,
		frappe._dict(item_code=line.item_code, monthly_fee=flt(row.monthly_fee) or line.monthly_fee),
		line.numbers,
		line.quantity,
		customer=order.new_customer,
		contract=order.new_contract,
	)
	for field in MAINTAINED_FIELDS:  # the line's VOS and carrier details go with it
		new.set(field, line.get(field))
	new.transferred_from = line.name
	new.record("Transferred In", on_date, starts, "Active", reference=order, note=line.customer)
	new.insert(ignore_permissions=True)
	line.transferred_to = new.name
	line.record("Transferred Out", on_date, starts, "Dismantled", reference=order, note=order.new_customer)
	return new.name


def note_rename(order, on_date) -> list[str]:
	"""更名: the lines stay, under the customer's new name (the rename carried them)."""
	names = frappe.get_all(
		"Service Line",
		filters={"customer": order.customer, "company": order.company, "status": ("in", IN_SERVICE)},
		pluck="name",
	)
	for name in names:
		line = frappe.get_doc("Service Line", name, for_update=True)
		line.record("Renamed", on_date, reference=order, note=order.new_customer_name)
		line.save(ignore_permissions=True)
	return names


# --- suspension and resumption ---------------------------------------------------------------------


def named_lines(customer: str, company: str | None, text: str, statuses=IN_SERVICE) -> list[str]:
	"""The customer's lines a request names by number, VOS line or line ID (one a line); a clear
	error for a name that is not one of them."""
	tokens = [t.strip() for t in re.split(r"[\s,，;；、]+", text or "") if t.strip()]
	filters = {"customer": customer, "status": ("in", statuses)}
	if company:
		filters["company"] = company
	lines = frappe.get_all("Service Line", filters=filters, fields=["name", "numbers", "vos_line"])
	found, unknown = [], []
	for token in tokens:
		match = next(
			(
				line.name
				for line in lines
				if token in (line.name, line.vos_line)
				or token in [n.strip() for n in (line.numbers or "").split(",")]
			),
			None,
		)
		if match:
			if match not in found:
				found.append(match)
		else:
			unknown.append(token)
	if unknown:
		frappe.throw(
			_("{0} has no line in service numbered {1}.").format(customer, ", ".join(unknown)),
			title=_("Unknown Line"),
		)
	if not found:
		frappe.throw(_("Please name the lines or numbers of the request."))
	return found


def suspend_lines(request, on_date) -> list[str]:
	"""A confirmed 缓停 / 关停: the named lines are billed to the day, Suspended from the next (a line
	not yet activated, shut down by the 3-day rule, stays out of service until resumed)."""
	names = named_lines(request.customer, request.company, request.lines_or_numbers, ("Active", "Pending"))
	for name in names:
		line = frappe.get_doc("Service Line", name, for_update=True)
		line.record("Suspended", on_date, add_days(on_date, 1), "Suspended", reference=request)
		line.save(ignore_permissions=True)
	return names


def resume_lines(request, on_date) -> list[str]:
	"""The suspension ends: the named lines are Active (and billed) from the day."""
	names = named_lines(request.customer, request.company, request.lines_or_numbers, ("Suspended",))
	for name in names:
		line = frappe.get_doc("Service Line", name, for_update=True)
		line.record("Resumed", on_date, status="Active", reference=request)
		line.save(ignore_permissions=True)
	return names


# --- contracts -------------------------------------------------------------------------------------


def lines_in_service(contract: str) -> list[str]:
	return [
		line.numbers or line.name
		for line in frappe.get_all(
			"Service Line",
			filters={"contract": contract, "status": ("in", IN_SERVICE)},
			fields=["name", "numbers"],
			order_by="numbers",
		)
	]


def check_no_lines_in_service(contract: str) -> None:
	"""合同终止: the contract's lines are dismantled (拆机) first, so none is billed after it."""
	if lines := lines_in_service(contract):
		frappe.throw(
			_(
				"Contract {0} still has lines in service: {1}. Dismantle them (拆机) before the contract is terminated."
			).format(contract, ", ".join(lines[:20]) + (" …" if len(lines) > 20 else "")),
			title=_("Lines in Service"),
		)
