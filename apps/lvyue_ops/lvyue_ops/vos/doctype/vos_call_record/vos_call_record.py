# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A VOS call record (话单), stored by a file import or an API pull through the CDR store
(vos/call_records.py), once per VOS server and flow number."""

from frappe.model.document import Document

from lvyue_ops.vos import call_records


class VOSCallRecord(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		account: DF.Data | None
		account_name: DF.Data | None
		callee_access_e164: DF.Data | None
		callee_e164: DF.Data | None
		callee_gateway: DF.Data | None
		caller_e164: DF.Data | None
		caller_gateway: DF.Data | None
		company: DF.Link | None
		customer: DF.Link | None
		end_direction: DF.Int
		end_reason: DF.Int
		fee: DF.Float
		fee_time: DF.Int
		flow_no: DF.Data | None
		hold_time: DF.Int
		service_line: DF.Link | None
		source: DF.Data | None
		start: DF.Datetime | None
		stop: DF.Datetime | None
		usage_month: DF.Date | None
		vos_server: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	call_records.add_indexes()
