"""Pamong's benchmarks at Jambi scale: ``make bench`` (or ``python -m benchmarks.run``).

Nothing here runs in ``make test``. See ``benchmarks/README.md``.
"""
