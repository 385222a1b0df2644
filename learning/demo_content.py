"""Demo courses of ``seed_learning``: the policy course (one module per chapter of the policy
"Penyusunan Kebijakan Pengelolaan Kinerja ASN di Jambi"), "Pelayanan Publik Prima" and
"Inovasi dalam Pelayanan Publik".

Questions are ``(kind, text, [(choice, correct), ...], explanation)``; kinds are ``single``,
``multiple`` and ``true_false``.

One module, longer than most: it is text (the demo courses' lessons), read top to bottom like the
policy it teaches; splitting prose across files would help no reader.
"""

from __future__ import annotations

T, F = True, False


def tf(text: str, answer: bool, explanation: str) -> tuple:
    return ("true_false", text, [("Benar", answer), ("Salah", not answer)], explanation)


COURSE_INDEX = {
    "title": "Pelatihan",
    "slug": "pelatihan",
    "intro": (
        "Pelatihan daring bagi ASN Pemerintah Provinsi Jambi. Setiap pelatihan yang selesai menambah "
        "jam pelajaran (JP) pengembangan kompetensi Anda; target minimal 20 JP setahun."
    ),
}

POLICY_COURSE = {
    "title": "Memahami Kebijakan Pengelolaan Kinerja ASN",
    "slug": "memahami-kebijakan-pengelolaan-kinerja-asn",
    "summary": (
        "Pelatihan mandiri tentang kebijakan pengelolaan kinerja ASN di Jambi: tujuan, ruang lingkup, "
        "indikator kinerja, mekanisme evaluasi, penghargaan dan sanksi, serta kendala dan solusinya."
    ),
    "objectives": (
        "Menjelaskan mengapa kebijakan pengelolaan kinerja ASN disusun\n"
        "Menyebutkan tujuan dan ruang lingkup kebijakan\n"
        "Menerapkan indikator kinerja yang relevan dan terukur pada pekerjaan sendiri\n"
        "Memahami mekanisme evaluasi yang melibatkan atasan, rekan sejawat dan masyarakat\n"
        "Memahami dasar pemberian penghargaan dan sanksi"
    ),
    "jp": 6,
    "delivery": "e_learning",
    "tags": ["kinerja", "kebijakan", "manajemen ASN"],
    "organiser": "BKPSDM Provinsi Jambi",
    "policy": "open",
}

