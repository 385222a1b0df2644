"""Export learning records as xAPI JSON (``{"statements": [...]}``) for a learning record store."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from learning.models import Statement
from learning.xapi import statement_json
from pamong.people.models import Instansi


class Command(BaseCommand):
    help = "Ekspor catatan belajar (xAPI JSON) ke stdout atau berkas."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Hanya catatan setelah waktu ini (ISO 8601).")
        parser.add_argument("--instansi", help="Kode instansi (mis. DINKES).")
        parser.add_argument("--output", help="Tulis ke berkas ini, bukan stdout.")

    def handle(self, *args, since=None, instansi=None, output=None, **options):
        qs = Statement.objects.select_related("asn").order_by("timestamp", "pk")
        if since:
            moment = parse_datetime(since)
            if moment is None:
                raise CommandError("--since harus berupa waktu ISO 8601.")
            qs = qs.filter(timestamp__gt=moment)
        if instansi:
            found = Instansi.objects.filter(code=instansi).first()
            if found is None:
                raise CommandError(f"Instansi {instansi} tidak ditemukan.")
            qs = qs.filter(asn__instansi=found)
        stream = open(output, "w", encoding="utf-8") if output else self.stdout  # noqa: SIM115
        try:
            stream.write('{"statements": [')
            for i, statement in enumerate(qs.iterator(chunk_size=2000)):
                if i:
                    stream.write(",")
                stream.write(
                    json.dumps(
                        statement_json(statement, asn_name=statement.asn.name, asn_nip=statement.asn.nip),
                        ensure_ascii=False,
                    )
                )
            stream.write("]}\n")
        finally:
            if output:
                stream.close()
