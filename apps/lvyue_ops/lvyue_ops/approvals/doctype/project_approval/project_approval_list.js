// The list of Project Approvals, with the approval chain's 驳回（填写原因）.
lvyue_ops.approval.extend_list("Project Approval");
