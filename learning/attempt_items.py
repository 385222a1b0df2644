"""What the attempt page shows of each question, by kind (``templates/learning/attempt.html``).

Built from the quiz's cached content (:func:`learning.cache.quiz_content`), the attempt's drawn
questions and choice order, and the answers (stored, or the ones just sent when the form comes
back). The key (correct choices, pairs, order, accepted answers) is only included when
``show_correct``.
"""

from __future__ import annotations

from typing import Any

from pamong.formats import decimal

from . import grading
from .models import Question

Kind = Question.Kind


def attempt_items(
    *,
    attempt,
    content: dict,
    answers: dict[str, list],
    show_correct: bool,
    unanswered: set[int],
    problems: dict[int, str],
) -> list[dict[str, Any]]:
    questions, choices = content["questions"], content["choices"]
    items = []
    for position, question_id in enumerate(attempt.question_order, start=1):
        question = questions.get(question_id)
        if question is None:
            continue
        offered = [choices[pk] for pk in attempt.choice_order.get(str(question_id), []) if pk in choices]
        answer = answers.get(str(question_id)) or []
        item = {
            "position": position,
            "question": question,
            "kind": question["kind"],
            "multiple": question["kind"] == Kind.MULTIPLE,
            "is_correct": attempt.correct.get(str(question_id)) if show_correct else None,
            "unanswered": question_id in unanswered,
            "problem": problems.get(question_id, ""),
        }
        kind = question["kind"]
        if kind in grading.CHOICE_KINDS:
            picked = set(answer)
            item["options"] = [
                {
                    "id": c["pk"],
                    "text": c["text"],
                    "chosen": c["pk"] in picked,
                    "correct": c["is_correct"] if show_correct else None,
                }
                for c in offered
            ]
        elif kind in (Kind.MATCHING, Kind.ORDERING):
            # one labelled select per item: its pasangan (matching) or its position (ordering)
            given = dict(zip([c["pk"] for c in offered], answer, strict=False))
            if kind == Kind.MATCHING:
                item["select_options"] = sorted({c["match"] for c in offered}, key=str.casefold)
            else:
                item["select_options"] = [str(n) for n in range(1, len(offered) + 1)]
            item["rows"] = [
                {
                    "id": c["pk"],
                    "text": c["text"],
                    "chosen": "" if given.get(c["pk"]) is None else str(given[c["pk"]]),
                    "correct": c["match"] if show_correct and kind == Kind.MATCHING else None,
                }
                for c in offered
            ]
            if show_correct and kind == Kind.ORDERING:
                item["correct_order"] = [
                    c["text"] for c in sorted(offered, key=lambda c: (c["sort_order"], c["pk"]))
                ]
        else:  # short answer, numeric
            item["value"] = answer[0] if answer else ""
            if show_correct:
                item["correct_text"] = _key_text(question, choices)
        items.append(item)
    return items


def _key_text(question: dict, choices: dict) -> str:
    """The accepted answer(s) of a short-answer or numeric question, as the learner reads them."""
    if question["kind"] == Kind.NUMERIC:
        answer, tolerance = question["numeric_answer"], question["tolerance"]
        if answer is None:
            return ""
        if tolerance:
            return f"{decimal(answer, 4, trim=True)} ± {decimal(tolerance, 4, trim=True)}"
        return decimal(answer, 4, trim=True)
    accepted = [c["text"] for c in choices.values() if c["question_id"] == question["pk"]]
    return " / ".join(accepted)
