// The list of Tariffs, with the approval chain's 驳回（填写原因）.
lvyue_ops.approval.extend_list("Tariff");
