"""The demo organisation: the four agencies the policy names, BKPSDM, and (at larger sizes) the
kabupaten/kota governments of Jambi. Plain data, read by ``seed_demo``.

Each instansi has a list of *bidang* (top-level units under the head of the instansi); each bidang
has *seksi* (sub-units). A unit's *domain* decides the positions of its staff. Names follow the
usual nomenclature of Indonesian regional government.
"""

DEMO_PASSWORD = "Jambi2026!"

#: Staff positions per domain: (code suffix, name, kind).
DOMAIN_POSITIONS = {
    "pendidikan": [
        ("PLK", "Pengelola Data Pendidikan", "pelaksana"),
        ("FUNG", "Guru Ahli Muda", "fungsional"),
    ],
    "kesehatan": [
        ("PLK", "Pengadministrasi Pelayanan Kesehatan", "pelaksana"),
        ("FUNG", "Perawat Ahli Pertama", "fungsional"),
    ],
    "lingkungan": [
        ("PLK", "Pengelola Persampahan", "pelaksana"),
        ("FUNG", "Pengendali Dampak Lingkungan Ahli Pertama", "fungsional"),
    ],
    "sosial": [
        ("PLK", "Pengelola Data Kesejahteraan Sosial", "pelaksana"),
        ("FUNG", "Pekerja Sosial Ahli Pertama", "fungsional"),
    ],
    "kepegawaian": [
        ("PLK", "Pengelola Kepegawaian", "pelaksana"),
        ("FUNG", "Analis SDM Aparatur Ahli Pertama", "fungsional"),
    ],
    "umum": [
        ("PLK", "Pengadministrasi Umum", "pelaksana"),
        ("FUNG", "Pranata Komputer Ahli Pertama", "fungsional"),
    ],
}

#: Service units added when an instansi has more staff than its seksi can hold (per domain).
UPTD_NAMES = {
    "pendidikan": "SMA Negeri {n}",
    "kesehatan": "UPTD Puskesmas {n}",
    "lingkungan": "UPTD Pengelolaan Sampah {n}",
    "sosial": "UPTD Panti Sosial {n}",
    "kepegawaian": "UPTD Penilaian Kompetensi {n}",
    "umum": "UPTD Pelayanan Umum {n}",
}

SECRETARIAT = {
    "code": "SEKRETARIAT",
    "name": "Sekretariat",
    "domain": "umum",
    "head": "Sekretaris",
    "seksi": [
        ("UMPEG", "Subbagian Umum dan Kepegawaian", "kepegawaian", False),
        ("KEUPROG", "Subbagian Keuangan dan Perencanaan", "umum", False),
    ],
}

