"""Shared fixtures: an organisation with two instansi and one user per role."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from django.db.models.signals import post_save
from django.test import Client
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signal_handlers
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from pamong.people.roles import (
    GROUP_HR_INSTANSI,
    GROUP_HR_PROVINSI,
    GROUP_HUMAS_EDITOR,
    GROUP_HUMAS_MODERATOR,
)
from tests.factories.people import ASNFactory, InstansiFactory, JabatanFactory, UnitKerjaFactory, UserFactory
from tests.helpers import VIDEO_URL


@dataclass
class World:
    """Two instansi (A and B) with: an atasan and two staff in A, a staff in B, an HR user in each,
    a BKPSDM user, humas editor and moderator, an administrator and a second-level atasan."""

    instansi_a: object
    instansi_b: object
    kepala_a: object  # atasan of atasan_a
    atasan_a: object
    staff_a: object
    staff_a2: object
    staff_b: object
    hr_a: object
    hr_b: object
    bkpsdm: object
    humas_editor: object
    humas_moderator: object
    admin: object

    def users(self) -> dict[str, object]:
        """Every role's login user, keyed by role name (anonymous is ``None``)."""
        return {
            "anonymous": None,
            "asn": self.staff_a.user,
            "atasan": self.atasan_a.user,
            "hr_same": self.hr_a.user,
            "hr_other": self.hr_b.user,
            "bkpsdm": self.bkpsdm.user,
            "humas": self.humas_editor,
            "admin": self.admin,
        }


@pytest.fixture
def world(db) -> World:
    a = InstansiFactory(code="DINKES", name="Dinas Kesehatan")
    b = InstansiFactory(code="DLH", name="Dinas Lingkungan Hidup")
    bk = InstansiFactory(code="BKPSDM", name="Badan Kepegawaian dan Pengembangan SDM")
    unit_a = UnitKerjaFactory(instansi=a, code="YANKES", name="Bidang Pelayanan Kesehatan")
    unit_b = UnitKerjaFactory(instansi=b, code="SAMPAH", name="Bidang Pengelolaan Sampah")
    unit_bk = UnitKerjaFactory(instansi=bk, code="KINERJA", name="Bidang Penilaian Kinerja")
    kepala_a = ASNFactory(
        jabatan=JabatanFactory(unit=unit_a, kind="jpt", name="Kepala Dinas"), name="Kepala A"
    )
    atasan_a = ASNFactory(
        jabatan=JabatanFactory(unit=unit_a, kind="administrator", name="Kepala Bidang"),
        atasan=kepala_a,
        name="Atasan A",
    )
    staff_job_a = JabatanFactory(unit=unit_a, name="Pengadministrasi Pelayanan")
    staff_a = ASNFactory(jabatan=staff_job_a, atasan=atasan_a, name="Staf A")
    staff_a2 = ASNFactory(jabatan=staff_job_a, atasan=atasan_a, name="Staf A Dua")
    staff_b = ASNFactory(jabatan=JabatanFactory(unit=unit_b), name="Staf B")
    hr_a = ASNFactory(jabatan=JabatanFactory(unit=unit_a, name="Analis SDM Aparatur"), name="HR A")
    hr_b = ASNFactory(jabatan=JabatanFactory(unit=unit_b, name="Analis SDM Aparatur"), name="HR B")
    bkpsdm = ASNFactory(jabatan=JabatanFactory(unit=unit_bk, name="Analis Kinerja"), name="BKPSDM")
    hr_group = Group.objects.get(name=GROUP_HR_INSTANSI)
    hr_a.user.groups.add(hr_group)
    hr_b.user.groups.add(hr_group)
    bkpsdm.user.groups.add(Group.objects.get(name=GROUP_HR_PROVINSI))
    editor = UserFactory(username="humas.editor")
    editor.groups.add(Group.objects.get(name=GROUP_HUMAS_EDITOR))
    moderator = UserFactory(username="humas.moderator")
    moderator.groups.add(Group.objects.get(name=GROUP_HUMAS_MODERATOR))
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return World(
        a, b, kepala_a, atasan_a, staff_a, staff_a2, staff_b, hr_a, hr_b, bkpsdm, editor, moderator, admin
    )


