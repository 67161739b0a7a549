import pytest


@pytest.fixture(autouse=True)
def fieldwork_dirs(settings, tmp_path):
    """Uploads land in a tmp dir; tasks run inline."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


@pytest.fixture
def product(db):
    from .helpers import make_product

    return make_product()
