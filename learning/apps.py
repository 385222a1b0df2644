from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Pelatihan")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which cannot load before the app registry.
        from . import notifications  # noqa: F401 (registers the notification audiences)
        from .cache import content_changed, request_boundary
        from .models import (
            Choice,
            CourseIndexPage,
            CoursePage,
            LessonPage,
            LessonVideo,
            ModulePage,
            Question,
            QuestionBank,
            Quiz,
            ScormPackage,
        )

        # Anything an outline, a lesson body or a quiz panel shows: the cached copies go stale.
        uid = "learning.content_changed"
        for model in (
            CourseIndexPage,
            CoursePage,
            ModulePage,
            LessonPage,
            Quiz,
            QuestionBank,
            Question,
            Choice,
        ):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.saved.{model.__name__}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.deleted.{model.__name__}")
        # The files of a deleted SCORM package or video go once the deletion has committed.
        post_delete.connect(_package_files_delete, sender=ScormPackage, dispatch_uid="learning.scorm_files")
        post_delete.connect(_video_files_delete, sender=LessonVideo, dispatch_uid="learning.video_files")
        page_published.connect(content_changed, dispatch_uid=f"{uid}.published")
        page_unpublished.connect(content_changed, dispatch_uid=f"{uid}.unpublished")
        page_slug_changed.connect(content_changed, dispatch_uid=f"{uid}.slug")
        post_page_move.connect(content_changed, dispatch_uid=f"{uid}.moved")
        request_started.connect(request_boundary, dispatch_uid="learning.cache.request_started")
        request_finished.connect(request_boundary, dispatch_uid="learning.cache.request_finished")


def _package_files_delete(sender, instance, **kwargs) -> None:
    from django.db import transaction

    from .lesson_content import scorm_package_files_delete

    transaction.on_commit(lambda: scorm_package_files_delete(package=instance))


def _video_files_delete(sender, instance, **kwargs) -> None:
    from django.db import transaction

    from .lesson_content import video_files_delete

    transaction.on_commit(lambda: video_files_delete(lesson_video=instance))
