"""Admin pages of the learning app that are not a model's own views: a quiz's item analysis."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from pamong.people.access import role_required

from .item_analysis import DISCRIMINATION_BANDS, item_analysis
from .models import Quiz


@role_required("humas")
def quiz_item_analysis(request, quiz_id: int):
    """Per question of a quiz: attempts, share correct and discrimination, for the course authors
    (humas editors and administrators, who edit quizzes). Aggregates only: no learner is named."""
    quiz = get_object_or_404(Quiz.objects.select_related("bank"), pk=quiz_id)
    return render(
        request,
        "learning/admin/item_analysis.html",
        {
            "quiz": quiz,
            "analysis": item_analysis(quiz_id=quiz.pk),
            "bands": DISCRIMINATION_BANDS,
            "page_title": _("Analisis soal: %(quiz)s") % {"quiz": quiz.title},
        },
    )
