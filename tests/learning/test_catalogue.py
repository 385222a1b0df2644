"""The catalogue /pelatihan/ and the course page: filters, search, page types, query budgets."""

import pytest
from wagtail.models import Page

from learning import services
from learning.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from learning.rules import Delivery
from tests.factories.learning import course_index, make_course


def test_page_tree_rules():
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []
    assert [m.__name__ for m in CourseIndexPage.allowed_parent_page_models()] == ["HomePage"]


def test_catalogue_filters(world, client_for):
    make_course(title="Kursus Kinerja", tags=("kinerja",), delivery=Delivery.E_LEARNING)
    make_course(title="Kursus Layanan", tags=("pelayanan",), delivery=Delivery.COACHING)
    client = client_for(None)
    html = client.get("/pelatihan/").content.decode()
    assert "Kursus Kinerja" in html and "Kursus Layanan" in html
    html = client.get("/pelatihan/", {"tag": "kinerja"}).content.decode()
    assert "Kursus Kinerja" in html and "Kursus Layanan" not in html
    html = client.get("/pelatihan/", {"delivery": "coaching"}).content.decode()
    assert "Kursus Layanan" in html and "Kursus Kinerja" not in html
    html = client.get("/pelatihan/", {"delivery": "tidak-ada"}).content.decode()
    assert "Kursus Layanan" in html and "Kursus Kinerja" in html


def test_unpublished_courses_are_hidden(world, client_for):
    course = make_course(title="Kursus Draf")
    course.unpublish()
    assert "Kursus Draf" not in client_for(None).get("/pelatihan/").content.decode()
    assert client_for(None).get(course.url_path.replace("/beranda", "")).status_code == 404


@pytest.mark.parametrize("n", [2, 15])
def test_catalogue_query_count(world, client_for, n, django_assert_max_num_queries):
    for i in range(n):
        course = make_course(modules=1, lessons=1, tags=("kinerja", f"tag{i}"))
        services.enrolment_self_create(user=world.staff_a.user, course=course)
    client = client_for(world.staff_a.user)
    client.get("/pelatihan/")
    with django_assert_max_num_queries(18):
        assert client.get("/pelatihan/").status_code == 200


@pytest.mark.parametrize("size", [(1, 1), (6, 8)])
def test_course_page_query_count(world, client_for, size, django_assert_max_num_queries):
    base = make_course(modules=1, lessons=1)
    course = make_course(modules=size[0], lessons=size[1], lesson_quiz=True, prerequisites=(base,))
    client = client_for(world.staff_a.user)
    client.get(course.url)
    with django_assert_max_num_queries(20):
        response = client.get(course.url)
    assert response.status_code == 200


def test_course_page_for_each_state(world, client_for):
    base = make_course(title="Dasar Layanan", modules=1, lessons=1)
    course = make_course(title="Lanjutan Layanan", prerequisites=(base,))
    anon = client_for(None).get(course.url).content.decode()
    assert "Masuk untuk mendaftar" in anon
    html = client_for(world.staff_a.user).get(course.url).content.decode()
    assert "Selesaikan dulu pelatihan prasyarat" in html and "Dasar Layanan" in html
    assert "Daftar pelatihan" in html
    assert "Memahami A" in html  # learning objectives


def test_search_finds_courses(world):
    course = make_course(title="Manajemen Talenta ASN")
    CoursePage.objects.filter(pk=course.pk).update(summary="Suksesi jabatan dan talenta")
    from wagtail.search.backends import get_search_backend

    course = CoursePage.objects.get(pk=course.pk)
    backend = get_search_backend()
    backend.add(course)
    results = list(Page.objects.live().search("talenta"))
    assert course.pk in [p.pk for p in results]


def test_index_is_reused(world):
    assert course_index().pk == course_index().pk
