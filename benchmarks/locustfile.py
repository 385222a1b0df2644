"""The training push, as Locust users. Started by :func:`benchmarks.scenario.locust_run` with a plan
(``BENCH_PLAN``): learners' sessions and their lessons, HR sessions and pages, public feedback forms.

Cookies are sent by hand (production marks them Secure; this runs over HTTP on 127.0.0.1). Redirects
are not followed: a 302 after a POST is the expected answer. Each public citizen posts from its own
loopback address (127.77.x.y), since the form is rate-limited per client address.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, constant_pacing, task
from locust.contrib.fasthttp import FastHttpUser
from requests.adapters import HTTPAdapter

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text()) if os.environ.get("BENCH_PLAN") else {}
PACING = float(os.environ.get("BENCH_PACING", "1.0"))
QUESTION = re.compile(r'name="(q\d+)"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="(q\d+)"')
ATTEMPT = re.compile(r"/belajar/percobaan/(\d+)/")


def _cookie(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


class Learner(FastHttpUser):
    """Opens lessons, marks them done, takes quizzes, looks at the learning dashboard."""

    weight = 85
    abstract = not PLAN.get("learners")
    wait_time = constant_pacing(PACING)

    def on_start(self):
        me = random.choice(PLAN["learners"])
        self.lessons = me["lessons"]
        self.csrf = me["cookies"]["csrftoken"]
        self.headers = {"Cookie": _cookie(me["cookies"])}

    def _post(self, path, data, name):
        form = dict(data, csrfmiddlewaretoken=self.csrf)
        return self.client.post(path, data=form, headers=self.headers, allow_redirects=False, name=name)

    @task(10)
    def open_lesson(self):
        lesson = random.choice(self.lessons)
        self.client.get(lesson["url"], headers=self.headers, name="lesson page")

    @task(4)
    def complete_lesson(self):
        plain = [x for x in self.lessons if not x["quiz"]]
        if plain:
            lesson = random.choice(plain)
            self._post(f"/belajar/pelajaran/{lesson['id']}/selesai/", {}, "lesson complete (POST)")

    @task(2)
    def take_quiz(self):
        quizzes = [x for x in self.lessons if x["quiz"]]
        if not quizzes:
            return
        lesson = random.choice(quizzes)
        r = self._post(f"/belajar/kuis/{lesson['id']}/mulai/", {}, "quiz start (POST)")
        match = ATTEMPT.search(r.headers.get("Location", "") or "")
        if not match:
            return  # attempt limit reached: the service sends the learner back to the lesson
        url = f"/belajar/percobaan/{match.group(1)}/"
        page = self.client.get(url, headers=self.headers, name="quiz attempt page")
        answers: dict[str, str] = {}
        for m in QUESTION.finditer(page.text or ""):
            name, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            answers.setdefault(name, value)
        if answers:
            self._post(url, answers, "quiz submit (POST)")

    @task(1)
    def dashboard(self):
        self.client.get("/belajar/", headers=self.headers, name="learner dashboard")


class HR(FastHttpUser):
    """Looks at ASN profiles and the HR dashboards of the instansi."""

    weight = 10
    abstract = not PLAN.get("hr")
    wait_time = between(5 * PACING, 10 * PACING)  # a person reads a profile or a dashboard

    def on_start(self):
        me = random.choice(PLAN["hr"])
        self.me = me
        self.headers = {"Cookie": _cookie(me["cookies"])}

    @task(3)
    def profile(self):
        if self.me["profiles"]:
            self.client.get(random.choice(self.me["profiles"]), headers=self.headers, name="HR: ASN profile")

    @task(1)
    def dashboard(self):
        url = random.choice(self.me["dashboards"])
        self.client.get(url, headers=self.headers, name=f"HR: {url.split('?')[0][:40]}")


class _SourceAddress(HTTPAdapter):
    def __init__(self, source: str, **kwargs):
        self._source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
        kwargs["source_address"] = (self._source, 0)
        super().init_poolmanager(connections, maxsize, block, **kwargs)


class Public(HttpUser):
    """A citizen opens a service unit's feedback form and sends an answer."""

    weight = 5
    abstract = not PLAN.get("feedback_forms")
    wait_time = between(2 * PACING, 4 * PACING)

    @task
    def feedback(self):
        address = f"127.77.{random.randint(0, 255)}.{random.randint(1, 254)}"
        self.client.mount("http://", _SourceAddress(address))
        csrf = f"{random.getrandbits(128):032x}"
        headers = {"Cookie": f"csrftoken={csrf}"}
        form = random.choice(PLAN["feedback_forms"])
        self.client.get(form, headers=headers, name="public feedback form")
        data = {
            "csrfmiddlewaretoken": csrf,
            "rating": random.randint(3, 5),
            "comment": "Pelayanan cepat.",
            "asn": "",
            "website": "",
        }
        self.client.post(
            form, data=data, headers=headers, allow_redirects=False, name="public feedback (POST)"
        )
