"""The project layout: local apps live in this repository, `site/` is imported as `pamong`."""

from pathlib import Path

from django.apps import apps

REPO = Path(__file__).resolve().parent.parent
LOCAL = ("pamong.", "learning", "competencies", "performance")


def test_every_local_app_lives_in_the_repository():
    local = [cfg for cfg in apps.get_app_configs() if cfg.name.startswith(LOCAL)]
    assert {cfg.name for cfg in local} >= {
        "pamong.people",
        "pamong.home",
        "learning",
        "competencies",
        "performance",
    }
    for cfg in local:
        assert Path(cfg.path).resolve().is_relative_to(REPO), f"{cfg.name} loaded from {cfg.path}"


def test_site_folder_is_the_pamong_package():
    import pamong

    assert Path(pamong.__path__[0]).resolve() == REPO / "site"


def test_stdlib_site_is_untouched():
    import site

    assert hasattr(site, "getsitepackages")
