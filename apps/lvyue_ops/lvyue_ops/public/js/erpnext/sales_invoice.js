// lvyue_ops additions to ERPNext's Sales Invoice form (hooks.py: doctype_js): the calls behind a bill of a
// billing run (详单), for whoever reads the bill.
frappe.ui.form.on("Sales Invoice", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.lvyue_billing_run) return;
		for (const format of ["csv", "xlsx"]) {
			frm.add_custom_button(
				format.toUpperCase(),
				() => window.open(`/api/method/lvyue_ops.vos.detail.download_calls?invoice=${encodeURIComponent(frm.doc.name)}&file_format=${format}`),
				__("Calls of the Bill")
			);
		}
	},
});
