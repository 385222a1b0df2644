"""National reference codes of SIASN that Pamong needs as fixed tables (source: BKN's reference
tables, as shipped by black-coffee04/ws-siasn-php ``src/Data/Referensi/golonganPns.json.gz``).

The tables an instansi may need to adjust (kuadran nilai, perilaku/hasil kerja, jenis kursus) are
:class:`pamong.siasn.models.ReferenceMapping` rows instead, seeded by migration ``0002``.
"""

#: Golongan/ruang (Pamong's ``ASN.golongan``) → SIASN ``golonganPns`` id. National (BKN).
GOLONGAN_PNS_ID = {
    f"{g}/{r}": f"{n}{i}"
    for g, n, rs in (("I", 1, "abcd"), ("II", 2, "abcd"), ("III", 3, "abcd"), ("IV", 4, "abcde"))
    for i, r in enumerate(rs, start=1)
}

#: SIASN ``kedudukanPnsNama`` values under which an ASN is active in Pamong (national, BKN's
#: kedudukan hukum reference); any other value (Pensiun, Meninggal, Diberhentikan, CLTN, …) makes
#: the ASN inactive.
ACTIVE_KEDUDUKAN = frozenset(
    {"aktif", "tugas belajar", "dipekerjakan", "diperbantukan", "penerima uang tunggu"}
)

#: SIASN's date format in payloads (``tanggalKursus``: ``dd-mm-yyyy``).
DATE_FORMAT = "%d-%m-%Y"
