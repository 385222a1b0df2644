"""The editorial set-up shared by every content section (policy, news, courses).

Humas editors may add and edit pages in a section but cannot publish; every change goes through
the "Persetujuan Humas" workflow, whose single task is approved (or rejected with a comment) by
the Humas Moderator group. Call :func:`editorial_section_setup` once for each section's index page
(from a seed command or a data migration); it is idempotent.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from pamong.people.roles import GROUP_HUMAS_EDITOR, GROUP_HUMAS_MODERATOR

WORKFLOW_NAME = "Persetujuan Humas"
TASK_NAME = "Persetujuan moderator humas"

#: Page permissions per humas group. Editors draft and submit; moderators also publish.
SECTION_PERMISSIONS = {
    GROUP_HUMAS_EDITOR: ["add_page", "change_page", "lock_page"],
    GROUP_HUMAS_MODERATOR: ["add_page", "change_page", "lock_page", "unlock_page", "publish_page"],
}


def humas_workflow_ensure() -> Workflow:
    """The "Persetujuan Humas" workflow with its moderator task, created when missing."""
    moderators, _ = Group.objects.get_or_create(name=GROUP_HUMAS_MODERATOR)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def editorial_section_setup(*, page: Page) -> Workflow:
    """Put ``page`` and its descendants under the humas workflow and grant humas their permissions."""
    workflow = humas_workflow_ensure()
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    for group_name, codenames in SECTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return workflow
