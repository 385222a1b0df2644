"""Wagtail's moderation steps (submitted, approved, rejected) as notifications.

Wagtail's own workflow emails are sent in the request, in the editor's language. Pamong routes the
three steps through the notification service instead (inbox + Indonesian email sent by the worker,
links from ``PAMONG_BASE_URL``) and disconnects Wagtail's email handlers. This app is listed after
``wagtail.admin`` in ``INSTALLED_APPS`` so that its ``ready()`` runs after Wagtail connected them.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail import signals as wagtail_signals
from wagtail.models import TaskState, WorkflowState

from .services import notification_send

WAGTAIL_EMAIL_HANDLERS = (
    (wagtail_signals.task_submitted, "group_approval_task_submitted_email_notification"),
    (wagtail_signals.workflow_submitted, "workflow_state_submitted_email_notification"),
    (wagtail_signals.workflow_rejected, "workflow_state_rejected_email_notification"),
    (wagtail_signals.workflow_approved, "workflow_state_approved_email_notification"),
)


def _edit_link(task_state) -> tuple[str, object]:
    page = task_state.workflow_state.content_object
    return reverse("wagtailadmin_pages:edit", args=[page.pk]), page


def _moderation_params(task_state, page) -> dict:
    return {"page": getattr(page, "title", str(page)), "task": task_state.task.name}


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A page waits in a moderation step: tell the moderators of that step (not the submitter)."""
    groups = getattr(instance.task.specific, "groups", None)
    if groups is None:
        return
    link, page = _edit_link(instance)
    moderators = (
        get_user_model().objects.filter(is_active=True, groups__in=groups.all()).values_list("pk", flat=True)
    )
    notification_send(
        kind="page_submitted",
        recipients=set(moderators) - {getattr(user, "pk", None)},
        key=f"page_submitted:{instance.pk}",
        link=link,
        params=_moderation_params(instance, page),
        subject=page,
    )


def _tell_requester(kind: str, task_state) -> None:
    link, page = _edit_link(task_state)
    notification_send(
        kind=kind,
        recipients=[task_state.workflow_state.requested_by_id],
        key=f"{kind}:{task_state.pk}",
        link=link,
        params=_moderation_params(task_state, page),
        subject=page,
    )


def on_task_approved(sender, instance, user=None, **kwargs):
    _tell_requester("page_approved", instance)


def on_task_rejected(sender, instance, user=None, **kwargs):
    _tell_requester("page_rejected", instance)


def connect_moderation() -> None:
    for signal, dispatch_uid in WAGTAIL_EMAIL_HANDLERS:
        signal.disconnect(
            sender=TaskState if signal is wagtail_signals.task_submitted else WorkflowState,
            dispatch_uid=dispatch_uid,
        )
    wagtail_signals.task_submitted.connect(on_task_submitted, dispatch_uid="pamong_page_submitted")
    wagtail_signals.task_approved.connect(on_task_approved, dispatch_uid="pamong_page_approved")
    wagtail_signals.task_rejected.connect(on_task_rejected, dispatch_uid="pamong_page_rejected")
