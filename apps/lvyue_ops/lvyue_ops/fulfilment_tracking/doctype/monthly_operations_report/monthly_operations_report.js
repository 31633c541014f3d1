// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// 月度运营报告: the figures are stored by their English names, so one report reads alike in every
// language; they are shown in the user's.
frappe.ui.form.on("Monthly Operations Report", {
	onload(frm) {
		// on this report's copy of the fields, before its rows are drawn
		for (const fieldname of ["figure", "unit", "counts"]) {
			frm.get_docfield("figures", fieldname).formatter = (value) => (value ? __(value) : "");
		}
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new() && lvyue_ops.has_step("monthly_operations_report.prepare")) {
			frm.add_custom_button(__("Refresh Figures"), () => lvyue_ops.run_action(frm, "refresh_figures"));
		}
	},
});
