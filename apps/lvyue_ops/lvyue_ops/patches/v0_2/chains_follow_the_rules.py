"""The approval chains of sites seeded before the role table (运营部管理规定 第四章):

- a stand-in for the General Manager only on an urgent Purchase Request, never on a Project
  Approval or a Contract;
- nobody approves their own request (self-approval off but for "Submit for Approval");
- the General Manager cancels an approved document through the chain;
- the Business Assistant (carrier recharges) and Operations (publicity) raise purchase requests too.

Workflows are records admins may edit: steps an admin gave another role keep it."""

import frappe

from lvyue_ops.workflow.chains import ON_BEHALF, SUBMIT, workflow_records


def execute():
	from lvyue_ops.setup.records import seed_records

	seed_records()  # the Cancelled state and the Cancel action the chains now use
	for record in workflow_records():
		if not frappe.db.exists("Workflow", record["name"]):
			continue
		workflow = frappe.get_doc("Workflow", record["name"])
		if workflow.document_type != "Purchase Request":
			workflow.transitions = [t for t in workflow.transitions if t.action != ON_BEHALF]
		for t in workflow.transitions:
			t.allow_self_approval = int(t.action == SUBMIT)
		states = {s.state for s in workflow.states}
		for state in record["states"]:
			if state["state"] not in states:
				workflow.append("states", state)
			elif state["allow_edit"] == "All":
				next(s for s in workflow.states if s.state == state["state"]).allow_edit = "All"
		present = {(t.state, t.action, t.next_state) for t in workflow.transitions}
		submitters = {(t.state, t.allowed) for t in workflow.transitions if t.action == SUBMIT}
		for t in record["transitions"]:
			if t["action"] == SUBMIT:
				if (t["state"], t["allowed"]) not in submitters:
					workflow.append("transitions", t)
			elif (t["state"], t["action"], t["next_state"]) not in present:
				workflow.append("transitions", t)
		workflow.flags.ignore_permissions = True
		workflow.save()
