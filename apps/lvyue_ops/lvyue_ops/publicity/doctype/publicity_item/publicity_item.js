// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Publicity Item", {
	refresh(frm) {
		if (frm.is_new()) return;
		const status = frm.doc.status;
		const ask = (label, fieldname, method) =>
			frappe.prompt({ fieldname, label, fieldtype: "Small Text", reqd: 1 }, (values) => lvyue_ops.run_action(frm, method, values));
		if (lvyue_ops.has_step("publicity_item.select")) {
			if (status === "Submitted") {
				frm.add_custom_button(__("Select for Publication"), () => lvyue_ops.run_action(frm, "select")).addClass("btn-primary");
			}
			if (status === "Selected" && frm.doc.channel !== "WeChat") {
				frm.add_custom_button(__("Send for Review"), () => lvyue_ops.run_action(frm, "send_for_review")).addClass("btn-primary");
			}
			if (["Submitted", "Selected"].includes(status)) {
				frm.add_custom_button(__("Not Used"), () => ask(__("Why Not Used"), "note", "not_used"));
			}
		}
		if (status === "In Review" && lvyue_ops.has_step("publicity_item.review")) {
			frm.add_custom_button(__("Approve Publication"), () => lvyue_ops.run_action(frm, "approve_publication")).addClass("btn-primary");
			frm.add_custom_button(__("Return for Editing"), () => ask(__("What to Change"), "note", "return_for_editing"));
		}
		if (frm.doc.channel !== "Website" && ["Selected", "In Review", "Published"].includes(status) && lvyue_ops.has_step("publicity_item.wechat")) {
			frm.add_custom_button(__("Record the WeChat Article"), () =>
				frappe.prompt(
					[
						{ fieldname: "published_on", label: __("Published On"), fieldtype: "Date", reqd: 1, default: frappe.datetime.get_today() },
						{ fieldname: "link", label: __("Link"), fieldtype: "Data", options: "URL" },
					],
					(values) => lvyue_ops.run_action(frm, "record_wechat", values)
				)
			);
		}
	},
});