#: The provincial agencies. ``share`` is the instansi's share of the demo ASN.
OPD = [
    {
        "code": "DISDIK",
        "name": "Dinas Pendidikan Provinsi Jambi",
        "short_name": "Dinas Pendidikan",
        "head": "Kepala Dinas Pendidikan",
        "domain": "pendidikan",
        "share": 30,
        "bidang": [
            SECRETARIAT,
            {
                "code": "SMA",
                "name": "Bidang Pembinaan SMA",
                "domain": "pendidikan",
                "head": "Kepala Bidang Pembinaan SMA",
                "seksi": [
                    ("SMA-KURIKULUM", "Seksi Kurikulum dan Penilaian SMA", "pendidikan", False),
                    ("SMA-SARPRAS", "Seksi Sarana dan Prasarana SMA", "pendidikan", False),
                ],
            },
            {
                "code": "SMK",
                "name": "Bidang Pembinaan SMK",
                "domain": "pendidikan",
                "head": "Kepala Bidang Pembinaan SMK",
                "seksi": [
                    ("SMK-KURIKULUM", "Seksi Kurikulum dan Penilaian SMK", "pendidikan", False),
                    ("SMAN1-KOTA", "SMA Negeri 1 Kota Jambi", "pendidikan", True),
                ],
            },
        ],
    },
    {
        "code": "DINKES",
        "name": "Dinas Kesehatan Provinsi Jambi",
        "short_name": "Dinas Kesehatan",
        "head": "Kepala Dinas Kesehatan",
        "domain": "kesehatan",
        "share": 30,
        "bidang": [
            SECRETARIAT,
            {
                "code": "YANKES",
                "name": "Bidang Pelayanan Kesehatan",
                "domain": "kesehatan",
                "head": "Kepala Bidang Pelayanan Kesehatan",
                "seksi": [
                    ("YANKES-PRIMER", "Seksi Pelayanan Kesehatan Primer", "kesehatan", True),
                    ("YANKES-RUJUKAN", "Seksi Pelayanan Kesehatan Rujukan", "kesehatan", True),
                ],
            },
            {
                "code": "P2P",
                "name": "Bidang Pencegahan dan Pengendalian Penyakit",
                "domain": "kesehatan",
                "head": "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
                "seksi": [
                    ("P2P-MENULAR", "Seksi Pengendalian Penyakit Menular", "kesehatan", False),
                    ("P2P-SURVEILANS", "Seksi Surveilans dan Imunisasi", "kesehatan", False),
                ],
            },
        ],
    },
    {
        "code": "DLH",
        "name": "Dinas Lingkungan Hidup Provinsi Jambi",
        "short_name": "Dinas Lingkungan Hidup",
        "head": "Kepala Dinas Lingkungan Hidup",
        "domain": "lingkungan",
        "share": 12,
        "bidang": [
            SECRETARIAT,
            {
                "code": "SAMPAH",
                "name": "Bidang Pengelolaan Sampah dan Limbah B3",
                "domain": "lingkungan",
                "head": "Kepala Bidang Pengelolaan Sampah dan Limbah B3",
                "seksi": [
                    ("SAMPAH-PENGURANGAN", "Seksi Pengurangan Sampah", "lingkungan", True),
                    ("SAMPAH-B3", "Seksi Pengelolaan Limbah B3", "lingkungan", False),
                ],
            },
            {
                "code": "PPKL",
                "name": "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                "domain": "lingkungan",
                "head": "Kepala Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                "seksi": [("PPKL-PENCEMARAN", "Seksi Pemantauan Kualitas Lingkungan", "lingkungan", False)],
            },
        ],
    },
    {
        "code": "DINSOS",
        "name": "Dinas Sosial Provinsi Jambi",
        "short_name": "Dinas Sosial",
        "head": "Kepala Dinas Sosial",
        "domain": "sosial",
        "share": 13,
        "bidang": [
            SECRETARIAT,
            {
                "code": "LINJAMSOS",
                "name": "Bidang Perlindungan dan Jaminan Sosial",
                "domain": "sosial",
                "head": "Kepala Bidang Perlindungan dan Jaminan Sosial",
                "seksi": [
                    ("LINJAMSOS-BENCANA", "Seksi Perlindungan Sosial Korban Bencana", "sosial", True),
                    ("LINJAMSOS-JAMINAN", "Seksi Jaminan Sosial Keluarga", "sosial", True),
                ],
            },
            {
                "code": "REHSOS",
                "name": "Bidang Rehabilitasi Sosial",
                "domain": "sosial",
                "head": "Kepala Bidang Rehabilitasi Sosial",
                "seksi": [("REHSOS-ANAK", "Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", "sosial", True)],
            },
        ],
    },
    {
        "code": "BKPSDM",
        "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Provinsi Jambi",
        "short_name": "BKPSDM",
        "head": "Kepala BKPSDM",
        "domain": "kepegawaian",
        "share": 15,
        "bidang": [
            SECRETARIAT,
            {
                "code": "BANGKOM",
                "name": "Bidang Pengembangan Kompetensi",
                "domain": "kepegawaian",
                "head": "Kepala Bidang Pengembangan Kompetensi",
                "seksi": [("BANGKOM-DIKLAT", "Subbidang Pelatihan dan Sertifikasi", "kepegawaian", False)],
            },
            {
                "code": "PKP",
                "name": "Bidang Penilaian Kinerja dan Penghargaan",
                "domain": "kepegawaian",
                "head": "Kepala Bidang Penilaian Kinerja dan Penghargaan",
                "seksi": [("PKP-KINERJA", "Subbidang Penilaian Kinerja", "kepegawaian", False)],
            },
        ],
    },
]

#: Kabupaten/kota governments, used when the demo is larger than the provincial agencies.
KABKOTA = [
    ("KOTAJAMBI", "Pemerintah Kota Jambi"),
    ("MUAROJAMBI", "Pemerintah Kabupaten Muaro Jambi"),
    ("BATANGHARI", "Pemerintah Kabupaten Batang Hari"),
    ("TANJABTIM", "Pemerintah Kabupaten Tanjung Jabung Timur"),
    ("TANJABBAR", "Pemerintah Kabupaten Tanjung Jabung Barat"),
    ("TEBO", "Pemerintah Kabupaten Tebo"),
    ("BUNGO", "Pemerintah Kabupaten Bungo"),
    ("MERANGIN", "Pemerintah Kabupaten Merangin"),
    ("SAROLANGUN", "Pemerintah Kabupaten Sarolangun"),
    ("KERINCI", "Pemerintah Kabupaten Kerinci"),
    ("SUNGAIPENUH", "Pemerintah Kota Sungai Penuh"),
]

#: Top-level units of a kabupaten/kota government, each a dinas of its own.
KABKOTA_BIDANG = [
    ("DISDIK", "Dinas Pendidikan", "pendidikan", 40),
    ("DINKES", "Dinas Kesehatan", "kesehatan", 25),
    ("DINSOS", "Dinas Sosial", "sosial", 8),
    ("DLH", "Dinas Lingkungan Hidup", "lingkungan", 7),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "kepegawaian", 5),
    ("SETDA", "Sekretariat Daerah", "umum", 15),
]

