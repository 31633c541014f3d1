// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Ops Duty Task", {
	refresh(frm) {
		if (frm.doc.status !== "Open" || !frappe.user.has_role(frm.doc.responsible_role)) return;
		frappe.db.get_value("Ops Duty", frm.doc.duty, "document_type").then(({ message }) => {
			if (message && message.document_type) {
				frm.set_intro(__("Done when its {0} is.", [__(message.document_type)]), "blue");
				return;
			}
			frm.add_custom_button(__("Mark Done"), () =>
				frappe.prompt(
					{ fieldname: "note", label: __("What Was Done"), fieldtype: "Small Text", reqd: 1 },
					(values) => frm.call("mark_done", values).then(() => frm.reload_doc()),
					__("Mark Done")
				)
			).addClass("btn-primary");
		});
	},
});
