"""The kinds of reference Pamong maps for a kinerja periodik record, and the national rows of BKN's
``periodik`` reference (as shipped by black-coffee04/ws-siasn-php src/Data/Referensi/periodik.json.gz:
1 bulanan, 2 triwulan). The ``koefisien`` rows (angka kredit koefisien per jenjang jabatan
fungsional) depend on each instansi's jabatan and are mapped in the admin (SIASN → Pemetaan
referensi)."""

from django.db import migrations, models

PERIODIK_SOURCE = "BKN, referensi periodik (nasional)"
ROWS = [
    ("periodik", "bulanan", "1", "bulanan", PERIODIK_SOURCE),
    ("periodik", "triwulan", "2", "triwulan", PERIODIK_SOURCE),
]


def seed(apps, schema_editor):
    ReferenceMapping = apps.get_model("siasn", "ReferenceMapping")
    for kind, value, siasn_id, name, source in ROWS:
        ReferenceMapping.objects.get_or_create(
            kind=kind, pamong_value=value, defaults={"siasn_id": siasn_id, "siasn_name": name, "source": source}
        )


def unseed(apps, schema_editor):
    ReferenceMapping = apps.get_model("siasn", "ReferenceMapping")
    for kind, value, *_rest in ROWS:
        ReferenceMapping.objects.filter(kind=kind, pamong_value=value).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('siasn', '0003_forget_record_references'),
    ]

    operations = [
        migrations.AlterField(
            model_name='referencemapping',
            name='kind',
            field=models.CharField(choices=[('kuadran', 'Kuadran nilai (predikat kinerja)'), ('nilai', 'Hasil kerja dan perilaku kerja'), ('jenis_kursus', 'Jenis kursus'), ('periodik', 'Periode penilaian kinerja periodik'), ('koefisien', 'Koefisien jabatan (kinerja periodik)')], max_length=20, verbose_name='tabel referensi'),
        ),
        migrations.RunPython(seed, unseed),
    ]
