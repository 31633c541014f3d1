"""Files named by an action: one attached to the document itself, never any file of the site, and
for the files the app reads (usage exports, price sheets) no larger than the limit in Settings."""

import frappe
from frappe import _


def attached_file(doc, file_url: str, limit_size: bool = False):
	"""The File record of `file_url` attached to `doc`; refused if it is not one of its attachments
	or, with `limit_size`, larger than Lvyue Ops Settings' largest usage file."""
	name = frappe.db.get_value(
		"File", {"file_url": file_url, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name}
	)
	if not name:
		frappe.throw(
			_("{0} is not a file attached to {1}.").format(file_url, doc.name), frappe.PermissionError
		)
	file = frappe.get_doc("File", name)
	if limit_size:
		from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

		limit = get_setting("max_import_size_mb") or 200
		if (file.file_size or 0) > limit * 1024 * 1024:
			frappe.throw(_("The file is larger than {0} MB.").format(limit))
	return file
