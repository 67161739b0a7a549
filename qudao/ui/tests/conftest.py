"""Playwright fixtures for browser tests: Debian's chromium (`playwright install` cannot download here)."""


import pytest


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="zh-CN")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
