"""The event the performance app announces: a result became final.

:data:`result_finalised` is sent **inside** the transaction that finalises the result
(:func:`performance.services.evaluation_finalise`), so a receiver's writes (e.g. the SIASN outbox
row of :mod:`pamong.siasn`) commit or roll back with it. Receivers must only write rows of their
own; they must not call out over the network.

Keyword arguments: ``evaluation`` (the final :class:`performance.models.Evaluation`).
"""

from django.dispatch import Signal

result_finalised = Signal()
