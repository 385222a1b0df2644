"""The Indonesian catalogue is complete, compiled, and covers every string in the code."""

import shutil
from pathlib import Path

import polib
import pytest

from pamong.i18n import LOCALE_DIR, catalogue_problems, extract

PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"


def test_indonesian_catalogue_has_no_untranslated_or_fuzzy_entries():
    assert catalogue_problems(PO) == []


def test_compiled_catalogue_matches_the_source():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(PO)) if not e.msgid_plural}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo"))) if not e.msgid_plural}
    assert po == mo, "run `make messages` (or `python -m pamong.i18n compile`)"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_marked_string_is_in_the_catalogue(tmp_path: Path):
    repo = LOCALE_DIR.parent
    copy = tmp_path / "repo"
    skip = shutil.ignore_patterns(
        ".venv",
        ".git",
        "media",
        "staticfiles",
        "node_modules",
        "__pycache__",
        "*.sqlite3",
        # written by tests running in parallel (screenshots, media, test databases)
        "test-results",
        ".hypothesis",
    )
    shutil.copytree(repo, copy, ignore=skip)
    fresh = extract(project_dir=copy)
    missing = [e.msgid for e in polib.pofile(str(fresh)).untranslated_entries()]
    assert missing == [], f"strings missing from locale/id; run `make messages`: {missing[:10]}"
