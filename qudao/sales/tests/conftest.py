import pytest


@pytest.fixture(autouse=True)
def sales_dirs(settings, tmp_path):
    """Every sales test writes its uploads, error reports and Parquet files under its own tmp dir,
    and runs tasks inline."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.QUDAO_FACTS_DIR = tmp_path / "facts"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


@pytest.fixture
def world(cast):
    from .helpers import build_sales_world

    return build_sales_world(cast)
