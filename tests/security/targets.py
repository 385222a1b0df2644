"""What the security tests point URLs at: one object of each kind, all in instansi A."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competencies import services as competency_services
from competencies.models import Activity, LevelProposal, TrainingEvidence
from learning import services as learning_services
from learning import sessions as learning_sessions
from learning.models import Certificate, Enrolment, QuizAttempt
from learning.outside import outside_record_create
from pamong.home.editorial import editorial_section_setup
from pamong.notifications.models import Notification
from pamong.siasn.models import SiasnOutbox
from performance import services as performance_services
from performance.models import (
    Evidence,
    FollowUpProposal,
    FollowUpRule,
    Objection,
    RaterAssignment,
    RaterGroup,
)
from tests.factories import socialization as soc
from tests.factories.competencies import managerial
from tests.factories.content import attach, make_lesson_video, make_scorm_package
from tests.factories.learning import correct_answers, lessons_of, make_course, make_session
from tests.factories.performance import (
    PeriodFactory,
    PlanFactory,
    add_indicator,
    channel_for,
    final_evaluation,
    public_feedback,
)


def build_objects(world) -> dict:
    """One of everything a URL can name, all in instansi A (staff_a's)."""
    o: dict[str, object] = {}
    # socialization
    index = soc.policy_index()
    editorial_section_setup(page=index)
    o["chapter"] = soc.chapter(index=index, title="Pendahuluan", tags=("kinerja",))
    # learning: staff_a completes a one-module course (so there is an attempt and a certificate)
    course = make_course(modules=1, lessons=2, lesson_quiz=True)
    learning_services.enrolment_self_create(user=world.staff_a.user, course=course)
    lessons = lessons_of(course)
    for lesson in lessons:
        if lesson.quiz_id:
            attempt = learning_services.attempt_start(user=world.staff_a.user, page=lesson)
            learning_services.attempt_submit(
                user=world.staff_a.user, attempt=attempt, answers=correct_answers(lesson.quiz)
            )
        else:
            learning_services.lesson_mark_complete(user=world.staff_a.user, lesson=lesson)
    o["course"], o["lesson"], o["quiz_lesson"] = course, lessons[0], lessons[-1]
    o["attempt"] = QuizAttempt.objects.filter(enrolment__asn=world.staff_a).first()
    # learning: staff_a is enrolled on a course whose lessons are a SCORM package and a video
    content_course = make_course(modules=1, lessons=2)
    learning_services.enrolment_self_create(user=world.staff_a.user, course=content_course)
    content_lessons = lessons_of(content_course)
    o["scorm_lesson"] = attach(content_lessons[0], scorm_package=make_scorm_package())
    o["video_lesson"] = attach(content_lessons[1], video=make_lesson_video())
    o["certificate"] = Certificate.objects.get(enrolment__asn=world.staff_a)
    # sessions and outside learning: staff_a registered on a session taught by atasan_a, and
    # staff_a's outside record with its certificate
    session = make_session(trainer=world.atasan_a.user)
    learning_sessions.session_register(user=world.staff_a.user, session=session)
    today = dt.date.today()
    o["session"] = session
    o["outside_record"] = outside_record_create(
        user=world.staff_a.user,
        provider="LAN RI",
        title="Pelatihan Kepemimpinan",
        started_on=today - dt.timedelta(days=5),
        ended_on=today - dt.timedelta(days=1),
        jp=12,
        proof=SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    # performance
    period = PeriodFactory(year=2026)
    plan = PlanFactory(asn=world.staff_a, period=period)
    pi = add_indicator(plan, target="100", value="95")
    realisation = pi.realisations.first()
    evidence = Evidence(
        realisation=realisation, original_name="bukti.pdf", content_type="application/pdf", size=9
    )
    evidence.file.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    evidence.save()
    colleague_plan = PlanFactory(asn=world.staff_a2, period=period)
    assignment = RaterAssignment.objects.create(
        plan=colleague_plan, rater=world.staff_a, group=RaterGroup.PEER
    )
    evaluation = final_evaluation(plan)
    objection = Objection.objects.create(
        evaluation=evaluation, filed_by=world.staff_a.user, reason="Keberatan.", decider=world.kepala_a
    )
    proposal = FollowUpProposal.objects.create(
        period=period,
        asn=world.staff_a,
        rule=FollowUpRule.objects.filter(consequence="certificate").first(),
        evaluation=evaluation,
        basis="Predikat sangat baik",
        status=FollowUpProposal.Status.APPROVED,
        certificate_code=performance_services.certificate_new_code(),
        decided_at=dt.datetime(2026, 12, 31, tzinfo=dt.UTC),
    )
    # competencies: staff_a's development plan with a goal and an activity; a level proposal
    dplan = competency_services.plan_create(asn=world.staff_a, year=2026, suggest=False)
    goal = competency_services.goal_add(
        user=world.staff_a.user, plan=dplan, competency=managerial("M.3"), target_level=3
    )
    activity = competency_services.activity_add(
        user=world.staff_a.user, goal=goal, kind=Activity.Kind.SELF_STUDY, title="Membaca pedoman", jp=2
    )
    evidence_of_training, _ = TrainingEvidence.objects.get_or_create(
        asn=world.staff_a,
        page_id=course.pk,
        defaults={
            "course_id": course.pk,
            "title": course.title,
            "completed_at": dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        },
    )
    o.update(
        development_plan=dplan,
        goal=goal,
        activity=activity,
        level_proposal=LevelProposal.objects.create(
            asn=world.staff_a, competency=managerial("M.4"), level=2, evidence=evidence_of_training
        ),
    )
    channel = channel_for(world.staff_a.unit)
    o.update(
        period=period,
        plan=plan,
        evidence=evidence,
        assignment=assignment,
        objection=objection,
        proposal=proposal,
        channel=channel,
        feedback=public_feedback(channel, asn=world.staff_a, approved=False),
        notification=Notification.objects.create(
            recipient=world.staff_a.user, kind="devplan_approved", key="matrix:1", link="/kompetensi/"
        ),
        outbox=SiasnOutbox.objects.create(
            key="matrix:1",
            kind=SiasnOutbox.Kind.SKP22,
            asn=world.staff_a,
            instansi=world.staff_a.instansi,
            summary="SKP 2026",
            status=SiasnOutbox.Status.REJECTED,
            next_attempt_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        ),
    )
    return o


def url_for(key: str, o: dict, world) -> str:
    """The URL of the pattern ``key`` pointing at ``objects``."""
    course, certificate = o.get("course"), o.get("certificate")
    args = {
        "wagtaildocs_serve": None,
        "wagtaildocs_authenticate_with_password": [999_999],
        "wagtailcore_authenticate_with_password": [999_999, o["chapter"].pk],
        "wagtailadmin_pages:edit": [o["chapter"].pk],
        "people:asn_detail": [world.staff_a2.pk],
        "people:activation_confirm": ["MQ", "bukan-token"],
        "people:password_reset_confirm": ["MQ", "bukan-token"],
        "people:activation_letters": [world.instansi_a.pk],
        "socialization:topic": ["kinerja"],
        "socialization:acknowledge": [o["chapter"].pk],
        "learning:enrol": [course.pk],
        "learning:lesson_complete": [o["lesson"].pk],
        "learning:attempt_start": [o["quiz_lesson"].pk],
        "learning:attempt": [o["attempt"].pk],
        "learning:scorm_file": [o["scorm_lesson"].pk, "sco/index.html"],
        "learning:scorm_commit": [o["scorm_lesson"].pk],
        "learning:video_file": [o["video_lesson"].pk],
        "learning:video_captions": [o["video_lesson"].pk],
        "learning:video_start": [o["video_lesson"].pk],
        "learning:video_progress": [o["video_lesson"].pk],
        "learning:xapi_activity": ["course", course.pk],
        "learning_item_analysis": [o["quiz_lesson"].quiz_id],
        "learning:certificate_pdf": [certificate.code],
        "learning:certificate_verify": [certificate.code],
        "learning:certificate_revoke": [certificate.code],
        "learning:module": [course.slug, "modul-1"],
        "learning:lesson": [course.slug, "modul-1", "pelajaran-1"],
        "learning:session_register": [o["session"].pk],
        "learning:session_cancel": [o["session"].pk],
        "learning:session_ticket": [o["session"].pk],
        "learning:session_attendance": [o["session"].pk],
        "learning:session_participants": [o["session"].pk],
        "learning:outside_proof": [o["outside_record"].pk],
        "learning:outside_decide": [o["outside_record"].pk],
        "performance:plan_create": [o["period"].pk],
        "performance:evidence_download": [o["evidence"].pk],
        "performance:rating_form": [o["assignment"].pk],
        "performance:objection_detail": [o["objection"].pk],
        "performance:period_detail": [o["period"].pk],
        "performance:period_results_csv": [o["period"].pk],
        "performance:proposal_list": [o["period"].pk],
        "performance:proposal_decide": [o["proposal"].pk],
        "performance:certificate_download": [o["proposal"].pk],
        "performance:verify_code": [o["proposal"].certificate_code],
        "performance:moderate": [o["feedback"].pk],
        "performance:channel_print": [o["channel"].unit_id],
        "performance:public_feedback": [o["channel"].token],
        "performance:org_predikat_set": [o["period"].pk],
        "competencies:plan_detail": [o["development_plan"].pk],
        "competencies:goal_new": [o["development_plan"].pk],
        "competencies:plan_submit": [o["development_plan"].pk],
        "competencies:plan_approve": [o["development_plan"].pk],
        "competencies:plan_return": [o["development_plan"].pk],
        "competencies:level_review": [o["development_plan"].pk],
        "competencies:goal_delete": [o["goal"].pk],
        "competencies:activity_new": [o["goal"].pk],
        "competencies:activity_delete": [o["activity"].pk],
        "competencies:activity_done": [o["activity"].pk],
        "competencies:proposal_decide": [o["level_proposal"].pk],
        "hr:profile": [world.staff_a.pk],
        "hr:potential_record": [world.staff_a.pk],
        "hr:talent_apply": [world.staff_a.pk],
        "hr:dashboard_export": ["predikat"],
        "siasn:reconciliation": [world.instansi_a.code],
        "siasn:reconcile_now": [world.instansi_a.code],
        "siasn:outbox_resend": [o["outbox"].pk],
        "api:instansi-detail": [world.instansi_a.pk],
        "api:unit-detail": [world.staff_a.unit_id],
        "api:jabatan-detail": [world.staff_a.jabatan_id],
        "api:asn-detail": [world.staff_a.pk],
        "api:asn-kompetensi": [world.staff_a.pk],
        "api:kompetensi-detail": [managerial("M.3").pk],
        "api:rencana-detail": [o["development_plan"].pk],
        "api:pelatihan-detail": [Enrolment.objects.get(asn=world.staff_a, course=course).pk],
        "api:periode-detail": [o["period"].pk],
        "api:hasil-detail": [o["plan"].evaluation.pk],
        "api:tindak-lanjut-detail": [o["proposal"].pk],
        "performance:public_feedback_thanks": [o["channel"].token],
        "notifications:open": [o["notification"].pk],
        "notifications:mark_read": [o["notification"].pk],
    }
    if key == "wagtaildocs_serve":
        return "/dokumen/999999/tidak-ada.pdf"
    plan_views = ("plan_", "realisation_", "comment_", "raters", "result", "objection_file")
    if (
        key.startswith("performance:")
        and key != "performance:plan_create"
        and key[12:].startswith(plan_views)
    ):
        return reverse(key, args=[o["plan"].pk])
    return reverse(key, args=args.get(key) or [])