#: Demo logins: (username, instansi code, unit code or None for the head of the instansi, full name,
#: position override (code suffix, name, kind) or None, description for the README).
DEMO_LOGINS = [
    ("kadis.dinkes", "DINKES", None, "dr. Hendra Saputra, M.Kes.", None, "Kepala Dinas Kesehatan"),
    (
        "kabid.dinkes",
        "DINKES",
        "YANKES",
        "Ratna Dewi Lubis, S.K.M., M.Kes.",
        None,
        "Kepala Bidang Pelayanan Kesehatan",
    ),
    (
        "atasan.dinkes",
        "DINKES",
        "YANKES-PRIMER",
        "Ahmad Fauzi, S.K.M.",
        None,
        "Atasan: Kepala Seksi Pelayanan Kesehatan Primer",
    ),
    (
        "asn.dinkes",
        "DINKES",
        "YANKES-PRIMER",
        "Siti Nurhaliza Harahap, A.Md.Kep.",
        ("PLK", "Pengadministrasi Pelayanan Kesehatan", "pelaksana"),
        "ASN pelaksana, peserta pelatihan",
    ),
    (
        "hr.dinkes",
        "DINKES",
        "UMPEG",
        "Rina Marlina, S.Psi.",
        ("FUNG", "Analis SDM Aparatur Ahli Pertama", "fungsional"),
        "Pengelola kepegawaian Dinas Kesehatan",
    ),
    (
        "asn.dlh",
        "DLH",
        "SAMPAH-PENGURANGAN",
        "Rizki Ramadhan, S.T.",
        ("FUNG", "Pengendali Dampak Lingkungan Ahli Pertama", "fungsional"),
        "ASN fungsional Dinas Lingkungan Hidup",
    ),
    (
        "hr.dlh",
        "DLH",
        "UMPEG",
        "Yulia Anggraini, S.E.",
        ("FUNG", "Analis SDM Aparatur Ahli Pertama", "fungsional"),
        "Pengelola kepegawaian Dinas Lingkungan Hidup",
    ),
    (
        "bkpsdm",
        "BKPSDM",
        "PKP-KINERJA",
        "Irwan Setiawan, S.Sos., M.Si.",
        ("FUNG", "Analis SDM Aparatur Ahli Pertama", "fungsional"),
        "BKPSDM: pengelola kepegawaian seluruh provinsi",
    ),
    (
        "humas.editor",
        "BKPSDM",
        "UMPEG",
        "Putri Maharani, S.I.Kom.",
        ("HUMAS", "Pranata Hubungan Masyarakat Ahli Pertama", "fungsional"),
        "Humas: penyunting konten",
    ),
    (
        "humas.moderator",
        "BKPSDM",
        "UMPEG",
        "Taufik Hidayat, S.Sos.",
        ("HUMAS", "Pranata Hubungan Masyarakat Ahli Pertama", "fungsional"),
        "Humas: moderator, menyetujui terbitan",
    ),
]

MALE_FIRST = [
    "Ahmad", "Muhammad", "Rahmat", "Budi", "Agus", "Hendra", "Rizki", "Fajar", "Dedi", "Eko", "Andi",
    "Syahrial", "Zulkifli", "Hasan", "Irwan", "Joko", "Arif", "Yusuf", "Taufik", "Bambang", "Fauzi",
    "Hairul", "Iskandar", "Lukman", "Ridwan", "Sofyan", "Wahyu", "Yudi", "Anwar", "Firdaus",
]  # fmt: skip
FEMALE_FIRST = [
    "Siti", "Nur", "Dewi", "Rina", "Sri", "Fitri", "Yulia", "Indah", "Ratna", "Wulan", "Nurhayati",
    "Lestari", "Maya", "Ayu", "Rahmawati", "Suryani", "Herlina", "Mardiana", "Novita", "Putri", "Rosmawati",
    "Sari", "Yanti", "Desi", "Evi", "Kartini", "Nurul", "Halimah", "Zubaidah", "Aisyah",
]  # fmt: skip
#: Family names used by men and women alike (Batak, Minang and Arabic-origin names common in Jambi).
FAMILY_NAMES = [
    "Siregar", "Nasution", "Harahap", "Lubis", "Hasibuan", "Rangkuti", "Daulay", "Tanjung", "Chaniago",
    "Piliang", "Rahman", "Hakim", "Ismail", "Yusuf", "Halim", "Syarif", "Hamzah", "Ibrahim",
]  # fmt: skip
MALE_LAST = [
    "Saputra", "Pratama", "Hidayat", "Wijaya", "Kurniawan", "Syahputra", "Setiawan", "Ramadhan", "Sutrisno",
    "Firmansyah", "Nugroho", "Gunawan", "Hermawan", "Santoso",
]  # fmt: skip
FEMALE_LAST = [
    "Fitriani", "Lestari", "Wahyuni", "Anggraini", "Susanti", "Marlina", "Safitri", "Maharani", "Permata",
    "Handayani", "Utami", "Ningsih", "Puspita", "Rahmawati", "Oktaviani",
]  # fmt: skip
#: First names often followed by a second given name.
COMPOUND_FIRST = {"Muhammad", "Ahmad", "Siti", "Nur", "Dewi", "Sri"}
DEGREES = [
    "",
    "",
    "",
    ", S.Pd.",
    ", S.Kep.",
    ", S.E.",
    ", S.Sos.",
    ", S.T.",
    ", S.H.",
    ", M.Si.",
    ", S.K.M.",
    ", A.Md.",
]
