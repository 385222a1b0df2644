from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Pelatihan")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from . import notifications  # noqa: F401 (registers the notification audiences)
        from .cache import content_changed
        from .models import (
            Choice,
            CourseIndexPage,
            CoursePage,
            LessonPage,
            ModulePage,
            Question,
            QuestionBank,
            Quiz,
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
        page_published.connect(content_changed, dispatch_uid=f"{uid}.published")
        page_unpublished.connect(content_changed, dispatch_uid=f"{uid}.unpublished")
        page_slug_changed.connect(content_changed, dispatch_uid=f"{uid}.slug")
        post_page_move.connect(content_changed, dispatch_uid=f"{uid}.moved")
