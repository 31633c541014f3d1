"""The side-by-side table of scripts/test-erpnext: ERPNext's tests of each DocType without and with
lvyue_ops, from the JUnit XML files `bench run-tests` wrote. Exits 1 when a test that passes
without the app fails (or does not run) with it.

	python compare_erpnext_tests.py OUT_DIR PLAIN_SITE GUEST_SITE DOCTYPE [DOCTYPE …]
"""

import os
import sys
import xml.etree.ElementTree as ET


def results(path: str) -> dict[str, str]:
	"""test id -> passed / failed / skipped; empty when the run wrote no report (it did not run)."""
	if not os.path.exists(path) or not os.path.getsize(path):
		return {}
	outcome = {}
	for case in ET.parse(path).getroot().iter("testcase"):
		test = f"{case.get('classname')}.{case.get('name')}"
		if case.find("failure") is not None or case.find("error") is not None:
			outcome[test] = "failed"
		elif case.find("skipped") is not None:
			outcome[test] = "skipped"
		else:
			outcome[test] = "passed"
	return outcome


def counts(outcome: dict[str, str]) -> str:
	if not outcome:
		return "none ran"
	values = list(outcome.values())
	return f"{len(values)} ran: {values.count('passed')} passed, {values.count('failed')} failed, {values.count('skipped')} skipped"


def main(out: str, plain: str, guest: str, doctypes: list[str]) -> int:
	width = max(len(d) for d in doctypes)
	print(f"\n{'ERPNext tests':<{width}} | {'without lvyue_ops':<40} | {'with lvyue_ops':<40} | worse with the app")
	print(f"{'-' * width}-|-{'-' * 40}-|-{'-' * 40}-|-------------------")
	regressions = []
	for doctype in doctypes:
		slug = doctype.replace(" ", "_")
		without = results(os.path.join(out, f"{plain}-{slug}.xml"))
		with_app = results(os.path.join(out, f"{guest}-{slug}.xml"))
		worse = sorted(t for t, r in without.items() if r == "passed" and with_app.get(t) != "passed")
		regressions += [(doctype, t) for t in worse]
		print(f"{doctype:<{width}} | {counts(without):<40} | {counts(with_app):<40} | {len(worse)}")
	for doctype, test in regressions:
		print(f"  passes without the app, not with it: {doctype}: {test}")
	print("same results with and without the app" if not regressions else f"{len(regressions)} tests worse with the app")
	return 1 if regressions else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]))