# One module per chapter of the policy: (module title, slug, intro, lesson paragraphs, callout, quiz)
POLICY_CHAPTERS = [
    {
        "title": "Pendahuluan",
        "slug": "pendahuluan",
        "intro": "Mengapa Pemerintah Provinsi Jambi menyusun kebijakan pengelolaan kinerja ASN.",
        "paragraphs": [
            "Penyusunan kebijakan pengelolaan kinerja Aparatur Sipil Negara (ASN) di Jambi merupakan langkah "
            "strategis untuk meningkatkan <b>efisiensi dan efektivitas pelayanan publik</b>.",
            "Kinerja ASN yang baik sangat berpengaruh terhadap pencapaian tujuan pemerintahan dan kepuasan "
            "masyarakat. Ketika ASN bekerja dengan sasaran yang jelas, layanan menjadi lebih cepat, lebih tepat "
            "dan lebih dapat dipertanggungjawabkan.",
            "Karena itu kebijakan ini dirancang tidak hanya untuk <b>memfasilitasi pengukuran kinerja</b>, "
            "tetapi juga untuk <b>mendorong ASN berinovasi</b> dan berkontribusi lebih besar bagi masyarakat.",
        ],
        "callout": (
            "Intinya",
            "Kebijakan kinerja bukan sekadar alat menilai; ia alat untuk memperbaiki layanan dan mendorong inovasi.",
        ),
        "quiz": [
            (
                "single",
                "Apa tujuan utama penyusunan kebijakan pengelolaan kinerja ASN di Jambi menurut bab Pendahuluan?",
                [
                    ("Meningkatkan efisiensi dan efektivitas pelayanan publik", T),
                    ("Mengurangi jumlah ASN di setiap instansi", F),
                    ("Menggantikan peran atasan dalam menilai pegawai", F),
                    ("Menyeragamkan jam kerja seluruh instansi", F),
                ],
                "Pendahuluan menyebut kebijakan ini langkah strategis meningkatkan efisiensi dan efektivitas "
                "pelayanan publik.",
            ),
            (
                "multiple",
                "Menurut Pendahuluan, kinerja ASN yang baik berpengaruh terhadap apa saja? (pilih semua yang benar)",
                [
                    ("Pencapaian tujuan pemerintahan", T),
                    ("Kepuasan masyarakat", T),
                    ("Besarnya anggaran perjalanan dinas", F),
                    ("Jumlah rapat koordinasi", F),
                ],
                "Keduanya disebut langsung: pencapaian tujuan pemerintahan dan kepuasan masyarakat.",
            ),
            tf(
                "Kebijakan ini dirancang hanya untuk mengukur kinerja, bukan untuk mendorong inovasi.",
                False,
                "Kebijakan ini juga dirancang untuk mendorong ASN berinovasi dan berkontribusi lebih besar.",
            ),
        ],
    },
    {
        "title": "Tujuan Kebijakan",
        "slug": "tujuan-kebijakan",
        "intro": "Sistem penilaian yang transparan dan lingkungan kerja yang kompetitif namun kondusif.",
        "paragraphs": [
            "Kebijakan pengelolaan kinerja ASN di Jambi bertujuan menciptakan <b>sistem penilaian kinerja yang "
            "transparan</b>.",
            "Dengan sistem yang transparan, setiap ASN dapat mengetahui <b>apa yang diharapkan</b> dari mereka "
            "dan <b>bagaimana mereka dinilai</b>. Ekspektasi dan cara menilai disepakati di awal, bukan diketahui "
            "setelah penilaian selesai.",
            "Melalui kebijakan ini diharapkan tercipta lingkungan kerja yang <b>kompetitif namun tetap "
            "kondusif</b>, di mana ASN merasa dihargai atas kontribusi mereka.",
        ],
        "callout": (
            "Pertanyaan untuk diri sendiri",
            "Apakah Anda tahu apa yang diharapkan dari Anda tahun ini, dan bagaimana hasilnya akan dinilai?",
        ),
        "quiz": [
            (
                "single",
                "Sistem penilaian seperti apa yang ingin diciptakan oleh kebijakan ini?",
                [
                    ("Sistem yang transparan", T),
                    ("Sistem yang dirahasiakan dari pegawai", F),
                    ("Sistem yang hanya diketahui pimpinan", F),
                    ("Sistem tanpa indikator", F),
                ],
                "Tujuan kebijakan adalah sistem penilaian kinerja yang transparan.",
            ),
            (
                "multiple",
                "Dengan sistem yang transparan, apa yang dapat diketahui setiap ASN? (pilih semua yang benar)",
                [
                    ("Apa yang diharapkan dari mereka", T),
                    ("Bagaimana mereka dinilai", T),
                    ("Nilai kinerja seluruh rekan kerja secara rinci", F),
                    ("Besaran gaji pejabat lain", F),
                ],
                "Transparansi berarti ASN tahu ekspektasi dan cara penilaian atas diri mereka sendiri.",
            ),
            (
                "single",
                "Lingkungan kerja seperti apa yang diharapkan tercipta?",
                [
                    ("Kompetitif namun tetap kondusif", T),
                    ("Kompetitif tanpa memperhatikan suasana kerja", F),
                    ("Tanpa persaingan sama sekali", F),
                    ("Tertutup dan hierarkis", F),
                ],
                "Kebijakan menginginkan persaingan sehat dalam suasana yang kondusif, di mana ASN merasa dihargai.",
            ),
        ],
    },
    {
        "title": "Ruang Lingkup",
        "slug": "ruang-lingkup",
        "intro": "Siapa yang diatur dan aspek apa saja yang dicakup kebijakan.",
        "paragraphs": [
            "Ruang lingkup kebijakan ini mencakup <b>seluruh ASN</b> yang bertugas di berbagai instansi "
            "pemerintahan di Jambi.",
            "Pelaksanaannya melibatkan berbagai aspek, mulai dari <b>penetapan indikator kinerja</b>, "
            "<b>mekanisme evaluasi</b>, hingga <b>pemberian penghargaan</b> bagi ASN berprestasi.",
            "Contoh: di Dinas Pendidikan, kinerja ASN dapat diukur melalui peningkatan kualitas pendidikan di "
            "sekolah-sekolah, yang dapat dilihat dari hasil ujian nasional siswa.",
        ],
        "callout": (
            "Contoh penerapan — Dinas Pendidikan",
            "Kinerja diukur dari peningkatan kualitas pendidikan di sekolah, antara lain melalui hasil ujian siswa.",
        ),
        "quiz": [
            (
                "single",
                "Siapa saja yang tercakup dalam kebijakan pengelolaan kinerja ini?",
                [
                    ("Seluruh ASN di berbagai instansi pemerintahan di Jambi", T),
                    ("Hanya pejabat pimpinan tinggi", F),
                    ("Hanya ASN di Dinas Pendidikan", F),
                    ("Hanya PPPK", F),
                ],
                "Ruang lingkup kebijakan mencakup seluruh ASN di berbagai instansi pemerintahan di Jambi.",
            ),
            (
                "multiple",
                "Aspek apa saja yang dilibatkan dalam pelaksanaan kebijakan? (pilih semua yang benar)",
                [
                    ("Penetapan indikator kinerja", T),
                    ("Mekanisme evaluasi", T),
                    ("Pemberian penghargaan bagi ASN berprestasi", T),
                    ("Pengadaan kendaraan dinas", F),
                ],
                "Ketiganya disebut dalam ruang lingkup: indikator, evaluasi, dan penghargaan.",
            ),
            (
                "single",
                "Pada contoh Dinas Pendidikan, kinerja ASN dapat dilihat dari …",
                [
                    ("Peningkatan kualitas pendidikan, misalnya hasil ujian nasional siswa", T),
                    ("Jumlah seragam yang dibagikan", F),
                    ("Lamanya jam rapat guru", F),
                    ("Banyaknya surat yang diterbitkan", F),
                ],
                "Contoh dalam kebijakan: kualitas pendidikan yang terlihat dari hasil ujian nasional siswa.",
            ),
        ],
    },
    {
        "title": "Indikator Kinerja",
        "slug": "indikator-kinerja",
        "intro": "Indikator yang relevan dan terukur sebagai dasar pengelolaan kinerja.",
        "paragraphs": [
            "Indikator kinerja merupakan <b>elemen penting</b> dalam pengelolaan kinerja ASN.",
            "Indikator harus <b>relevan dan dapat diukur</b>, sehingga memberikan gambaran yang jelas mengenai "
            "pencapaian ASN. Indikator yang tidak terukur akan menimbulkan perdebatan saat penilaian.",
            "Di Jambi, indikator kinerja dapat mencakup aspek <b>kehadiran</b>, <b>kualitas pelayanan</b>, dan "
            "<b>inovasi</b> yang dihasilkan.",
            "Contoh: seorang ASN di bidang kesehatan dapat dinilai berdasarkan seberapa cepat ia merespons aduan "
            "masyarakat terkait pelayanan kesehatan.",
        ],
        "callout": (
            "Contoh penerapan — Dinas Kesehatan",
            "Waktu respons terhadap aduan masyarakat tentang pelayanan kesehatan adalah indikator yang relevan "
            "dan terukur.",
        ),
        "quiz": [
            (
                "multiple",
                "Dua syarat indikator kinerja yang baik menurut kebijakan adalah … (pilih dua)",
                [("Relevan", T), ("Dapat diukur", T), ("Rahasia", F), ("Sama untuk semua jabatan", F)],
                "Indikator harus relevan dan dapat diukur agar memberi gambaran jelas tentang pencapaian.",
            ),
            (
                "single",
                "Manakah yang BUKAN contoh aspek indikator kinerja yang disebut dalam kebijakan?",
                [
                    ("Jumlah kendaraan pribadi pegawai", T),
                    ("Kehadiran", F),
                    ("Kualitas pelayanan", F),
                    ("Inovasi yang dihasilkan", F),
                ],
                "Kebijakan menyebut kehadiran, kualitas pelayanan, dan inovasi.",
            ),
            (
                "single",
                "Indikator yang tepat untuk ASN di bidang kesehatan menurut contoh kebijakan adalah …",
                [
                    ("Kecepatan merespons aduan masyarakat tentang pelayanan kesehatan", T),
                    ("Jumlah obat yang disimpan di gudang", F),
                    ("Banyaknya pelatihan yang diikuti atasan", F),
                    ("Jumlah kunjungan ke kantor gubernur", F),
                ],
                "Kebijakan mencontohkan kecepatan respons terhadap aduan masyarakat.",
            ),
        ],
    },
    {
        "title": "Mekanisme Evaluasi",
        "slug": "mekanisme-evaluasi",
        "intro": "Evaluasi yang rutin, sistematis, dan melibatkan banyak pihak.",
        "paragraphs": [
            "Evaluasi kinerja ASN harus dilakukan <b>secara rutin dan sistematis</b>.",
            "Evaluasi tidak hanya melibatkan <b>atasan langsung</b>, tetapi juga <b>rekan sejawat</b> dan "
            "<b>masyarakat</b>. Dengan melibatkan berbagai pihak, hasil evaluasi diharapkan lebih objektif dan "
            "komprehensif.",
            "Contoh: dalam evaluasi kinerja di bidang sosial, umpan balik dari masyarakat yang dilayani dapat "
            "menjadi indikator penting untuk menilai kualitas pelayanan.",
        ],
        "callout": (
            "Contoh penerapan — Dinas Sosial",
            "Umpan balik penerima layanan menjadi masukan penting bagi evaluasi kualitas pelayanan.",
        ),
        "quiz": [
            (
                "multiple",
                "Siapa saja yang dilibatkan dalam evaluasi kinerja ASN? (pilih semua yang benar)",
                [("Atasan langsung", T), ("Rekan sejawat", T), ("Masyarakat", T), ("Keluarga pegawai", F)],
                "Evaluasi melibatkan atasan langsung, rekan sejawat, dan masyarakat.",
            ),
            (
                "single",
                "Mengapa evaluasi melibatkan berbagai pihak?",
                [
                    ("Agar hasilnya lebih objektif dan komprehensif", T),
                    ("Agar proses evaluasi lebih lama", F),
                    ("Agar atasan tidak perlu menilai", F),
                    ("Agar nilai semua pegawai sama", F),
                ],
                "Melibatkan banyak pihak membuat hasil evaluasi lebih objektif dan komprehensif.",
            ),
            tf(
                "Evaluasi kinerja cukup dilakukan sekali ketika ada masalah.",
                False,
                "Evaluasi harus dilakukan secara rutin dan sistematis.",
            ),
        ],
    },
    {
        "title": "Pemberian Penghargaan dan Sanksi",
        "slug": "penghargaan-dan-sanksi",
        "intro": "Penghargaan untuk memotivasi, sanksi untuk menegakkan standar kinerja.",
        "paragraphs": [
            "Pemberian <b>penghargaan</b> bagi ASN berprestasi adalah salah satu cara memotivasi ASN lainnya. "
            "Penghargaan dapat berupa <b>sertifikat</b>, <b>penghargaan finansial</b>, atau bahkan <b>promosi "
            "jabatan</b>.",
            "Sebaliknya, <b>sanksi</b> juga diperlukan bagi ASN yang tidak memenuhi standar kinerja yang telah "
            "ditetapkan.",
            "Contoh: di Dinas Lingkungan Hidup, ASN yang berhasil mengurangi sampah plastik di masyarakat "
            "diberikan penghargaan, sementara yang tidak mencapai target pengurangan mendapatkan sanksi.",
        ],
        "callout": (
            "Contoh penerapan — Dinas Lingkungan Hidup",
            "Target pengurangan sampah plastik: tercapai berbuah penghargaan, tidak tercapai berbuah sanksi.",
        ),
        "quiz": [
            (
                "multiple",
                "Bentuk penghargaan yang disebut dalam kebijakan adalah … (pilih semua yang benar)",
                [
                    ("Sertifikat", T),
                    ("Penghargaan finansial", T),
                    ("Promosi jabatan", T),
                    ("Cuti tanpa batas", F),
                ],
                "Kebijakan menyebut sertifikat, penghargaan finansial, dan promosi jabatan.",
            ),
            (
                "single",
                "Kepada siapa sanksi diberikan menurut kebijakan?",
                [
                    ("ASN yang tidak memenuhi standar kinerja yang telah ditetapkan", T),
                    ("ASN yang mengajukan keberatan atas penilaian", F),
                    ("ASN yang baru diangkat", F),
                    ("Seluruh ASN secara bergiliran", F),
                ],
                "Sanksi diperlukan bagi ASN yang tidak memenuhi standar kinerja yang ditetapkan.",
            ),
            (
                "single",
                "Pada contoh Dinas Lingkungan Hidup, prestasi apa yang diberi penghargaan?",
                [
                    ("Berhasil mengurangi sampah plastik di masyarakat", T),
                    ("Menanam pohon di halaman kantor", F),
                    ("Menghadiri seluruh apel pagi", F),
                    ("Menyusun laporan paling tebal", F),
                ],
                "Contoh kebijakan: pengurangan sampah plastik di masyarakat.",
            ),
        ],
    },
    {
        "title": "Kendala dan Solusi",
        "slug": "kendala-dan-solusi",
        "intro": "Resistensi terhadap perubahan dan cara mengatasinya.",
        "paragraphs": [
            "Dalam pelaksanaan kebijakan ini tentu ada berbagai kendala. Salah satunya adalah <b>resistensi "
            "ASN terhadap perubahan</b>.",
            "Untuk mengatasinya, perlu dilakukan <b>sosialisasi yang intensif</b> mengenai manfaat kebijakan "
            "pengelolaan kinerja.",
            "Selain itu, <b>pelatihan dan pengembangan kompetensi</b> ASN sangat penting untuk memastikan "
            "mereka memiliki kemampuan yang memadai dalam menjalankan tugasnya. Pelatihan yang sedang Anda "
            "ikuti ini adalah bagian dari solusi tersebut.",
        ],
        "callout": (
            "Ingat",
            "Setiap PNS menargetkan paling sedikit 20 JP pengembangan kompetensi setiap tahun.",
        ),
        "quiz": [
            (
                "single",
                "Kendala yang disebut secara khusus dalam kebijakan adalah …",
                [
                    ("Resistensi ASN terhadap perubahan", T),
                    ("Kekurangan gedung kantor", F),
                    ("Cuaca ekstrem", F),
                    ("Jaringan listrik", F),
                ],
                "Kebijakan menyebut resistensi terhadap perubahan sebagai salah satu kendala.",
            ),
            (
                "multiple",
                "Solusi apa saja yang ditawarkan kebijakan? (pilih semua yang benar)",
                [
                    ("Sosialisasi intensif tentang manfaat kebijakan", T),
                    ("Pelatihan dan pengembangan kompetensi ASN", T),
                    ("Menunda pelaksanaan kebijakan tanpa batas", F),
                    ("Menghapus evaluasi kinerja", F),
                ],
                "Dua solusi: sosialisasi intensif dan pelatihan/pengembangan kompetensi.",
            ),
            tf(
                "Pelatihan dan pengembangan kompetensi penting agar ASN memiliki kemampuan yang memadai.",
                True,
                "Kebijakan menyebut pelatihan dan pengembangan kompetensi sangat penting.",
            ),
        ],
    },
    {
        "title": "Kesimpulan",
        "slug": "kesimpulan",
        "intro": "Ringkasan kebijakan dan syarat keberhasilannya.",
        "paragraphs": [
            "Penyusunan kebijakan pengelolaan kinerja ASN di Jambi adalah langkah penting untuk "
            "<b>meningkatkan kualitas pelayanan publik</b>.",
            "Dengan <b>indikator kinerja yang jelas</b> dan <b>mekanisme evaluasi yang transparan</b>, ASN "
            "diharapkan bekerja lebih baik dan lebih produktif. <b>Penghargaan dan sanksi</b> yang tepat "
            "mendorong ASN berinovasi dan memberikan yang terbaik bagi masyarakat.",
            "Implementasi kebijakan ini harus dilakukan secara <b>konsisten dan berkelanjutan</b> agar tujuan "
            "yang diharapkan tercapai.",
        ],
        "callout": (
            "Langkah Anda berikutnya",
            "Diskusikan indikator kinerja Anda dengan atasan langsung, lalu catat bukti capaian secara rutin.",
        ),
        "quiz": [
            (
                "multiple",
                "Menurut kesimpulan, apa yang membuat ASN diharapkan bekerja lebih baik? (pilih semua yang benar)",
                [
                    ("Indikator kinerja yang jelas", T),
                    ("Mekanisme evaluasi yang transparan", T),
                    ("Penghargaan dan sanksi yang tepat", T),
                    ("Penambahan jam kerja", F),
                ],
                "Kesimpulan menyebut indikator jelas, evaluasi transparan, serta penghargaan dan sanksi tepat.",
            ),
            (
                "single",
                "Bagaimana kebijakan ini harus diimplementasikan agar tujuannya tercapai?",
                [
                    ("Secara konsisten dan berkelanjutan", T),
                    ("Sekali saja di awal tahun", F),
                    ("Hanya ketika ada pemeriksaan", F),
                    ("Bergantung pada selera pimpinan", F),
                ],
                "Implementasi harus konsisten dan berkelanjutan.",
            ),
            tf(
                "Kebijakan pengelolaan kinerja ASN bertujuan akhir meningkatkan kualitas pelayanan publik.",
                True,
                "Kesimpulan menegaskan kebijakan adalah langkah penting meningkatkan kualitas pelayanan publik.",
            ),
        ],
    },
]

