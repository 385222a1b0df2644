"""Export learning records as xAPI JSON (with their course context) (``{"statements": [...]}``) for a learning record store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from learning.models import Statement
from learning.xapi import statements_json
from pamong.people.models import Instansi

CHUNK = 2000


class Command(BaseCommand):
    help = "Ekspor catatan belajar (xAPI JSON) ke stdout atau berkas."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Hanya catatan yang tersimpan setelah waktu ini (ISO 8601).")
        parser.add_argument("--instansi", help="Kode instansi (mis. DINKES).")
        parser.add_argument("--output", help="Tulis ke berkas ini, bukan stdout.")

    def handle(self, *args, since=None, instansi=None, output=None, **options):
        qs = Statement.objects.select_related("asn").order_by("timestamp", "pk")
        if since:
            moment = parse_datetime(since)
            if moment is None:
                raise CommandError("--since harus berupa waktu ISO 8601.")
            qs = qs.filter(stored__gt=moment)
        if instansi:
            found = Instansi.objects.filter(code=instansi).first()
            if found is None:
                raise CommandError(f"Instansi {instansi} tidak ditemukan.")
            qs = qs.filter(asn__instansi=found)
        stream = open(output, "w", encoding="utf-8") if output else self.stdout  # noqa: SIM115
        try:
            stream.write('{"statements": [')
            first = True
            for chunk in _chunks(qs.iterator(chunk_size=CHUNK), CHUNK):
                for data in statements_json(chunk):  # the course context: three queries per chunk
                    stream.write(("" if first else ",") + json.dumps(data, ensure_ascii=False))
                    first = False
            stream.write("]}\n")
        finally:
            if output:
                stream.close()


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
