// ERPNext's Contract list, with the approval chain's 驳回（填写原因） (hooks.py doctype_list_js).
lvyue_ops.approval.extend_list("Contract");
