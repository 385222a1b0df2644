"""The events the learning app announces: something was completed (:data:`completed`), and learning
done outside Pamong was verified (:data:`outside_verified`).

``learning`` knows nothing of the apps that care about completions (competencies, performance);
they subscribe here. The signal is sent **once per completion**, after the transaction that records
it commits (``transaction.on_commit``), so a receiver never sees a completion that was rolled back.

Keyword arguments sent with :data:`completed`:

``kind``
    ``"course"`` or ``"module"`` (:data:`COURSE` / :data:`MODULE`).
``user``
    the learner (a ``User``; their ASN profile is ``user.asn``).
``course``
    the ``CoursePage`` completed, or the course the module belongs to.
``module``
    the ``ModulePage`` for ``kind="module"``; ``None`` for a course.
``completed_at``
    an aware ``datetime`` of the completion.
``jp``
    JP (jam pelajaran, 45 minutes) credited by this completion: the course's JP for a course,
    ``0`` for a module.

The sender is :class:`learning.models.Enrolment`. How "once" is guaranteed: a module completion is a
unique ``ModuleCompletion`` row (created only when missing) and a course completion is a conditional
update of ``Enrolment.completed_at`` from empty, both inside the transaction that recorded the
learner's progress (:func:`learning.services.enrolment_progress_refresh`); the signal is queued with
``transaction.on_commit`` only when that row was actually written. Repeating a lesson or a quiz after
completion announces nothing. A course completion is announced after the completions of its modules
in the same transaction.

Example receiver::

    from django.dispatch import receiver
    from learning.events import completed

    @receiver(completed)
    def on_completed(sender, *, kind, user, course, module, completed_at, jp, **kwargs):
        ...
"""

from django.dispatch import Signal

COURSE = "course"
MODULE = "module"

completed = Signal()

#: Learning done outside Pamong was verified by HR (one record decided, or imported already
#: verified from CSV). Sent **inside** the verifying transaction, once per record (the verification
#: is a conditional update from *pending*, an import writes new rows), with ``record``: the
#: :class:`learning.models.OutsideRecord`. A receiver's writes commit or roll back with it.
outside_verified = Signal()
