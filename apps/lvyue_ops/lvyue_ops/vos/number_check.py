"""The numbers VOS holds against the register (issue 20, item 4): a number VOS routes that no line
of the register has is traffic nobody bills; a line in service whose number VOS does not know is
a line the customer pays for and cannot use. Both are listed for the Business Assistant (the VOS
Number Check report), read live through VOS's GetPhone."""

import re

import frappe
from frappe import _

from lvyue_ops.line_register.doctype.service_line.service_line import IN_SERVICE
from lvyue_ops.vos.client import VosClient

NUMBER = re.compile(r"^\+?\d{5,}$")
NOT_IN_REGISTER, NOT_IN_VOS = "In VOS, Not in the Register", "In Service, Not in VOS"


def number_check(server_name: str) -> list[dict]:
	"""[{number, account, finding, line, customer}] for one VOS server."""
	server = frappe.get_doc("VOS Server", server_name)
	accounts = server.account_list()
	client = VosClient(server.base_url, timeout=server.timeout or 30, retries=server.retries or 3)
	in_vos = {}
	for start in range(0, len(accounts), 100):
		for phone in client.phones(accounts=accounts[start : start + 100]):
			number = str(phone.get("e164") or "").strip()
			if number:
				in_vos[number] = str(phone.get("account") or "")
	registered = {}
	for line in frappe.get_all(
		"Service Line",
		filters={"company": server.company, "status": ("in", IN_SERVICE)},
		fields=["name", "customer", "numbers", "vos_account"],
	):
		for number in (n.strip() for n in (line.numbers or "").split(",")):
			if NUMBER.match(number):
				registered[number] = line
	findings = [
		{"number": number, "account": account, "finding": NOT_IN_REGISTER, "line": None, "customer": None}
		for number, account in sorted(in_vos.items())
		if number not in registered
	]
	findings += [
		{
			"number": number,
			"account": line.vos_account,
			"finding": NOT_IN_VOS,
			"line": line.name,
			"customer": line.customer,
		}
		for number, line in sorted(registered.items())
		if number not in in_vos
	]
	return findings


def finding_label(finding: str) -> str:
	return {NOT_IN_REGISTER: _("In VOS, Not in the Register"), NOT_IN_VOS: _("In Service, Not in VOS")}[
		finding
	]
