// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// The review grid draws each document's file as text: frappe's Attach formatter puts the URL into
// the page as HTML, and a file's name is whoever uploaded it's (security review N-H2).
function escaped_attachment(url) {
	if (!url) return "";
	const text = frappe.utils.escape_html(url);
	if (!/^\/(private\/)?files\//.test(url)) return text;
	return `<a href="${frappe.utils.escape_html(encodeURI(url))}" target="_blank">${text}</a>`;
}

const file_field = (frappe.meta.docfield_map["Customer Qualification Document"] || {}).file;
if (file_field) file_field.formatter = escaped_attachment;

frappe.ui.form.on("Customer Qualification", {
	onload(frm) {
		// the grid's own copy of the field, if it was made before this script ran
		const df = frappe.meta.get_docfield("Customer Qualification Document", "file", frm.docname);
		if (df) df.formatter = escaped_attachment;
	},
});
