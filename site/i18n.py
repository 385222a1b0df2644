"""Translation catalogue helpers that need no GNU gettext at run time.

``python -m pamong.i18n compile``  writes every ``locale/*/LC_MESSAGES/django.mo`` from its ``.po``
(the compiled files are committed, so a fresh clone is translated without ``msgfmt``).

``python -m pamong.i18n update``   re-extracts the strings (``makemessages``, needs GNU gettext),
fills new Indonesian entries from their source text (UI strings are written in Indonesian),
and compiles.

``python -m pamong.i18n check``    lists untranslated or fuzzy entries of the Indonesian catalogue
and exits non-zero when there are any.

UI strings are written in Indonesian, so most Indonesian entries translate to themselves; English
strings (from forms, validators or libraries) get a real Indonesian translation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django
import polib
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogue_problems(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    problems = [f"belum diterjemahkan: {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid!r}" for e in po.fuzzy_entries()]
    return problems


def compile_all() -> list[Path]:
    written = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


IGNORE = [".venv/*", "benchmarks/*", "tests/*", "staticfiles/*", "media/*", "node_modules/*"]


def extract(*, project_dir: Path = LOCALE_DIR.parent) -> Path:
    """Run ``makemessages`` for Indonesian over ``project_dir``; returns its ``locale/id`` ``.po`` path.

    ``makemessages`` writes next to the sources it reads, so a check that must not touch the
    repository runs this on a copy of it.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pamong.settings.dev")
    django.setup()
    previous = settings.LOCALE_PATHS
    settings.LOCALE_PATHS = [str(project_dir / "locale")]
    cwd = Path.cwd()
    try:
        os.chdir(project_dir)
        call_command("makemessages", locale=["id"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
        settings.LOCALE_PATHS = previous
    return project_dir / "locale" / "id" / "LC_MESSAGES" / "django.po"


def fill_from_source(po_path: Path) -> int:
    """Indonesian is the source language: an untranslated Indonesian entry translates to itself."""
    po = polib.pofile(str(po_path))
    filled = 0
    # New entries arrive empty, or "fuzzy" with a guess msgmerge borrowed from a similar entry.
    for entry in po.untranslated_entries() + po.fuzzy_entries():
        entry.msgstr = entry.msgid
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    po.metadata.update({"Language": "id", "Language-Team": "Pamong", "Project-Id-Version": "Pamong"})
    po.metadata_is_fuzzy = False
    po.save()
    return filled


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        po_path = extract()
        print(f"{fill_from_source(po_path)} entri baru diisi dari teks sumber")
        compile_all()
        return 0
    if command == "compile":
        for path in compile_all():
            print(f"ditulis: {path.relative_to(LOCALE_DIR.parent)}")
        return 0
    if command == "check":
        problems = catalogue_problems(LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po")
        print("\n".join(problems) or "Katalog bahasa Indonesia lengkap.")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