@pytest.fixture
def client_for(db):
    """``client_for(user)`` returns a NEW test client logged in as ``user`` (anonymous for None).

    One client per call: two clients obtained in one test are two people. (A shared client once let
    ``editor = client_for(editor_user); hr = client_for(None)`` turn the "editor" anonymous.)"""

    def login(user) -> Client:
        new = Client()
        if user is not None:
            new.force_login(user)
        return new

    return login


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def pytest_collection_modifyitems(config, items):
    """Every transactional test (``transaction=True``, ``transactional_db``, ``live_server``) rolls
    back by serialization: it starts from the data the migrations wrote, and its closing flush sends
    no ``post_migrate`` (whose receivers would recreate reference rows, such as the role groups,
    under new ids that the next restore collides with)."""
    for item in items:
        if _transactional(item) and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the migrations' data back at once. Under pytest-xdist
    a worker may run plain database tests after a transactional one (one process runs them last);
    they expect the regulatory tables, role groups and Wagtail's site to be there."""
    result = yield
    if _transactional(item) and nextitem is not None:  # after the last test the databases are gone
        from pytest_django.plugin import blocking_manager_key

        connection = connections["default"]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            with item.config.stash[blocking_manager_key].unblock():
                # from empty (a live server thread may still have written after the test's own flush)
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                connection.creation.deserialize_db_from_string(contents)
                # the restored rows carry their ids: sequences continue after them, as loaddata does
                # (SQLite's AUTOINCREMENT does so by itself; PostgreSQL would hand the ids out again)
                statements = connection.ops.sequence_reset_sql(
                    no_style(), apps.get_models(include_auto_created=True)
                )
                with connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
                connection.close()
    return result


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the database is rolled back after a test, the
    in-memory cache (front cache, rate limits, page caches) would otherwise outlive it."""
    from django.core.cache import cache

    from learning import cache as learning_cache

    cache.clear()
    learning_cache._local.clear()  # the process's copies of the shared entries
    yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """Test databases under pytest-xdist: one per worker. On PostgreSQL pytest-django already names
    them ``test_<name>_gw0``, ``_gw1``, ... On SQLite the test database is a file, not memory, so
    threads and the live server meet the real locking (WAL, BEGIN IMMEDIATE, busy timeout): one per
    process in the temporary folder, or with ``--reuse-db`` (``make test-fast``) one per worker kept
    between runs: ``test-results/db/test_pamong_gw0.sqlite3`` (``--create-db`` rebuilds it)."""
    database = settings.DATABASES["default"]
    test_settings = database.setdefault("TEST", {})
    if database["ENGINE"] == "django.db.backends.sqlite3" and not test_settings.get("NAME"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        if request.config.getvalue("reuse_db"):
            folder = settings.BASE_DIR / "test-results" / "db"
            folder.mkdir(parents=True, exist_ok=True)
            test_settings["NAME"] = str(folder / f"test_pamong_{worker}.sqlite3")
        else:
            test_settings["NAME"] = str(
                Path(tempfile.gettempdir()) / f"pamong-test-{worker}-{os.getpid()}.sqlite3"
            )


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings, django_db_blocker) -> bool:
    """``--create-db``, or a kept database (``--reuse-db``) that a transactional test emptied: its
    flush at the end removed the rows the migrations wrote (Wagtail's site and root page, the
    regulatory tables), which migrating again would not bring back. Such a database is rebuilt."""
    if request.config.getvalue("create_db"):
        return True
    if not request.config.getvalue("reuse_db"):
        return False
    with django_db_blocker.unblock():
        return _kept_test_database_was_emptied()


def _kept_test_database_was_emptied() -> bool:
    connection = connections["default"]
    name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite" and (
        connection.creation.is_in_memory_db(name) or not os.path.exists(name)
    ):
        return False
    # A raw driver connection: Django's connect() would announce it to receivers that look it up by alias.
    probe = connection.__class__({**connection.settings_dict, "NAME": name})
    try:
        raw = probe.get_new_connection(probe.get_connection_params())
    except probe.Database.Error:  # no such database yet: Django creates it as usual
        return False
    try:
        cursor = raw.cursor()
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_site")
        return cursor.fetchone()[0] == 0
    except probe.Database.Error:  # no tables yet
        return False
    finally:
        raw.close()


@pytest.fixture
def media(settings, tmp_path):
    """An image, a document and a pre-cached video embed (tests never reach the internet)."""
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Apel pagi", file=get_test_image_file())
    document = Document.objects.create(
        title="Naskah kebijakan", file=ContentFile(b"isi", name="kebijakan.pdf")
    )
    Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL),
        url=VIDEO_URL,
        max_width=None,
        type="video",
        html='<iframe title="Video sosialisasi"></iframe>',
        title="v",
    )
    return image, document


@pytest.fixture(scope="session", autouse=True)
def _no_search_indexing_on_save():
    """Pages are not indexed for search as they are saved, except in the tests that search
    (``indexed_search``): indexing, and even deciding not to (modelsearch's save handler reads the
    page again before it looks at ``AUTO_UPDATE``), was a sixth of the time of building a page tree."""
    _index_on_save(False)
    yield
    _index_on_save(True)


def _index_on_save(on: bool) -> None:
    for model in search_index.get_indexed_models():
        if getattr(model, "search_auto_update", True):
            (post_save.connect if on else post_save.disconnect)(
                search_signal_handlers.post_save_signal_handler, sender=model
            )


@pytest.fixture
def indexed_search():
    """Pages indexed for search as they are saved, as in production."""
    _index_on_save(True)
    yield
    _index_on_save(False)
