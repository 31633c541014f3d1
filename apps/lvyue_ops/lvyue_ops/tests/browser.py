"""Headless Chromium (Debian's package) driven by Playwright, for tests that act as a person."""

import os
from contextlib import contextmanager

CHROMIUM = os.environ.get("LVYUE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
SCREENSHOTS = os.environ.get("LVYUE_SCREENSHOTS")  # a folder: keep a picture of each page tested


PHONE = {"width": 390, "height": 844}  # a phone's width, as customers open the portal


@contextmanager
def browser_page(base_url: str, viewport: dict | None = None):
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
		try:
			context = browser.new_context(
				base_url=base_url, locale="zh-CN", viewport=viewport or {"width": 1366, "height": 900}
			)
			page = context.new_page()
			# every wait is for an event (an element, a state); the timeout only stops a page that hangs,
			# and a loaded 2-core machine may take long to draw desk
			page.set_default_timeout(300_000)
			try:
				yield page
			except Exception:
				screenshot(page, "failed")  # what the page showed when the test failed
				raise
		finally:
			browser.close()


def login(page, user: str, password: str):
	page.goto("/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url)


def screenshot(page, name: str):
	if SCREENSHOTS:
		os.makedirs(SCREENSHOTS, exist_ok=True)
		page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
