import pytest

from tests.security.targets import build_objects


@pytest.fixture
def objects(world, tmp_path, settings):
    """One of everything a URL can name, all in instansi A (see tests/security/targets.py)."""
    settings.MEDIA_ROOT = tmp_path
    return build_objects(world)
