// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Supplier Price List", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.price_sheet && !frm.is_dirty()) {
			frm.add_custom_button(__("Import Price Sheet"), () =>
				frm.call("import_price_sheet").then((r) => {
					const errors = r.message || [];
					if (!errors.length) {
						frm.reload_doc();
						frappe.show_alert({ message: __("Prices imported"), indicator: "green" });
						return;
					}
					frappe.msgprint({
						title: __("Nothing imported"),
						indicator: "red",
						// every part is escaped: the sheet comes from outside the company
						message: errors
							.map((e) => [__("Row"), e.row_no, e.column, e.message].map((v) => frappe.utils.escape_html(String(v))).join(" "))
							.join("<br>"),
					});
				})
			);
		}
		frm.add_custom_button(__("Price Comparison"), () => frappe.set_route("query-report", "Supplier Price Comparison"));
	},
});
