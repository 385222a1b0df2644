"""The national reference codes Pamong's values map to (BKN's SIASN reference tables, as shipped by
black-coffee04/ws-siasn-php src/Data/Referensi/kuadranNilai.json.gz and perilakuDanKinerja.json.gz).
Editable afterwards in the admin (SIASN → Pemetaan referensi)."""

from django.db import migrations

KUADRAN_SOURCE = "BKN, referensi kuadranNilai (nasional)"
NILAI_SOURCE = "BKN, referensi perilakuDanKinerja (nasional)"
ROWS = [
    ("kuadran", "sangat_baik", "1", "SANGAT BAIK", KUADRAN_SOURCE),
    ("kuadran", "baik", "2", "BAIK", KUADRAN_SOURCE),
    ("kuadran", "butuh_perbaikan", "3", "BUTUH PERBAIKAN", KUADRAN_SOURCE),
    ("kuadran", "kurang", "4", "KURANG", KUADRAN_SOURCE),
    ("kuadran", "sangat_kurang", "5", "SANGAT KURANG", KUADRAN_SOURCE),
    ("nilai", "di_atas", "1", "DIATAS ESPEKTASI", NILAI_SOURCE),
    ("nilai", "sesuai", "2", "SESUAI ESPEKTASI", NILAI_SOURCE),
    ("nilai", "di_bawah", "3", "DIBAWAH ESPEKTASI", NILAI_SOURCE),
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
    dependencies = [("siasn", "0001_siasn_link")]
    operations = [migrations.RunPython(seed, unseed)]
