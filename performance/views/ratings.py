"""360° rating: the rater's tasks and the anonymous rating form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pamong.pagination import BoundedPaginator
from pamong.people.access import scope_for

from .. import selectors, services
from ..models import ANONYMOUS_GROUPS
from ._common import _errors


@login_required
def rating_tasks(request):
    scope = scope_for(request.user)
    if not scope.asn_id:
        raise PermissionDenied
    tasks = selectors.pending_rating_tasks(asn_id=scope.asn_id)
    page = BoundedPaginator(tasks, 50).get_page(request.GET.get("page"))
    return render(
        request, "performance/rating_tasks.html", {"page_obj": page, "page_title": _("Penilaian 360° saya")}
    )


@login_required
def rating_form(request, pk: int):
    assignment = selectors.rating_assignment_for_user(user=request.user, pk=pk)
    values = selectors.berakhlak_values()
    if request.method == "POST":
        scores = {}
        for v in values:
            raw = request.POST.get(f"value_{v.pk}", "")
            if raw.isdigit():
                scores[v.pk] = int(raw)
        try:
            services.rating_submit(assignment=assignment, scores=scores, actor=request.user)
            messages.success(
                request,
                _("Terima kasih, penilaian Anda tersimpan secara anonim.")
                if assignment.group in ANONYMOUS_GROUPS
                else _("Terima kasih, penilaian Anda tersimpan."),
            )
            return redirect("performance:rating_tasks")
        except ValidationError as exc:
            _errors(request, exc)
    return render(
        request,
        "performance/rating_form.html",
        {
            "assignment": assignment,
            "values": values,
            "scores": range(1, 6),
            "page_title": _("Penilaian perilaku kerja"),
        },
    )