# Final test of the policy course (module test of "Kesimpulan").
POLICY_FINAL_TEST = {
    "title": "Evaluasi akhir: Kebijakan Pengelolaan Kinerja ASN",
    "pass_mark": 60,
    "questions": [
        (
            "single",
            "Seorang ASN Dinas Kesehatan ingin indikator kinerjanya relevan dan terukur. Mana yang paling tepat?",
            [
                ("Rata-rata waktu respons aduan masyarakat dalam jam", T),
                ("Sikap yang baik di kantor", F),
                ("Berusaha semaksimal mungkin", F),
                ("Selalu siap membantu", F),
            ],
            "Waktu respons dalam jam adalah ukuran yang relevan dan dapat diukur.",
        ),
        (
            "single",
            "Evaluasi kinerja di Dinas Sosial meminta umpan balik penerima bantuan. Prinsip apa yang diterapkan?",
            [
                ("Evaluasi melibatkan masyarakat agar lebih objektif", T),
                ("Evaluasi hanya oleh atasan langsung", F),
                ("Evaluasi dilakukan sekali seumur jabatan", F),
                ("Evaluasi dirahasiakan dari pegawai", F),
            ],
            "Mekanisme evaluasi melibatkan atasan, rekan sejawat dan masyarakat.",
        ),
        tf(
            "Menurut kebijakan, sosialisasi yang intensif adalah salah satu cara mengatasi resistensi terhadap "
            "perubahan.",
            True,
            "Bab Kendala dan Solusi menyebut sosialisasi intensif mengenai manfaat kebijakan.",
        ),
        (
            "multiple",
            "Manakah yang termasuk ruang lingkup kebijakan? (pilih semua yang benar)",
            [
                ("Penetapan indikator kinerja", T),
                ("Mekanisme evaluasi", T),
                ("Pemberian penghargaan bagi ASN berprestasi", T),
                ("Pengaturan tata ruang kota", F),
            ],
            "Ruang lingkup: indikator, evaluasi, hingga penghargaan.",
        ),
        (
            "single",
            "Apa yang diharapkan dari sistem penilaian yang transparan?",
            [
                ("Setiap ASN tahu apa yang diharapkan dan bagaimana dinilai", T),
                ("Setiap ASN mendapat nilai yang sama", F),
                ("Atasan tidak perlu memberi umpan balik", F),
                ("Penilaian tidak lagi diperlukan", F),
            ],
            "Transparansi: ASN tahu ekspektasi dan cara penilaian.",
        ),
    ],
}

