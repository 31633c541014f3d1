// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unidentified Receipt", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Unidentified") {
			frm.add_custom_button(__("Confirm Payer and Type"), () => frm.call("confirm").then(() => frm.reload_doc())).addClass("btn-primary");
		}
		if (frm.doc.status === "Confirmed") {
			frm.add_custom_button(__("Post"), () => frm.call("post").then(() => frm.reload_doc())).addClass("btn-primary");
		}
	},
});
