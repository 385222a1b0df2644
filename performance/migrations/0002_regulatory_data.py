"""Regulatory tables as data: the predikat matrix (PermenPANRB 6/2022), the BerAKHLAK values and
their behaviour indicators, the default thresholds and 360° weights, the distribution pattern
(SE MenPANRB 3/2023) and the default reward/sanction rules.

The rows are written here once; HR edits thresholds, weights and rules in the admin afterwards.
"""

from decimal import Decimal

from django.db import migrations

DI_BAWAH, SESUAI, DI_ATAS = "di_bawah", "sesuai", "di_atas"

#: (hasil kerja, perilaku kerja) → predikat
MATRIX = {
    (DI_ATAS, DI_BAWAH): "kurang",
    (DI_ATAS, SESUAI): "baik",
    (DI_ATAS, DI_ATAS): "sangat_baik",
    (SESUAI, DI_BAWAH): "kurang",
    (SESUAI, SESUAI): "baik",
    (SESUAI, DI_ATAS): "baik",
    (DI_BAWAH, DI_BAWAH): "sangat_kurang",
    (DI_BAWAH, SESUAI): "butuh_perbaikan",
    (DI_BAWAH, DI_ATAS): "butuh_perbaikan",
}

BERAKHLAK = [
    ("berorientasi-pelayanan", "Berorientasi Pelayanan", "Komitmen memberikan pelayanan prima demi kepuasan masyarakat.", [
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ]),
    ("akuntabel", "Akuntabel", "Bertanggung jawab atas kepercayaan yang diberikan.", [
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ]),
    ("kompeten", "Kompeten", "Terus belajar dan mengembangkan kapabilitas.", [
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ]),
    ("harmonis", "Harmonis", "Saling peduli dan menghargai perbedaan.", [
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ]),
    ("loyal", "Loyal", "Berdedikasi dan mengutamakan kepentingan bangsa dan negara.", [
        "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ]),
    ("adaptif", "Adaptif", "Terus berinovasi dan antusias dalam menggerakkan serta menghadapi perubahan.", [
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ]),
    ("kolaboratif", "Kolaboratif", "Membangun kerja sama yang sinergis.", [
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ]),
]

#: (organisation predikat, employee predikat codes, min %, max %, min count, description)
DISTRIBUTION = [
    ("istimewa", "sangat_baik", None, "70", None,
     "Organisasi Istimewa: sebagian besar (maksimal 70%) pegawai berpredikat Sangat Baik."),
    ("baik", "baik", None, "70", None,
     "Organisasi Baik: sebagian besar (maksimal 70%) pegawai berpredikat Baik."),
    ("baik", "butuh_perbaikan,kurang", None, None, 1,
     "Organisasi Baik: harus ada pegawai berpredikat Butuh Perbaikan dan/atau Kurang/Misconduct."),
    ("butuh_perbaikan", "butuh_perbaikan", "60", None, None,
     "Organisasi Butuh Perbaikan/Cukup: minimal 60% pegawai berpredikat Butuh Perbaikan."),
    ("butuh_perbaikan", "sangat_baik", None, "10", None,
     "Organisasi Butuh Perbaikan/Cukup: pegawai berpredikat Sangat Baik maksimal 10%."),
    ("kurang", "kurang", "60", None, None,
     "Organisasi Kurang: minimal 60% pegawai berpredikat Kurang/Misconduct."),
    ("kurang", "butuh_perbaikan", "10", None, None,
     "Organisasi Kurang: minimal 10% pegawai berpredikat Butuh Perbaikan."),
    ("kurang", "sangat_baik", None, "10", None,
     "Organisasi Kurang: pegawai berpredikat Sangat Baik maksimal 10%."),
    ("sangat_kurang", "sangat_kurang", "60", None, None,
     "Organisasi Sangat Kurang: minimal 60% pegawai berpredikat Sangat Kurang."),
    ("sangat_kurang", "kurang,butuh_perbaikan", "10", None, None,
     "Organisasi Sangat Kurang: minimal 10% pegawai berpredikat Kurang/Misconduct dan/atau Butuh Perbaikan."),
    ("sangat_kurang", "sangat_baik", None, "0", None,
     "Organisasi Sangat Kurang: tidak ada pegawai berpredikat Sangat Baik."),
]

#: (name, kind, trigger predikat, consequence, TPP %)
FOLLOW_UP = [
    ("Piagam penghargaan kinerja Sangat Baik", "reward", "sangat_baik", "certificate", None),
    ("Tambahan TPP 10% untuk kinerja Sangat Baik", "reward", "sangat_baik", "tpp_increase", "10"),
    ("Daftar calon promosi jabatan", "reward", "sangat_baik", "promotion_candidate", None),
    ("Sasaran pengembangan wajib (Butuh Perbaikan)", "sanction", "butuh_perbaikan", "development_goal", None),
    ("Teguran tertulis (Kurang/Misconduct)", "sanction", "kurang", "warning", None),
    ("Pemotongan TPP 10% (Kurang/Misconduct)", "sanction", "kurang", "tpp_reduction", "10"),
    ("Sasaran pengembangan wajib (Kurang/Misconduct)", "sanction", "kurang", "development_goal", None),
    ("Pemotongan TPP 25% (Sangat Kurang)", "sanction", "sangat_kurang", "tpp_reduction", "25"),
    ("Sasaran pengembangan wajib (Sangat Kurang)", "sanction", "sangat_kurang", "development_goal", None),
]


def load(apps, schema_editor):
    Cell = apps.get_model("performance", "PredikatMatrixCell")
    Value = apps.get_model("performance", "BerakhlakValue")
    Behaviour = apps.get_model("performance", "BehaviourIndicator")
    Settings = apps.get_model("performance", "EvaluationSettings")
    Distribution = apps.get_model("performance", "DistributionRule")
    Rule = apps.get_model("performance", "FollowUpRule")
    for (hasil, perilaku), predikat in MATRIX.items():
        Cell.objects.update_or_create(hasil_kerja=hasil, perilaku_kerja=perilaku, defaults={"predikat": predikat})
    for order, (code, name, summary, indicators) in enumerate(BERAKHLAK, start=1):
        value, _ = Value.objects.update_or_create(code=code, defaults={"name": name, "summary": summary, "order": order})
        for i, text in enumerate(indicators, start=1):
            Behaviour.objects.get_or_create(value=value, order=i, defaults={"text": text})
    Settings.objects.get_or_create(is_default=True, instansi=None)
    if not Distribution.objects.exists():
        for org, codes, min_pct, max_pct, min_count, description in DISTRIBUTION:
            Distribution.objects.create(
                org_predikat=org,
                predikat_codes=codes,
                min_pct=Decimal(min_pct) if min_pct else None,
                max_pct=Decimal(max_pct) if max_pct else None,
                min_count=min_count,
                description=description,
            )
    for name, kind, predikat, consequence, tpp in FOLLOW_UP:
        Rule.objects.get_or_create(
            instansi=None,
            name=name,
            defaults={
                "kind": kind,
                "trigger_predikat": predikat,
                "consequence": consequence,
                "tpp_percent": Decimal(tpp) if tpp else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
