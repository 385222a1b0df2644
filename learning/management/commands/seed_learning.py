"""Demo data of the learning app: three published courses and a bounded sample of learners.

* "Memahami Kebijakan Pengelolaan Kinerja ASN": one module per chapter of the policy, each with a
  lesson and a quiz on that chapter, and a final test;
* "Pelayanan Publik Prima" and "Inovasi dalam Pelayanan Publik" (which requires the former).

``hr.dinkes`` assigns the policy course to Dinas Kesehatan (one set-based write); ``asn.dinkes`` is
part-way through it (so the demo can finish it in the browser) and has finished "Pelayanan Publik
Prima"; ``asn.dlh`` has finished the policy course; a reproducible sample of other ASN (``--seed``)
is part-way or finished with certificates. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.rich_text import RichText

from learning import demo_content as D
from learning import services
from learning.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Question,
    Quiz,
    QuizAttempt,
)
from pamong.home.editorial import editorial_section_setup
from pamong.home.seeding import page_add, page_ensure, seed_home
from pamong.people.models import ASN
from pamong.people.roles import GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR

DEMO_USERS = {
    "asn.dinkes",
    "asn.dlh",
    "atasan.dinkes",
    "kabid.dinkes",
    "kadis.dinkes",
    "hr.dinkes",
    "hr.dlh",
    "bkpsdm",
}
SAMPLE_SIZE = 24
QUIZ_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("quiz", "questionbank", "question")
    for action in ("add", "change", "view", "delete")
]


class Command(BaseCommand):
    help = "Isi data demo pelatihan (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed: int = 2026, **options):
        self.now = timezone.now()
        with transaction.atomic():
            index = self._index()
            editorial_section_setup(page=index)
            self._humas_quiz_permissions()
            policy = self._policy_course(index)
            service = self._simple_course(index, D.SERVICE_COURSE)
            innovation = self._simple_course(index, D.INNOVATION_COURSE, prerequisites=[service])
        counts = self._learners(policy=policy, service=service, innovation=innovation, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Pelatihan: 3 pelatihan; {counts['assigned']} penugasan baru, "
                f"{counts['steps']} langkah belajar baru, {counts['learners']} peserta contoh."
            )
        )

    # ----------------------------------------------------------------------------------------------
    # Pages
    # ----------------------------------------------------------------------------------------------

    def _index(self) -> CourseIndexPage:
        spec = D.COURSE_INDEX
        page = CourseIndexPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        return page_ensure(parent=seed_home(), page=page)[0]

    def _humas_quiz_permissions(self) -> None:
        perms = list(
            Permission.objects.filter(content_type__app_label="learning", codename__in=QUIZ_PERMISSIONS)
        )
        for name in (GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR):
            Group.objects.get_or_create(name=name)[0].permissions.add(*perms)

    def _quiz(self, title: str, questions: list, *, pass_mark: int = 70, max_attempts: int = 3) -> Quiz:
        quiz = Quiz.objects.filter(title=title).first()
        if quiz is not None:
            return quiz
        quiz = Quiz.objects.create(title=title, pass_mark=pass_mark, max_attempts=max_attempts)
        for order, (kind, text, choices, explanation) in enumerate(questions):
            question = Question.objects.create(
                quiz=quiz, kind=kind, text=text, explanation=explanation, sort_order=order
            )
            Choice.objects.bulk_create(
                Choice(question=question, text=choice, is_correct=correct, sort_order=i)
                for i, (choice, correct) in enumerate(choices)
            )
        return quiz

    def _course(self, index, spec: dict, *, prerequisites=()) -> tuple[CoursePage, bool]:
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            objectives=spec["objectives"],
            jp=spec["jp"],
            delivery=spec["delivery"],
            organiser=spec["organiser"],
            enrolment_policy=spec["policy"],
            show_correct_answers=True,
        )
        course.tags.add(*spec["tags"])
        if prerequisites:
            course.prerequisites = list(prerequisites)
        return page_ensure(parent=index, page=course)

    def _module(self, course, *, title, slug, intro, test_quiz=None) -> ModulePage:
        return page_add(
            parent=course, page=ModulePage(title=title, slug=slug, intro=intro, test_quiz=test_quiz)
        )

    def _lesson(self, module, *, title, slug, paragraphs, callout=None, quiz=None, minutes=15) -> LessonPage:
        body = [("text", RichText("".join(f"<p>{p}</p>" for p in paragraphs)))]
        if callout:
            body.append(("callout", {"title": callout[0], "text": RichText(f"<p>{callout[1]}</p>")}))
        if quiz:
            body.append(("quiz", {"quiz": quiz, "intro": "Jawab kuis ini untuk menyelesaikan pelajaran."}))
        lesson = LessonPage(title=title, slug=slug, body=body, duration_minutes=minutes)
        return page_add(parent=module, page=lesson)

    def _policy_course(self, index) -> CoursePage:
        course, created = self._course(index, D.POLICY_COURSE)
        if not created:
            return course
        final = D.POLICY_FINAL_TEST
        last = len(D.POLICY_CHAPTERS)
        for number, chapter in enumerate(D.POLICY_CHAPTERS, start=1):
            quiz = self._quiz(f"Kuis Bab {number}: {chapter['title']}", chapter["quiz"], pass_mark=60)
            test = (
                self._quiz(final["title"], final["questions"], pass_mark=final["pass_mark"])
                if number == last
                else None
            )
            module = self._module(
                course,
                title=f"Bab {number}. {chapter['title']}",
                slug=chapter["slug"],
                intro=chapter["intro"],
                test_quiz=test,
            )
            self._lesson(
                module,
                title=chapter["title"],
                slug=f"materi-{chapter['slug']}",
                paragraphs=chapter["paragraphs"],
                callout=chapter["callout"],
                quiz=quiz,
            )
        return course

    def _simple_course(self, index, spec: dict, *, prerequisites=()) -> CoursePage:
        course, created = self._course(index, spec, prerequisites=prerequisites)
        if not created:
            return course
        for module_spec in spec["modules"]:
            module = self._module(
                course, title=module_spec["title"], slug=module_spec["slug"], intro=module_spec["intro"]
            )
            lessons = module_spec["lessons"]
            quiz = self._quiz(module_spec["quiz"]["title"], module_spec["quiz"]["questions"], pass_mark=50)
            for i, (title, slug, paragraphs) in enumerate(lessons):
                self._lesson(
                    module,
                    title=title,
                    slug=slug,
                    paragraphs=paragraphs,
                    quiz=quiz if i == len(lessons) - 1 else None,
                )
        return course

    # ----------------------------------------------------------------------------------------------
    # Learners
    # ----------------------------------------------------------------------------------------------

    def _learners(self, *, policy, service, innovation, seed: int) -> dict:
        User = get_user_model()
        users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}
        counts = {"assigned": 0, "steps": 0, "learners": 0}
        self.steps = 0
        rng = random.Random(seed)
        modules = len(D.POLICY_CHAPTERS)

        hr = users.get("hr.dinkes")
        asn_dinkes = users.get("asn.dinkes")
        if hr is not None and asn_dinkes is not None and hasattr(asn_dinkes, "asn"):
            due = timezone.localdate(self.now) + datetime.timedelta(days=45)
            if not Enrolment.objects.filter(course=policy, source=Enrolment.Source.ASSIGNED).exists():
                counts["assigned"] = services.enrolment_assign_bulk(
                    user=hr, course=policy, due_date=due, instansi_id=asn_dinkes.asn.instansi_id, now=self.now
                )
        if asn_dinkes is not None:
            self._progress(asn_dinkes, service, modules=None, days_ago=60)
            self._progress(asn_dinkes, policy, modules=3, days_ago=5)
        if "asn.dlh" in users:
            self._progress(users["asn.dlh"], policy, modules=None, days_ago=20)
        if "atasan.dinkes" in users:
            self._progress(users["atasan.dinkes"], policy, modules=modules, days_ago=3)

        pool = list(
            ASN.objects.filter(is_active=True)
            .exclude(user__username__in=DEMO_USERS)
            .order_by("pk")
            .values_list("user_id", flat=True)[:2000]
        )
        sample = rng.sample(pool, min(SAMPLE_SIZE, len(pool)))
        learners = {u.pk: u for u in User.objects.filter(pk__in=sample)}
        for user_id in sample:
            user = learners[user_id]
            done = rng.choice([1, 2, 4, 6, None, None])  # None: the whole course, with certificate
            self._progress(user, policy, modules=done, days_ago=rng.randint(1, 90))
            if rng.random() < 0.4:
                self._progress(user, service, modules=None, days_ago=rng.randint(30, 200))
                if rng.random() < 0.5:
                    self._progress(user, innovation, modules=None, days_ago=rng.randint(1, 25))
        counts["learners"] = len(sample) + sum(
            1 for name in ("asn.dinkes", "asn.dlh", "atasan.dinkes") if name in users
        )
        counts["steps"] = self.steps
        return counts

    def _progress(self, user, course: CoursePage, *, modules: int | None, days_ago: int) -> None:
        """Complete the first ``modules`` modules of ``course`` for ``user`` (all of them, with the
        module tests, when ``None``), dated ``days_ago`` days back. Steps already done are skipped."""
        when = self.now - datetime.timedelta(days=days_ago)
        enrolment = Enrolment.objects.filter(asn__user=user, course=course).first()
        if enrolment is None:
            try:
                enrolment = services.enrolment_self_create(user=user, course=course, now=when)
            except services.LearningError:
                return
        if enrolment.completed_at is not None:
            return
        done_lessons = set(
            LessonCompletion.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)
        )
        passed = set(
            QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list("page_id", flat=True)
        )
        module_pages = list(ModulePage.objects.child_of(course).live().order_by("path"))
        for i, module in enumerate(module_pages[: modules if modules is not None else None]):
            step_time = when + datetime.timedelta(minutes=20 * i)
            for lesson in LessonPage.objects.child_of(module).live().order_by("path"):
                if lesson.pk in done_lessons:
                    continue
                if lesson.quiz_id:
                    self._pass(user, lesson, lesson.quiz_id, step_time)
                else:
                    services.lesson_mark_complete(user=user, lesson=lesson, now=step_time)
                self.steps += 1
            if module.test_quiz_id and module.pk not in passed and modules is None:
                self._pass(user, module, module.test_quiz_id, step_time + datetime.timedelta(minutes=10))
                self.steps += 1

    def _pass(self, user, page, quiz_id: int, when) -> None:
        attempt = services.attempt_start(user=user, page=page, now=when, rng=random.Random(page.pk))
        answers: dict[str, list[str]] = {}
        for question_id, choice_id in Choice.objects.filter(
            question__quiz_id=quiz_id, is_correct=True
        ).values_list("question_id", "pk"):
            answers.setdefault(str(question_id), []).append(str(choice_id))
        services.attempt_submit(
            user=user, attempt=attempt, answers=answers, now=when + datetime.timedelta(minutes=5)
        )
