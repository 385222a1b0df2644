"""Changes no database trigger of :mod:`pamong.hr.triggers` sees: the set of policy chapters
(published, unpublished, deleted, restricted) decides every coverage figure, so it marks every unit."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from pamong.socialization.models import PolicyPage

from .figures import figures_mark_all


def _chapters_changed(**kwargs) -> None:
    figures_mark_all()


@receiver(page_published, sender=PolicyPage)
@receiver(page_unpublished, sender=PolicyPage)
@receiver(post_delete, sender=PolicyPage)
def policy_chapter_changed(sender, **kwargs) -> None:
    _chapters_changed()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance, **kwargs) -> None:
    if instance.page.specific_class is PolicyPage:
        _chapters_changed()
