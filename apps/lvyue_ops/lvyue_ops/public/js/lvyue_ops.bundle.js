// Shared desk helpers of lvyue_ops (hooks.py: app_include_js).
frappe.provide("lvyue_ops.approval");

// The steps of the role table (permissions.STEPS) the user takes, as the server sent them at boot:
// buttons follow the steps, so a step an admin moves to another role moves its button too.
lvyue_ops.has_step = function (step) {
	return (frappe.boot.lvyue_steps || []).includes(step);
};

// The filter of a figure that is per company (dashboard chart sources): the user's own by default.
lvyue_ops.company_filter = function () {
	return [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
		},
	];
};

// A document a background job works on: realtime events refresh its form at once; this poll keeps
// the form moving when the realtime server cannot be reached, and reloads it once the job is done.
lvyue_ops.follow_job = function (frm, running_statuses, on_tick) {
	clearTimeout(frm.lvyue_follow);
	const name = frm.doc.name;
	const tick = () => {
		if (cur_frm !== frm || frm.doc.name !== name) return;
		frappe.db.get_value(frm.doctype, name, "status").then(({ message }) => {
			if (!running_statuses.includes(message.status)) return frm.reload_doc();
			if (on_tick) on_tick();
			frm.lvyue_follow = setTimeout(tick, 5000);
		});
	};
	frm.lvyue_follow = setTimeout(tick, 5000);
};

// An action of a document whose status moves only through its actions (controllers/status_flow.py):
// unsaved edits are saved first, since the server acts on the stored document.
lvyue_ops.run_action = function (frm, method, args) {
	const saved = frm.is_dirty() ? frm.save() : Promise.resolve();
	return saved.then(() => frm.call(method, args)).then((r) => {
		frm.reload_doc();
		return r;
	});
};

lvyue_ops.approval.update_amount = function (frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "amount", flt(row.quantity) * flt(row.unit_price));
	frm.set_value(
		"total_amount",
		(frm.doc.services || []).reduce((sum, r) => sum + flt(r.amount), 0)
	);
};

// 拒绝 asks for its reason in the dialog that rejects; frappe's own action would read the stored
// document, without a reason typed into the form (a form hook: before_workflow_action).
lvyue_ops.approval.before_workflow_action = function (frm) {
	if (frm.selected_workflow_action !== "Reject") return;
	frm.selected_workflow_action = null;
	frappe.dom.unfreeze();
	frappe.prompt(
		{ fieldname: "reason", label: __("Rejection Reason"), fieldtype: "Small Text", reqd: 1 },
		(values) =>
			frappe
				.xcall("lvyue_ops.workflow.approval.reject", {
					doctype: frm.doctype,
					name: frm.doc.name,
					reason: values.reason,
				})
				.then(() => frm.reload_doc()),
		__("Reject"),
		__("Reject")
	);
	return new Promise(() => {}); // frappe's apply_workflow is not called: reject() took the step
};

// The list's 驳回（填写原因）: frappe's bulk Reject cannot ask the reason, this one does (a list
// hook of each approval DocType: listview onload).
lvyue_ops.approval.setup_list = function (listview) {
	listview.page.add_actions_menu_item(__("Reject with Reason"), () => {
		const names = listview.get_checked_items(true);
		if (!names.length) return;
		frappe.prompt(
			{ fieldname: "reason", label: __("Rejection Reason"), fieldtype: "Small Text", reqd: 1 },
			(values) =>
				frappe
					.xcall("lvyue_ops.workflow.approval.reject_many", {
						doctype: listview.doctype,
						names: names,
						reason: values.reason,
					})
					.then((result) => {
						const lines = result.failed.map((f) => `${frappe.utils.escape_html(f.name)}: ${frappe.utils.escape_html(f.message)}`);
						frappe.msgprint(
							[__("{0} rejected.", [result.rejected.length]), ...lines].join("<br>"),
							__("Reject with Reason")
						);
						listview.clear_checked_items();
						listview.refresh();
					}),
			__("Reject with Reason"),
			__("Reject")
		);
	});
};

// An approval DocType's list settings (its own _list.js, or ERPNext's) with setup_list added.
lvyue_ops.approval.extend_list = function (doctype) {
	const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
	const onload = settings.onload;
	settings.onload = function (listview) {
		onload && onload(listview);
		lvyue_ops.approval.setup_list(listview);
	};
};

lvyue_ops.approval.setup_form = function (frm) {
	const confirmation = frm.doctype === "Contract" ? "lvyue_gm_confirmation_status" : "gm_confirmation_status";
	if (frm.doc[confirmation] === "Awaiting Confirmation" && lvyue_ops.has_step("purchase_request.confirm_on_behalf")) {
		frm.add_custom_button(__("Confirm Approval on My Behalf"), () => {
			frappe
				.xcall("lvyue_ops.workflow.approval.confirm_on_behalf_approval", {
					doctype: frm.doctype,
					name: frm.doc.name,
				})
				.then(() => frm.reload_doc());
		});
	}
	if (!frm.is_new()) {
		frm.add_custom_button(__("Approval Steps"), () => {
			frappe.set_route("List", "Approval Step", {
				reference_doctype: frm.doctype,
				reference_name: frm.doc.name,
			});
		});
	}
};

// A Select value reads in its DocType's own words where it has them (zh.csv rows with a context,
// "Active,在网,Service Line"), as frappe's form control and status indicator already do; grids and
// list columns go through this formatter, which frappe calls without the context.
(function () {
	const select = frappe.form.formatters.Select;
	frappe.form.formatters.Select = function (value, df, ...rest) {
		const shown = select.call(this, value, df, ...rest);
		if (!df || !df.parent || !value) return shown;
		const own = __(cstr(value), null, df.parent);
		return own === __(cstr(value)) ? shown : frappe.utils.escape_html(own);
	};
})();
