"""The demo content: the Jambi ASN performance-management policy, explained chapter by chapter.

Written from the policy text (``shared/seed/``) and its national frame: UU 20/2023 tentang ASN,
PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai ASN (SKP, dialog kinerja, predikat kinerja)
and the BerAKHLAK core values. Each chapter is a list of raw StreamField blocks.

One module, longer than most: it is the policy's explanation as text, chapter by chapter, read in
order; splitting it would scatter one document.
"""

from __future__ import annotations

import datetime


def _p(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _h(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def _example(instansi: str, title: str, *paragraphs: str) -> dict:
    return {
        "type": "example",
        "value": {"instansi": instansi, "title": title, "body": "".join(f"<p>{p}</p>" for p in paragraphs)},
    }


def _points(*points: str, title: str = "Poin penting") -> dict:
    return {"type": "key_points", "value": {"title": title, "points": list(points)}}


def _faq(*pairs: tuple[str, str]) -> dict:
    return {
        "type": "faq",
        "value": {
            "title": "Pertanyaan yang sering diajukan",
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    }


POLICY_INDEX = {
    "title": "Kebijakan Pengelolaan Kinerja ASN",
    "slug": "kebijakan",
    "intro": (
        "<p>Penjelasan bab demi bab <b>Kebijakan Pengelolaan Kinerja Aparatur Sipil Negara (ASN) di "
        "Provinsi Jambi</b>: apa tujuannya, siapa yang tercakup, bagaimana kinerja diukur dan dievaluasi, "
        "serta bagaimana penghargaan dan sanksi diberikan. Setelah membaca setiap bab, ASN diminta menekan "
        "tombol <i>Saya sudah membaca dan memahami</i>.</p>"
    ),
}

CHAPTERS: list[dict] = [
    {
        "slug": "pendahuluan",
        "title": "Pendahuluan",
        "summary": "Mengapa Provinsi Jambi menyusun kebijakan pengelolaan kinerja ASN, dan apa kaitannya "
        "dengan pelayanan publik.",
        "tags": ["kinerja", "pelayanan publik"],
        "body": [
            _p(
                "Penyusunan kebijakan pengelolaan kinerja Aparatur Sipil Negara (ASN) di Jambi merupakan "
                "langkah strategis untuk meningkatkan efisiensi dan efektivitas pelayanan publik. Kinerja ASN "
                "yang baik sangat berpengaruh terhadap pencapaian tujuan pemerintahan dan kepuasan masyarakat.",
                "Karena itu kebijakan ini dirancang tidak hanya untuk <b>mengukur</b> kinerja, tetapi juga "
                "untuk <b>mendorong</b> ASN berinovasi dan berkontribusi lebih besar kepada masyarakat.",
            ),
            _h("Kerangka nasional"),
            _p(
                "Kebijakan daerah ini menjabarkan aturan nasional ke dalam praktik sehari-hari di perangkat "
                "daerah Provinsi Jambi. Undang-Undang Nomor 20 Tahun 2023 tentang ASN menempatkan kinerja "
                "sebagai dasar pengembangan karier, dan Peraturan Menteri PANRB Nomor 6 Tahun 2022 mengatur "
                "pengelolaan kinerja pegawai ASN: perencanaan kinerja dalam Sasaran Kinerja Pegawai (SKP), "
                "pendampingan melalui dialog kinerja, penilaian yang menghasilkan predikat kinerja, dan "
                "tindak lanjutnya.",
                "Perilaku kerja diukur dengan nilai dasar ASN <b>BerAKHLAK</b>: Berorientasi Pelayanan, "
                "Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, dan Kolaboratif.",
            ),
            _points(
                "Tujuan akhirnya adalah pelayanan publik yang lebih baik dan masyarakat yang lebih puas.",
                "Kinerja diukur, tetapi juga dibina: inovasi dan kontribusi ASN didorong dan dihargai.",
                "Kebijakan ini sejalan dengan UU 20/2023 tentang ASN dan PermenPANRB 6/2022 (SKP, dialog "
                "kinerja, predikat kinerja).",
                "Perilaku kerja dinilai dengan nilai dasar BerAKHLAK.",
            ),
            _faq(
                (
                    "Apakah kebijakan ini menggantikan SKP?",
                    "Tidak. SKP tetap menjadi dokumen perencanaan dan penilaian kinerja setiap ASN. Kebijakan "
                    "ini menjelaskan bagaimana SKP, evaluasi, serta penghargaan dan sanksi dijalankan secara "
                    "konsisten di perangkat daerah Provinsi Jambi.",
                ),
                (
                    "Mengapa saya diminta mengonfirmasi telah membaca setiap bab?",
                    "Kebijakan hanya berjalan bila dipahami. Konfirmasi baca membantu pengelola kepegawaian "
                    "dan humas melihat unit mana yang sudah terjangkau sosialisasi dan mana yang perlu "
                    "didampingi.",
                ),
            ),
        ],
    },
    {
        "slug": "tujuan-kebijakan",
        "title": "Tujuan Kebijakan",
        "summary": "Penilaian kinerja yang transparan: setiap ASN tahu apa yang diharapkan dan bagaimana "
        "ia dinilai.",
        "tags": ["kinerja", "transparansi"],
        "body": [
            _p(
                "Kebijakan pengelolaan kinerja ASN di Jambi bertujuan menciptakan sistem penilaian kinerja "
                "yang <b>transparan</b>, sehingga setiap ASN mengetahui apa yang diharapkan darinya dan "
                "bagaimana ia dinilai.",
                "Melalui kebijakan ini diharapkan tercipta lingkungan kerja yang kompetitif namun tetap "
                "kondusif, tempat ASN merasa dihargai atas kontribusinya.",
            ),
            _h("Apa artinya bagi Anda"),
            _p(
                "Di awal tahun Anda menyepakati SKP bersama atasan langsung: hasil kerja yang diharapkan "
                "beserta indikator dan targetnya. Sepanjang tahun atasan memberi umpan balik melalui dialog "
                "kinerja, dan di akhir periode penilaian Anda mendapatkan predikat kinerja (Sangat Baik, "
                "Baik, Butuh Perbaikan, Kurang, atau Sangat Kurang) yang dasar penilaiannya dapat Anda lihat.",
            ),
            _points(
                "Ekspektasi kerja jelas sejak awal, tertulis dalam SKP yang disepakati bersama atasan.",
                "Cara menilai diketahui semua pihak; tidak ada penilaian yang mengejutkan di akhir tahun.",
                "Persaingan yang sehat: prestasi terlihat dan dihargai, suasana kerja tetap kondusif.",
            ),
            _faq(
                (
                    "Apa yang dimaksud penilaian yang transparan?",
                    "Indikator, target, bukti dukung, dan hasil penilaian dapat dilihat oleh ASN yang dinilai. "
                    "ASN dapat menanyakan dasar penilaian kepada atasan langsung dalam dialog kinerja.",
                ),
                (
                    "Apakah lingkungan yang kompetitif berarti ASN saling bersaing?",
                    "Yang dibangun adalah persaingan sehat untuk berprestasi, bukan saling menjatuhkan. Nilai "
                    "Harmonis dan Kolaboratif dalam BerAKHLAK tetap menjadi bagian dari penilaian perilaku kerja.",
                ),
            ),
        ],
    },
    {
        "slug": "ruang-lingkup",
        "title": "Ruang Lingkup Kebijakan",
        "summary": "Berlaku bagi seluruh ASN di instansi pemerintahan di Jambi, dari penetapan indikator "
        "sampai penghargaan.",
        "tags": ["ruang lingkup", "pendidikan"],
        "body": [
            _p(
                "Kebijakan ini mencakup <b>seluruh ASN</b>, baik PNS maupun PPPK, yang bertugas di berbagai "
                "instansi pemerintahan di Jambi.",
                "Pelaksanaannya meliputi berbagai aspek: penetapan indikator kinerja, mekanisme evaluasi, "
                "hingga pemberian penghargaan bagi ASN berprestasi dan sanksi bagi yang tidak memenuhi "
                "standar.",
            ),
            _example(
                "Dinas Pendidikan",
                "Mutu pendidikan sebagai ukuran kinerja",
                "Di Dinas Pendidikan, kinerja ASN dapat diukur melalui peningkatan kualitas pendidikan di "
                "sekolah-sekolah, yang terlihat dari hasil ujian nasional siswa.",
                "Seorang pengawas sekolah, misalnya, dapat menetapkan dalam SKP-nya target kenaikan rata-rata "
                "hasil ujian di sekolah binaannya, lalu melaporkan capaian itu bersama bukti dukungnya.",
            ),
            _points(
                "Berlaku untuk seluruh ASN (PNS dan PPPK) di instansi pemerintahan di Jambi.",
                "Mencakup penetapan indikator, evaluasi, serta penghargaan dan sanksi.",
                "Ukuran kinerja disesuaikan dengan tugas masing-masing instansi.",
            ),
            _faq(
                (
                    "Apakah PPPK juga tercakup?",
                    "Ya. Kebijakan ini berlaku bagi seluruh ASN, yaitu PNS dan PPPK.",
                ),
                (
                    "Apakah indikatornya sama untuk semua instansi?",
                    "Tidak. Kerangkanya sama, tetapi indikator disusun sesuai tugas masing-masing instansi: "
                    "Dinas Pendidikan mengukur mutu pendidikan, Dinas Kesehatan kecepatan layanan, dan "
                    "seterusnya.",
                ),
            ),
        ],
    },
    {
        "slug": "indikator-kinerja",
        "title": "Indikator Kinerja",
        "summary": "Indikator yang relevan dan terukur: kehadiran, kualitas pelayanan, dan inovasi.",
        "tags": ["indikator", "skp", "kesehatan"],
        "body": [
            _p(
                "Indikator kinerja merupakan elemen penting dalam pengelolaan kinerja ASN. Indikator harus "
                "<b>relevan</b> dan <b>dapat diukur</b>, sehingga memberikan gambaran yang jelas mengenai "
                "pencapaian ASN.",
                "Di Jambi, indikator kinerja dapat mencakup aspek seperti <b>kehadiran</b>, <b>kualitas "
                "pelayanan</b>, dan <b>inovasi</b> yang dihasilkan. Indikator dan targetnya dicantumkan dalam "
                "SKP dan diturunkan dari sasaran instansi, sehingga kerja setiap ASN terhubung dengan hasil "
                "yang dirasakan masyarakat.",
            ),
            _example(
                "Dinas Kesehatan",
                "Kecepatan merespons aduan layanan kesehatan",
                "Seorang ASN di bidang kesehatan dapat dinilai berdasarkan seberapa cepat ia merespons aduan "
                "masyarakat terkait pelayanan kesehatan.",
                "Contoh indikator dalam SKP: “persentase aduan layanan kesehatan yang ditanggapi dalam 2 × 24 "
                "jam”, dengan target 90 persen dan bukti dukung dari catatan aduan.",
            ),
            _points(
                "Indikator harus relevan dengan tugas dan dapat diukur.",
                "Aspek yang dapat diukur: kehadiran, kualitas pelayanan, dan inovasi.",
                "Indikator dan target ditulis dalam SKP dan diturunkan dari sasaran instansi.",
                "Setiap capaian perlu bukti dukung.",
            ),
            _faq(
                (
                    "Siapa yang menetapkan indikator saya?",
                    "Indikator disusun bersama atasan langsung pada awal periode dan dituangkan dalam SKP, "
                    "dengan mengacu pada sasaran unit dan instansi.",
                ),
                (
                    "Apakah kehadiran saja sudah cukup?",
                    "Tidak. Kehadiran hanya salah satu aspek. Kualitas pelayanan dan inovasi sama pentingnya.",
                ),
            ),
        ],
    },
    {
        "slug": "mekanisme-evaluasi",
        "title": "Mekanisme Evaluasi",
        "summary": "Evaluasi rutin dan sistematis yang melibatkan atasan, rekan sejawat, dan masyarakat.",
        "tags": ["evaluasi", "umpan balik", "sosial"],
        "body": [
            _p(
                "Evaluasi kinerja ASN dilakukan secara <b>rutin</b> dan <b>sistematis</b>. Evaluasi tidak "
                "hanya melibatkan atasan langsung, tetapi juga rekan sejawat dan masyarakat. Dengan melibatkan "
                "berbagai pihak, hasil evaluasi diharapkan lebih objektif dan komprehensif.",
                "Sejalan dengan PermenPANRB 6/2022, atasan langsung melakukan dialog kinerja dan memberi umpan "
                "balik secara berkala; penilaian akhir periode menggabungkan hasil kerja dan perilaku kerja "
                "menjadi predikat kinerja.",
            ),
            _example(
                "Dinas Sosial",
                "Umpan balik dari masyarakat yang dilayani",
                "Dalam evaluasi kinerja di bidang sosial, umpan balik dari masyarakat yang dilayani menjadi "
                "indikator penting untuk menilai kualitas pelayanan.",
                "Misalnya, penerima layanan rehabilitasi sosial mengisi survei singkat setelah dilayani; "
                "hasilnya menjadi bahan dialog kinerja antara pendamping dan atasannya.",
            ),
            _points(
                "Evaluasi berlangsung rutin sepanjang tahun, bukan hanya di akhir tahun.",
                "Penilai: atasan langsung, rekan sejawat, dan masyarakat yang dilayani.",
                "Dialog kinerja adalah kesempatan memperbaiki arah sebelum penilaian akhir.",
                "Predikat kinerja menggabungkan hasil kerja dan perilaku kerja.",
            ),
            _faq(
                (
                    "Apakah rekan sejawat menentukan nilai saya?",
                    "Masukan rekan sejawat dan masyarakat menjadi bahan pertimbangan; penilaian tetap "
                    "ditetapkan oleh atasan langsung berdasarkan bukti.",
                ),
                (
                    "Seberapa sering evaluasi dilakukan?",
                    "Secara rutin sepanjang periode melalui dialog kinerja, dan secara formal pada akhir "
                    "periode penilaian.",
                ),
            ),
        ],
    },
    {
        "slug": "penghargaan-dan-sanksi",
        "title": "Pemberian Penghargaan dan Sanksi",
        "summary": "Penghargaan bagi ASN berprestasi, sanksi bagi yang tidak memenuhi standar kinerja.",
        "tags": ["penghargaan", "sanksi", "lingkungan hidup"],
        "body": [
            _p(
                "Pemberian <b>penghargaan</b> bagi ASN berprestasi merupakan salah satu cara memotivasi ASN "
                "lainnya. Penghargaan dapat berupa sertifikat, penghargaan finansial, atau bahkan promosi "
                "jabatan.",
                "Sebaliknya, <b>sanksi</b> juga diperlukan bagi ASN yang tidak memenuhi standar kinerja yang "
                "telah ditetapkan. Sanksi diberikan secara berjenjang dan sesuai ketentuan disiplin ASN, dan "
                "selalu disertai rencana perbaikan, misalnya pelatihan atau pendampingan.",
            ),
            _example(
                "Dinas Lingkungan Hidup",
                "Pengurangan sampah plastik: penghargaan dan sanksi",
                "ASN Dinas Lingkungan Hidup yang berhasil mengurangi sampah plastik di masyarakat diberikan "
                "penghargaan, sementara yang tidak mencapai target pengurangan akan mendapatkan sanksi.",
                "Target pengurangan ditulis dalam SKP; capaian diukur dari data timbulan sampah di wilayah "
                "binaan, sehingga penghargaan maupun sanksi berdasar pada bukti yang sama.",
            ),
            _points(
                "Penghargaan: sertifikat, penghargaan finansial, hingga promosi jabatan.",
                "Sanksi: bagi ASN yang tidak memenuhi standar kinerja yang ditetapkan.",
                "Penghargaan dan sanksi berdasar pada target SKP dan bukti capaian yang sama.",
                "Sanksi disertai rencana perbaikan, misalnya pelatihan atau pendampingan.",
            ),
            _faq(
                (
                    "Apa dasar pemberian sanksi kinerja?",
                    "Capaian yang tidak memenuhi standar kinerja yang telah ditetapkan dalam SKP, berdasarkan "
                    "bukti dan setelah dialog kinerja dengan atasan langsung. Sanksi mengikuti ketentuan "
                    "disiplin ASN.",
                ),
                (
                    "Apakah predikat kinerja berpengaruh pada penghargaan?",
                    "Ya. Predikat kinerja menjadi salah satu dasar pemberian penghargaan seperti sertifikat, "
                    "penghargaan finansial, dan pertimbangan promosi jabatan.",
                ),
                (
                    "Apakah ASN yang mendapat sanksi dibantu memperbaiki kinerjanya?",
                    "Ya. Sanksi selalu disertai rencana pengembangan, misalnya pelatihan untuk menutup "
                    "kesenjangan kompetensi.",
                ),
            ),
        ],
    },
    {
        "slug": "kendala-dan-solusi",
        "title": "Kendala dan Solusi",
        "summary": "Resistensi terhadap perubahan diatasi dengan sosialisasi intensif serta pelatihan dan "
        "pengembangan kompetensi.",
        "tags": ["sosialisasi", "pelatihan", "kompetensi"],
        "body": [
            _p(
                "Dalam pelaksanaan kebijakan ini tentu ada berbagai kendala. Salah satunya adalah "
                "<b>resistensi ASN terhadap perubahan</b>.",
                "Untuk mengatasinya, dilakukan <b>sosialisasi yang intensif</b> mengenai manfaat kebijakan "
                "pengelolaan kinerja, seperti penjelasan di situs ini beserta konfirmasi baca di setiap bab. "
                "Selain itu, <b>pelatihan dan pengembangan kompetensi</b> ASN sangat penting untuk memastikan "
                "setiap ASN memiliki kemampuan yang memadai dalam menjalankan tugasnya.",
            ),
            _points(
                "Kendala utama: resistensi terhadap perubahan.",
                "Solusi 1: sosialisasi intensif tentang manfaat kebijakan.",
                "Solusi 2: pelatihan dan pengembangan kompetensi ASN.",
                "Pengelola kepegawaian memantau cakupan sosialisasi per unit kerja.",
                title="Kendala dan solusinya",
            ),
            _faq(
                (
                    "Apa yang dapat saya lakukan bila belum memahami kebijakan ini?",
                    "Baca setiap bab, ajukan pertanyaan dalam dialog kinerja dengan atasan langsung, dan ikuti "
                    "pelatihan daring yang tersedia di menu Pelatihan.",
                ),
                (
                    "Bagaimana unit saya tahu sosialisasi sudah menjangkau semua pegawai?",
                    "Pengelola kepegawaian dan humas dapat melihat laporan cakupan konfirmasi baca per "
                    "instansi dan unit kerja.",
                ),
            ),
        ],
    },
    {
        "slug": "kesimpulan",
        "title": "Kesimpulan",
        "summary": "Indikator jelas, evaluasi transparan, penghargaan dan sanksi yang tepat, dijalankan "
        "secara konsisten dan berkelanjutan.",
        "tags": ["kinerja", "pelayanan publik"],
        "body": [
            _p(
                "Penyusunan kebijakan pengelolaan kinerja ASN di Jambi adalah langkah penting untuk "
                "meningkatkan kualitas pelayanan publik. Dengan indikator kinerja yang jelas dan mekanisme "
                "evaluasi yang transparan, ASN diharapkan dapat bekerja lebih baik dan lebih produktif.",
                "Penghargaan dan sanksi yang tepat dapat mendorong ASN untuk berinovasi dan memberikan yang "
                "terbaik bagi masyarakat. Karena itu implementasi kebijakan ini harus dilakukan secara "
                "<b>konsisten dan berkelanjutan</b> agar tujuannya tercapai.",
            ),
            _points(
                "Indikator kinerja yang jelas dan terukur.",
                "Evaluasi yang transparan dan melibatkan banyak pihak.",
                "Penghargaan dan sanksi yang tepat dan berbasis bukti.",
                "Pelaksanaan yang konsisten dan berkelanjutan.",
                title="Empat hal yang perlu diingat",
            ),
        ],
    },
]

ARTICLE_INDEX = {
    "title": "Berita",
    "slug": "berita",
    "intro": "<p>Pengumuman seputar kebijakan pengelolaan kinerja ASN Provinsi Jambi.</p>",
}

ARTICLES: list[dict] = [
    {
        "slug": "sosialisasi-kebijakan-kinerja-dimulai",
        "title": "Sosialisasi kebijakan pengelolaan kinerja ASN dimulai",
        "date": datetime.date(2026, 11, 2),
        "summary": "Seluruh ASN Pemerintah Provinsi Jambi diminta membaca delapan bab penjelasan kebijakan "
        "dan mengonfirmasi setiap bab.",
        "tags": ["sosialisasi", "kinerja"],
        "body": [
            _p(
                "Pemerintah Provinsi Jambi memulai sosialisasi kebijakan pengelolaan kinerja ASN. Penjelasan "
                "kebijakan tersedia dalam delapan bab, dari Pendahuluan hingga Kesimpulan, lengkap dengan "
                "contoh penerapan di Dinas Pendidikan, Dinas Kesehatan, Dinas Sosial, dan Dinas Lingkungan "
                "Hidup.",
                "Setiap ASN diminta membaca seluruh bab dan menekan tombol “Saya sudah membaca dan memahami” "
                "di akhir setiap bab. Pengelola kepegawaian di setiap instansi memantau cakupan sosialisasi "
                "per unit kerja.",
            ),
            _points(
                "Baca delapan bab di menu Kebijakan.",
                "Konfirmasi setiap bab setelah membacanya.",
                "Tanyakan hal yang belum jelas kepada atasan langsung dalam dialog kinerja.",
                title="Yang perlu dilakukan ASN",
            ),
        ],
    },
    {
        "slug": "pelatihan-daring-penyusunan-skp",
        "title": "Pelatihan daring penyusunan SKP dan dialog kinerja dibuka",
        "date": datetime.date(2026, 11, 16),
        "summary": "Pelatihan daring bersertifikat untuk membantu ASN menyusun SKP dan menjalankan dialog "
        "kinerja; dihitung dalam pemenuhan jam pelajaran pengembangan kompetensi.",
        "tags": ["pelatihan", "skp"],
        "body": [
            _p(
                "Sebagai tindak lanjut sosialisasi, BKPSDM Provinsi Jambi membuka pelatihan daring tentang "
                "penyusunan SKP dan pelaksanaan dialog kinerja. Pelatihan ini menjawab salah satu kendala yang "
                "dicatat kebijakan: kebutuhan pelatihan dan pengembangan kompetensi ASN.",
                "Pelatihan dapat diikuti kapan saja melalui menu Pelatihan dan menghasilkan sertifikat yang "
                "dihitung dalam pemenuhan jam pelajaran (JP) pengembangan kompetensi.",
            ),
        ],
    },
]
