// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("VOS Server", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Pull Call Records"), () => {
			const yesterday = frappe.datetime.add_days(frappe.datetime.get_today(), -1);
			frappe.prompt(
				[
					{ fieldname: "from_date", fieldtype: "Date", label: __("From"), reqd: 1, default: yesterday },
					{ fieldname: "to_date", fieldtype: "Date", label: __("To"), reqd: 1, default: yesterday },
				],
				(values) =>
					lvyue_ops.run_action(frm, "pull_range", values).then((r) =>
						frappe.show_alert({ message: r.message, indicator: "blue" })
					),
				__("Pull Call Records"),
				__("Start Pull")
			);
		});
		frm.add_custom_button(__("Pull Days"), () => frappe.set_route("List", "VOS Pull Day", { vos_server: frm.doc.name }), __("View"));
		frm.add_custom_button(__("Call Records"), () => frappe.set_route("List", "VOS Call Record", { vos_server: frm.doc.name }), __("View"));
	},
});
