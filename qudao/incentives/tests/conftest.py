import pytest


@pytest.fixture(autouse=True)
def incentive_dirs(settings, tmp_path):
    """Facts, run snapshots under the test's tmp dir; tasks run inline."""
    settings.QUDAO_FACTS_DIR = tmp_path / "facts"
    settings.QUDAO_RUNS_DIR = tmp_path / "runs"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return tmp_path


@pytest.fixture
def world(cast):
    from .helpers import World

    return World(cast)
