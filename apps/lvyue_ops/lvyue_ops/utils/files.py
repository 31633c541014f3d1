"""Files named by an action: one attached to the document itself, never any file of the site, and
for the files the app reads (usage exports, price sheets) no larger than the limit in Settings."""

import re

import frappe
from frappe import _

# frappe's formatters draw Attach values as HTML (security review N-H2): a stored file's name may
# not hold what could close an attribute or open a tag where the name is drawn, and control characters
# (spaces, brackets and Chinese punctuation, common in scanned papers' names, are fine)
UNSAFE_IN_FILE_NAME = re.compile(r"[<>\"'`&\\\x00-\x1f\x7f]")


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


def check_file_name(file_url: str | None, label: str) -> None:
	"""Refuse an Attach value that is not a file of this site or whose name holds markup
	(UNSAFE_IN_FILE_NAME: the name is shown to everyone who opens the record)."""
	if not file_url:
		return
	folder, _sep, name = file_url.rpartition("/")
	if folder not in ("/files", "/private/files") or not name or UNSAFE_IN_FILE_NAME.search(name):
		frappe.throw(
			_(
				"{0}: a file name may not hold <, >, &, quotes, backslashes or control characters. Please rename the file and upload it again."
			).format(label),
			title=_("File Name Not Allowed"),
		)
