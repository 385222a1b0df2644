"""The page chrome of base.html is rendered once per language and set of roles (pamong.home.chrome):
each person still sees the navigation of their own roles in their own language, a role change shows
on the next page, and the per-request parts (CSRF token, bell, messages, current path, title) are
each request's own."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory
from django.urls import reverse

from pamong.home import chrome
from pamong.notifications import services
from pamong.people.roles import GROUP_HR_INSTANSI
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db

HR_LINK = 'href="/hr/dasbor/"'
PEOPLE_LINK = 'href="/pegawai/"'
ADMIN_LINK = '<a href="/admin/">'
LEARN_LINK = 'href="/belajar/"'


def page(client, path="/akun/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def in_language(client, language: str):
    client.cookies["django_language"] = language
    return client


def logout_token(html: str) -> str:
    form = html.split('action="/keluar/"', 1)[1].split("</form>", 1)[0]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_two_people_of_different_roles_and_languages_see_their_own_chrome(world, client_for):
    hr = in_language(client_for(world.hr_a.user), "en")
    staff = in_language(client_for(world.staff_a.user), "id")
    for _ in range(2):  # the second round is served from the kept chrome
        hr_page, staff_page = page(hr), page(staff)
        assert '<html lang="en">' in hr_page and '<option value="en" selected>' in hr_page
        assert '<html lang="id">' in staff_page and '<option value="id" selected>' in staff_page
        assert HR_LINK in hr_page and PEOPLE_LINK in hr_page and ADMIN_LINK in hr_page
        assert HR_LINK not in staff_page and PEOPLE_LINK not in staff_page and ADMIN_LINK not in staff_page
        assert 'href="/kinerja/"' in staff_page
    # the same person switching language gets the other language's chrome at once
    in_language(staff, "en")
    assert '<html lang="en">' in page(staff) and HR_LINK not in page(staff)
    anonymous = page(client_for(None), reverse("login"))
    assert LEARN_LINK not in anonymous and 'href="/kebijakan/"' in anonymous
    assert 'action="/keluar/"' not in anonymous and "data-unread" not in anonymous


def test_a_role_gained_or_lost_shows_on_the_next_page(world, client_for):
    user = world.staff_a.user
    client = client_for(user)
    other = client_for(world.staff_a2.user)  # same roles: shares the kept chrome
    assert HR_LINK not in page(client) and HR_LINK not in page(other)
    user.groups.add(Group.objects.get(name=GROUP_HR_INSTANSI))
    assert HR_LINK in page(client)
    assert HR_LINK not in page(other)
    user.groups.remove(Group.objects.get(name=GROUP_HR_INSTANSI))
    assert HR_LINK not in page(client)


def test_the_shared_part_is_rendered_once_per_language_and_roles(world, client_for, monkeypatch):
    rendered = []
    render_shared = chrome.ChromeNode._render_shared

    def counted(node, context, values):
        rendered.append(values["LANGUAGE_CODE"])
        return render_shared(node, context, values)

    monkeypatch.setattr(chrome.ChromeNode, "_render_shared", counted)
    chrome.forget_rendered()
    staff, staff2 = client_for(world.staff_a.user), client_for(world.staff_a2.user)
    page(staff)
    page(staff2, "/belajar/")
    page(staff, reverse("notifications:inbox"))
    assert rendered == ["id"]
    in_language(staff2, "en")
    page(staff2)
    page(staff2, "/belajar/")
    assert rendered == ["id", "en"]


def test_per_request_parts_are_each_requests_own(world, client_for):
    first, second = client_for(world.staff_a.user), client_for(world.staff_a2.user)
    services.notification_send(
        kind="devplan_approved", recipients=[world.staff_a.user], key="a", link="/kompetensi/"
    )
    one, two = page(first), page(second, "/belajar/")
    # the CSRF token of the logout form is each client's own (and valid: logging out works)
    assert logout_token(one) != logout_token(two)
    # the bell counts each person's own notifications
    assert 'data-unread="1"' in one and 'data-unread="0"' in two
    # the language form returns to the page it is on; the title is the page's
    assert '<input name="next" type="hidden" value="/akun/">' in one
    assert '<input name="next" type="hidden" value="/belajar/">' in two
    assert re.search(r"<title>[^<]*· Pamong</title>", one).group(0) != re.search(
        r"<title>[^<]*· Pamong</title>", two
    ).group(0)
    # a message shows on the next page only
    shown = first.post(reverse("notifications:mark_all_read"), follow=True).content.decode()
    assert 'class="messages"' in shown
    assert 'class="messages"' not in page(first) and 'class="messages"' not in page(second)
    assert 'data-unread="0"' in page(first)
    # the anonymous login link carries the current path
    login_page = page(client_for(None), reverse("login") + "?next=/belajar/")
    assert 'href="/masuk/?next=/masuk/%3Fnext%3D/belajar/"' in login_page
    # logging out with the token of the kept chrome works
    assert second.post("/keluar/", {"csrfmiddlewaretoken": logout_token(two)}).status_code == 302


def test_nothing_personal_outside_a_per_request_part(world, client_for):
    """The shared part sees only the key's values: a person's data there would render empty for
    everyone, never one person's data on another's page."""
    template = engines["django"].from_string(
        "{% load pamong_tags %}{% chrome %}[{{ user.username }}|{{ signed_in }}]"
        "{% per_request %}({{ user.username }}){% endper_request %}{% endchrome %}"
    )
    request = RequestFactory().get("/")
    for user in (UserFactory(username="pertama"), UserFactory(username="kedua")):
        request.user = user
        assert template.render({}, request) == f"[|True]({user.username})"


def test_a_block_outside_a_per_request_part_is_refused():
    with pytest.raises(TemplateSyntaxError, match="per_request"):
        engines["django"].from_string(
            "{% load pamong_tags %}{% chrome %}{% block title %}{% endblock %}{% endchrome %}"
        )
    # inside one, it is a block as before
    engines["django"].from_string(
        "{% load pamong_tags %}{% chrome %}{% per_request %}{% block title %}{% endblock %}"
        "{% endper_request %}{% endchrome %}"
    )


def test_a_changed_setting_forgets_the_kept_chrome(world, client_for, settings):
    client = client_for(world.staff_a.user)
    assert 'href="/belajar/"' in page(client)
    settings.LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English"), ("jv", "Basa Jawa")]
    assert '<option value="jv">Basa Jawa</option>' in page(client)
