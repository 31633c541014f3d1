"""The VOS3000 WebExternal HTTP API, as its manual documents it: `POST {base}/external/server/<Method>`
with a JSON body sent as a form-encoded string, answered by `{"retCode": 0, ...}` (some servers wrap
the answer in a one-element array).

`VosClient.cdrs` pulls the call records (话单) of a time range, splitting a range the server
refuses as too long (retCode -10033) into halves until each window goes through, and retrying a
window that times out or fails on the network; any other refusal is a `VosError` with VOS's code
and text."""

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import requests
from frappe import _

OVER_INTERVAL = -10033  # Over the limitation of inquiry interval
RETRY_PAUSE = 2.0  # seconds before the first retry
API_ERRORS = {
	-12103: "Miss parameters",
	-10124: "Input parameter error",
	OVER_INTERVAL: "Over the limitation of inquiry interval",
}


class VosError(Exception):
	def __init__(self, message: str, code: int | None = None):
		super().__init__(message)
		self.code = code


class VosClient:
	def __init__(self, base_url: str, timeout: float = 30, retries: int = 3, pause: float | None = None):
		self.base_url = base_url.rstrip("/")
		self.timeout = timeout
		self.retries = max(1, retries)
		self.pause = RETRY_PAUSE if pause is None else pause  # before a retry, doubled at each one
		self.session = requests.Session()
		self.requests = 0

	def call(self, method: str, payload: dict) -> dict:
		"""One API call, retried on timeouts and network errors; VOS's refusals are not retried."""
		url = f"{self.base_url}/external/server/{method}"
		body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
		headers = {"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}
		for attempt in range(1, self.retries + 1):
			self.requests += 1
			try:
				response = self.session.post(url, data=body, headers=headers, timeout=self.timeout)
				response.raise_for_status()
				answer = response.json()
				break
			except (requests.Timeout, requests.ConnectionError, requests.HTTPError, ValueError) as e:
				if attempt == self.retries:
					raise VosError(
						_("VOS did not answer {0} after {1} attempts: {2}").format(method, attempt, e)
					) from e
				time.sleep(self.pause * 2 ** (attempt - 1))
		if isinstance(answer, list) and len(answer) == 1:
			answer = answer[0]
		if not isinstance(answer, dict) or "retCode" not in answer:
			raise VosError(_("VOS answered {0} with something that is not a VOS reply.").format(method))
		code = int(answer["retCode"])
		if code != 0:
			text = answer.get("exception") or API_ERRORS.get(code) or ""
			raise VosError(_("VOS refused {0}: {1} ({2})").format(method, text, code), code)
		return answer

	def cdrs(self, accounts: list[str], begin: datetime, end: datetime) -> Iterator[list[dict]]:
		"""The CDRs of `accounts` from `begin` to `end` (exclusive), a window at a time. VOS takes
		days (yyyyMMdd, both ends included): a window is a whole number of days, halved while VOS
		says the range is too long."""
		windows = [(begin, end)]
		while windows:
			start, stop = windows.pop(0)
			last_day = stop - timedelta(days=1)
			payload = {
				"accounts": accounts,
				"beginTime": start.strftime("%Y%m%d"),
				"endTime": last_day.strftime("%Y%m%d"),
			}
			try:
				answer = self.call("GetCdr", payload)
			except VosError as e:
				days = (stop - start).days
				if e.code == OVER_INTERVAL and days > 1:
					middle = start + timedelta(days=days // 2)
					windows[:0] = [(start, middle), (middle, stop)]
					continue
				raise
			yield answer.get("infoCdrs") or []

	def phones(self, accounts: list[str] | None = None, e164s: list[str] | None = None) -> list[dict]:
		"""The numbers VOS holds for `accounts` (or the given numbers)."""
		payload = {}
		if accounts:
			payload["accounts"] = accounts
		if e164s:
			payload["e164s"] = e164s
		return self.call("GetPhone", payload).get("infoPhones") or []
