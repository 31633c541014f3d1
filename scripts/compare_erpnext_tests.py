"""The side-by-side table of scripts/test-erpnext: ERPNext's tests of each DocType on the bare site
(ERPNext and payments) and with lvyue_ops, from the JUnit XML files `bench run-tests` wrote.

Exits 1 when a suite passes less than MIN_PASS_RATE on the bare site (the site is then not set up
as ERPNext's CI sets it up, and the comparison says little), or when a test that passes on the
bare site fails, errors, is skipped or does not run with the app. Set-up suites (--setup), run
first for the state they leave behind, are compared too but have no minimum pass rate.

	python compare_erpnext_tests.py OUT_DIR PLAIN_SITE GUEST_SITE [--setup DOCTYPE …] DOCTYPE [DOCTYPE …]
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

MIN_PASS_RATE = 0.9


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


def passed(outcome: dict[str, str]) -> int:
	return list(outcome.values()).count("passed")


def rate(outcome: dict[str, str]) -> float:
	return passed(outcome) / len(outcome) if outcome else 0.0


def counts(outcome: dict[str, str]) -> str:
	if not outcome:
		return "none ran"
	values = list(outcome.values())
	text = f"{passed(outcome)}/{len(values)} passed ({rate(outcome):.0%})"
	if values.count("failed"):
		text += f", {values.count('failed')} failed"
	if values.count("skipped"):
		text += f", {values.count('skipped')} skipped"
	return text


def main(out: str, plain: str, guest: str, doctypes: list[str], setup: list[str]) -> int:
	def report(site: str, doctype: str, ext: str) -> str:
		return os.path.join(out, f"{site}-{doctype.replace(' ', '_')}.{ext}")

	labels = {d: f"{d} (set-up)" if d in setup else d for d in doctypes}
	width = max(len(label) for label in [*labels.values(), "ERPNext tests"])
	print(f"\n{'ERPNext tests':<{width}} | {'bare site':<34} | {'with lvyue_ops':<34} | worse with the app")
	print(f"{'-' * width}-|-{'-' * 34}-|-{'-' * 34}-|-------------------")
	bare, regressions = {}, []
	for doctype in doctypes:
		bare[doctype] = without = results(report(plain, doctype, "xml"))
		with_app = results(report(guest, doctype, "xml"))
		worse = sorted(t for t, r in without.items() if r == "passed" and with_app.get(t) != "passed")
		regressions += [(doctype, t, with_app.get(t, "did not run")) for t in worse]
		print(f"{labels[doctype]:<{width}} | {counts(without):<34} | {counts(with_app):<34} | {len(worse)}")
	print()
	low = [d for d in doctypes if d not in setup and rate(bare[d]) < MIN_PASS_RATE]
	for doctype in doctypes:
		if doctype not in setup:
			outcome = bare[doctype]
			print(
				f"bare site pass rate: {doctype}: {passed(outcome)} of {len(outcome)} ({rate(outcome):.0%})"
			)
	for doctype in low:
		print(
			f"below {MIN_PASS_RATE:.0%} on the bare site: {doctype} — the site is not set up as ERPNext's CI's "
			f"(see {report(plain, doctype, 'log')})"
		)
	for doctype in doctypes:
		tests = [(test, outcome) for d, test, outcome in regressions if d == doctype]
		if len(tests) > 1 and all(outcome == "did not run" for _, outcome in tests):
			# no report at all with the app: one line, not every test
			print(
				f"worse with the app: {doctype}: none of its {len(tests)} passing tests ran "
				f"(see {report(guest, doctype, 'log')})"
			)
			continue
		for test, outcome in tests:
			print(f"worse with the app ({outcome}): {doctype}: {test}")
	print(f"{len(regressions)} worse with the app")
	return 1 if regressions or low else 0


if __name__ == "__main__":
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("out")
	parser.add_argument("plain")
	parser.add_argument("guest")
	parser.add_argument("doctypes", nargs="+")
	parser.add_argument("--setup", action="append", default=[])
	args = parser.parse_args()
	sys.exit(main(args.out, args.plain, args.guest, args.doctypes, args.setup))
