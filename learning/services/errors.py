"""The refusals of the learning app's writes."""


class LearningError(Exception):
    """A rule of the learning app refused the action; ``str(error)`` is the message for the user."""


class AnswerRejected(Exception):
    """A submitted answer does not belong to the attempt (the request is malformed: HTTP 400)."""


class SubmissionEmpty(LearningError):
    """No question of the attempt was answered: nothing is saved and the attempt stays open."""


class SubmissionIncomplete(LearningError):
    """Some questions are unanswered and the learner has not confirmed: nothing is saved.

    ``unanswered`` lists the ids of the unanswered questions in the attempt's order; submitting
    again with ``confirm_incomplete=True`` scores the attempt (unanswered questions count as wrong).
    """

    def __init__(self, message: str, *, unanswered: list[int], answers: dict | None = None):
        super().__init__(message)
        self.unanswered = unanswered
        self.answers = answers or {}  # the cleaned answers, to show the form again as it was


class SubmissionUnclear(SubmissionIncomplete):
    """Some answers cannot be graded as given (a half-done matching or ordering, a number that is not
    one): nothing is saved, and confirming does not help. ``problems`` maps those question ids to
    what to fix; ``unanswered`` lists them in the attempt's order."""

    def __init__(self, message: str, *, problems: dict[int, str], unanswered: list[int], answers: dict):
        super().__init__(message, unanswered=unanswered, answers=answers)
        self.problems = problems
