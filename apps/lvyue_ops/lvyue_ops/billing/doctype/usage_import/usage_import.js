// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Usage Import", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Imported" && frm.doc.import_file) {
			frm.add_custom_button(__("Import"), () =>
				frm.call("import_file_now").then((r) => {
					frm.reload_doc();
					frappe.show_alert({
						message: r.message ? __("Usage imported") : __("Nothing imported: see the errors"),
						indicator: r.message ? "green" : "red",
					});
				})
			).addClass("btn-primary");
		}
	},
});
