"""Compare an instansi's ASN with SIASN and apply SIASN's master data, all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from pamong.people.models import Instansi
from pamong.siasn.client import siasn_enabled
from pamong.siasn.models import SiasnPullRun
from pamong.siasn.pull import siasn_pull


class Command(BaseCommand):
    help = "Tarik data induk ASN satu instansi dari SIASN: bandingkan, tampilkan perbedaan, terapkan semua atau tidak sama sekali."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", required=True, help="Kode instansi di Pamong.")
        parser.add_argument("--dry-run", action="store_true", help="Hanya bandingkan; tidak ada yang diubah.")

    def handle(self, *args, instansi: str, dry_run: bool, **options):
        if not siasn_enabled():
            raise CommandError("SIASN belum dikonfigurasi (variabel lingkungan SIASN_*).")
        target = Instansi.objects.filter(code=instansi).first()
        if target is None:
            raise CommandError(f"Instansi dengan kode {instansi!r} tidak ada.")
        run = siasn_pull(instansi=target, dry_run=dry_run)
        for d in run.differences.all():
            mark = "KESALAHAN" if d.is_error else "beda"
            self.stdout.write(
                f"{mark}\t{d.nip}\t{d.field}\tPamong={d.pamong_value!r}\tSIASN={d.siasn_value!r}\t{d.reason}"
            )
        self.stdout.write(
            f"{run.get_status_display()}: {run.asn_count} ASN, {run.changed_count} berubah, {run.error_count} kesalahan. {run.message}"
        )
        if run.status in (SiasnPullRun.Status.REJECTED, SiasnPullRun.Status.FAILED):
            raise CommandError("Tidak ada yang diubah.")
