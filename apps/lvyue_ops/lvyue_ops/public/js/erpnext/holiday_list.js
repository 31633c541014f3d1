// lvyue_ops additions to ERPNext's Holiday List form (hooks.py: doctype_js; server: ops_calendar/holiday_lists.py).
frappe.ui.form.on("Holiday List", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		frm.add_custom_button(__("Extend with 调休"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Extend with 调休"),
				fields: [
					{ fieldname: "to_date", label: __("Extend to"), fieldtype: "Date", reqd: 1 },
					{
						fieldname: "holidays",
						label: __("Public Holidays"),
						fieldtype: "Small Text",
						description: __("One per line: first day, last day, name (e.g. 2027-01-01, 2027-01-03, 元旦). Empty: the schedule the app knows."),
					},
					{
						fieldname: "working_weekends",
						label: __("调休 Working Weekends"),
						fieldtype: "Small Text",
						description: __("Weekend days that are working days, separated by commas."),
					},
				],
				primary_action_label: __("Extend"),
				primary_action(values) {
					frappe
						.xcall("lvyue_ops.ops_calendar.holiday_lists.extend_holiday_list", {
							holiday_list: frm.doc.name,
							...values,
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
	},
});