SERVICE_COURSE = {
    "title": "Pelayanan Publik Prima",
    "slug": "pelayanan-publik-prima",
    "summary": (
        "Standar pelayanan, sikap melayani, dan pengelolaan pengaduan: dasar pelayanan publik yang cepat, "
        "ramah, dan dapat dipertanggungjawabkan."
    ),
    "objectives": (
        "Menjelaskan unsur standar pelayanan\n"
        "Menerapkan sikap melayani dalam interaksi dengan masyarakat\n"
        "Menangani pengaduan masyarakat dengan tuntas dan tepat waktu"
    ),
    "jp": 8,
    "delivery": "blended",
    "tags": ["pelayanan publik"],
    "organiser": "BKPSDM Provinsi Jambi",
    "policy": "open",
    "modules": [
        {
            "title": "Standar Pelayanan",
            "slug": "standar-pelayanan",
            "intro": "Apa yang dijanjikan kepada masyarakat, dan bagaimana menepatinya.",
            "lessons": [
                (
                    "Unsur standar pelayanan",
                    "unsur-standar-pelayanan",
                    [
                        "Standar pelayanan adalah janji tertulis unit layanan kepada masyarakat: persyaratan, "
                        "prosedur, jangka waktu, biaya, produk layanan, dan saluran pengaduan.",
                        "Standar yang diumumkan memudahkan masyarakat dan menjadi ukuran kinerja unit layanan.",
                    ],
                ),
                (
                    "Mengukur waktu layanan",
                    "mengukur-waktu-layanan",
                    [
                        "Catat waktu mulai dan selesai setiap layanan. Rata-rata dan persentase layanan yang "
                        "selesai tepat waktu adalah indikator kinerja yang sederhana dan terukur.",
                    ],
                ),
            ],
            "quiz": {
                "title": "Kuis: Standar Pelayanan",
                "questions": [
                    (
                        "multiple",
                        "Manakah yang termasuk unsur standar pelayanan? (pilih semua yang benar)",
                        [
                            ("Persyaratan", T),
                            ("Jangka waktu", T),
                            ("Saluran pengaduan", T),
                            ("Hobi petugas", F),
                        ],
                        "Standar pelayanan memuat persyaratan, prosedur, waktu, biaya, produk, dan pengaduan.",
                    ),
                    tf(
                        "Persentase layanan yang selesai tepat waktu adalah indikator yang terukur.",
                        True,
                        "Persentase tepat waktu dapat dihitung dari catatan waktu layanan.",
                    ),
                ],
            },
        },
        {
            "title": "Pengelolaan Pengaduan",
            "slug": "pengelolaan-pengaduan",
            "intro": "Pengaduan adalah umpan balik, bukan gangguan.",
            "lessons": [
                (
                    "Menerima dan menindaklanjuti pengaduan",
                    "menindaklanjuti-pengaduan",
                    [
                        "Setiap pengaduan dicatat, diberi nomor, dijawab dalam waktu yang dijanjikan, dan "
                        "ditutup dengan penjelasan kepada pelapor.",
                        "Pengaduan yang berulang menunjukkan bagian standar pelayanan yang perlu diperbaiki.",
                    ],
                ),
            ],
            "quiz": {
                "title": "Kuis: Pengelolaan Pengaduan",
                "questions": [
                    (
                        "single",
                        "Apa arti pengaduan yang berulang tentang hal yang sama?",
                        [
                            ("Ada bagian standar pelayanan yang perlu diperbaiki", T),
                            ("Pelapor tidak perlu dilayani", F),
                            ("Pengaduan boleh diabaikan", F),
                        ],
                        "Pengaduan berulang adalah sinyal perbaikan layanan.",
                    ),
                    tf(
                        "Pengaduan ditutup tanpa penjelasan kepada pelapor.",
                        False,
                        "Pengaduan ditutup dengan penjelasan kepada pelapor.",
                    ),
                ],
            },
        },
    ],
}

