"""The events the performance app announces: a result became final, a periodic assessment was given.

:data:`result_finalised` is sent **inside** the transaction that finalises the result
(:func:`performance.services.evaluation_finalise`), so a receiver's writes (e.g. the SIASN outbox
row of :mod:`pamong.siasn`) commit or roll back with it. Receivers must only write rows of their
own; they must not call out over the network.

Keyword arguments: ``evaluation`` (the final :class:`performance.models.Evaluation`).
"""

from django.dispatch import Signal

result_finalised = Signal()

#: A periodic assessment (penilaian kinerja periodik) was given, which makes it final. Sent inside
#: the transaction of :func:`performance.services.periodic_assess`, like :data:`result_finalised`.
#: Keyword arguments: ``assessment`` (the :class:`performance.models.PeriodicAssessment`).
periodic_assessment_finalised = Signal()