INNOVATION_COURSE = {
    "title": "Inovasi dalam Pelayanan Publik",
    "slug": "inovasi-dalam-pelayanan-publik",
    "summary": (
        "Dari masalah layanan menjadi inovasi: menemukan akar masalah, merancang perbaikan kecil, dan "
        "mengukur dampaknya. Prasyarat: Pelayanan Publik Prima."
    ),
    "objectives": (
        "Merumuskan masalah layanan dari data pengaduan\n"
        "Merancang dan menguji perbaikan kecil\n"
        "Mengukur dampak inovasi dengan indikator kinerja"
    ),
    "jp": 6,
    "delivery": "mentoring",
    "tags": ["inovasi", "pelayanan publik"],
    "organiser": "BKPSDM Provinsi Jambi",
    "policy": "open",
    "modules": [
        {
            "title": "Dari Masalah ke Gagasan",
            "slug": "dari-masalah-ke-gagasan",
            "intro": "Inovasi yang baik berangkat dari masalah nyata masyarakat.",
            "lessons": [
                (
                    "Menemukan akar masalah",
                    "menemukan-akar-masalah",
                    [
                        "Gunakan data pengaduan dan umpan balik masyarakat untuk memilih satu masalah layanan "
                        "yang paling sering dikeluhkan.",
                        "Tanyakan 'mengapa' berulang kali sampai menemukan akar masalah yang dapat diubah oleh "
                        "unit Anda sendiri.",
                    ],
                ),
                (
                    "Mengukur dampak",
                    "mengukur-dampak",
                    [
                        "Tetapkan indikator sebelum mencoba: misalnya waktu tunggu rata-rata. Bandingkan "
                        "sebelum dan sesudah perubahan; inovasi yang tidak terukur sulit dipertahankan.",
                    ],
                ),
            ],
            "quiz": {
                "title": "Kuis: Inovasi Pelayanan",
                "questions": [
                    (
                        "single",
                        "Dari mana sebaiknya gagasan inovasi pelayanan berangkat?",
                        [
                            ("Masalah nyata yang dikeluhkan masyarakat", T),
                            ("Tren media sosial", F),
                            ("Keinginan membeli aplikasi baru", F),
                        ],
                        "Inovasi yang baik menjawab masalah nyata masyarakat.",
                    ),
                    tf(
                        "Indikator dampak sebaiknya ditetapkan sebelum perubahan dicoba.",
                        True,
                        "Tanpa data awal, dampak tidak dapat dibandingkan.",
                    ),
                ],
            },
        },
    ],
}
