"""The competency dictionary (*kamus kompetensi*) of PermenPANRB 38/2017 on the Standar Kompetensi
Jabatan ASN: the eight managerial competencies and the sosial kultural competency Perekat Bangsa,
each with its definition and five levels (description and behaviour indicators).

Plain data, loaded by the data migration ``0002_permenpanrb_38_2017``. Each entry is
``(code, name, kind, definition, [(description, [indicator, …]) for levels 1–5])``.

One module, longer than most: it is the regulation's table itself (nine competencies × five
levels), kept whole so that it can be checked against PermenPANRB 38/2017 line by line.
"""

from __future__ import annotations

MANAJERIAL = "manajerial"
SOSIAL_KULTURAL = "sosial_kultural"

PERMENPANRB_38_2017 = [
    (
        "M.1",
        "Integritas",
        MANAJERIAL,
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur dalam "
        "hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, menciptakan "
        "budaya etika tinggi, bertanggung jawab atas tindakan atau keputusan beserta risiko yang "
        "menyertainya.",
        [
            (
                "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi",
                [
                    "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
                    "Melaksanakan peraturan, kode etik organisasi dalam lingkungan kerja sehari-hari, pada "
                    "tataran individu/pribadi.",
                    "Tidak menjanjikan/memberikan sesuatu yang bertentangan dengan aturan organisasi.",
                ],
            ),
            (
                "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika "
                "organisasi",
                [
                    "Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika organisasi "
                    "dalam segala situasi dan kondisi.",
                    "Mengajak orang lain untuk bertindak sesuai etika dan kode etik.",
                    "Menerapkan norma-norma secara konsisten dalam setiap situasi, pada unit kerja "
                    "terkecil/kelompok kerjanya.",
                    "Memberikan informasi yang dapat dipercaya sesuai dengan etika organisasi.",
                ],
            ),
            (
                "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai "
                "nilai, norma, dan etika organisasi, dalam lingkup formal",
                [
                    "Memastikan anggota yang dipimpin bertindak sesuai dengan nilai, norma, dan etika "
                    "organisasi dalam segala situasi dan kondisi.",
                    "Mampu memberi apresiasi dan teguran bagi anggota yang dipimpin agar bertindak selaras "
                    "dengan nilai, norma, dan etika organisasi dalam segala situasi dan kondisi.",
                    "Melakukan monitoring dan evaluasi terhadap penerapan sikap integritas di dalam unit kerja "
                    "yang dipimpin.",
                ],
            ),
            (
                "Mampu menciptakan situasi kerja yang mendorong kepatuhan pada nilai, norma, dan etika "
                "organisasi",
                [
                    "Menciptakan situasi kerja yang mendorong seluruh pemangku kepentingan mematuhi nilai, "
                    "norma, dan etika organisasi dalam segala situasi dan kondisi.",
                    "Mendukung dan menerapkan prinsip moral dan standar etika yang tinggi, serta berani "
                    "menanggung konsekuensinya.",
                    "Berani melakukan koreksi atau mengambil tindakan atas penyimpangan kode etik/nilai-nilai "
                    "yang dilakukan oleh orang lain, pada tataran lingkup kerja setingkat instansi meskipun "
                    "ada risiko.",
                ],
            ),
            (
                "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional",
                [
                    "Mempertahankan tingkat standar keadilan dan etika yang tinggi dalam perkataan dan "
                    "tindakan sehari-hari yang dipatuhi oleh seluruh pemangku kepentingan pada lingkup "
                    "instansi yang dipimpinnya.",
                    "Menjadi role model/keteladanan dalam penerapan standar keadilan dan etika yang tinggi di "
                    "tingkat nasional.",
                    "Membuat konsep kebijakan dan strategi penerapan sikap integritas dalam pelaksanaan tugas "
                    "dan norma-norma yang sejalan dengan nilai strategis organisasi.",
                ],
            ),
        ],
    ),
    (
        "M.2",
        "Kerja Sama",
        MANAJERIAL,
        "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen saling "
        "membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya untuk mencapai tujuan "
        "strategis organisasi.",
        [
            (
                "Berpartisipasi dalam kelompok kerja",
                [
                    "Berpartisipasi sebagai anggota tim yang baik, melakukan tugas/bagiannya, dan mendukung "
                    "keputusan tim.",
                    "Mendengarkan dan menghargai masukan dari orang lain dan memberikan usulan-usulan bagi "
                    "kepentingan tim.",
                    "Mampu menjalin interaksi sosial untuk penyelesaian tugas.",
                ],
            ),
            (
                "Menumbuhkan tim kerja yang partisipatif dan efektif",
                [
                    "Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim.",
                    "Berbagi informasi yang relevan atau bermanfaat pada anggota tim; mempertimbangkan masukan "
                    "dan keahlian anggota dalam tim/kelompok kerja serta bersedia untuk belajar dari orang lain.",
                    "Membangun komitmen yang tinggi untuk menyelesaikan tugas tim.",
                ],
            ),
            (
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
                [
                    "Melihat kekuatan/kelemahan anggota tim, membentuk tim yang tepat, mengantisipasi "
                    "kemungkinan hambatan, dan mencari solusi yang optimal.",
                    "Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan anggota "
                    "tim/kelompok, bernegosiasi secara efektif untuk upaya penyelesaian pekerjaan yang menjadi "
                    "target kinerja kelompok dan/atau unit kerja.",
                    "Membangun aliansi dengan para pemangku kepentingan dalam rangka mendukung penyelesaian "
                    "target kerja kelompok.",
                ],
            ),
            (
                "Membangun komitmen tim, sinergi",
                [
                    "Membangun sinergi antarunit kerja di lingkup instansi yang dipimpin.",
                    "Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta sinergi "
                    "dalam rangka pencapaian target kerja organisasi.",
                    "Mengembangkan sistem yang menghargai kerja sama antarunit, memberikan dukungan/semangat "
                    "untuk memastikan tercapainya sinergi dalam rangka pencapaian target kerja organisasi.",
                ],
            ),
            (
                "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi",
                [
                    "Menciptakan hubungan kerja yang konstruktif dengan menerapkan norma/etos/nilai-nilai kerja "
                    "yang baik di dalam dan di luar organisasi; meningkatkan produktivitas dan menjadi panutan "
                    "dalam organisasi.",
                    "Secara konsisten menjaga sinergi agar pemangku kepentingan dapat bekerja sama dengan orang "
                    "di dalam maupun di luar organisasi.",
                    "Membangun konsensus untuk menggabungkan sumber daya dari berbagai pemangku kepentingan "
                    "untuk tujuan bangsa dan negara.",
                ],
            ),
        ],
    ),
    (
        "M.3",
        "Komunikasi",
        MANAJERIAL,
        "Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai argumentasi yang "
        "logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; memastikan pemahaman; "
        "mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan dan membujuk orang lain dalam rangka "
        "mencapai tujuan organisasi.",
        [
            (
                "Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
                [
                    "Menyampaikan informasi (data), pikiran atau pendapat dengan jelas, singkat dan tepat "
                    "dengan menggunakan cara/media yang sesuai dan mengikuti alur yang logis.",
                    "Memastikan pemahaman yang sama atas instruksi yang diterima/diberikan.",
                    "Mampu melaksanakan kegiatan surat-menyurat sesuai tata naskah organisasi.",
                ],
            ),
            (
                "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, "
                "menginterpretasikan pesan dengan respons yang sesuai, mampu menyusun materi presentasi, "
                "pidato, naskah, laporan, dan lain-lain",
                [
                    "Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional.",
                    "Mendengarkan pihak lain secara aktif; menangkap dan menginterpretasikan pesan-pesan dari "
                    "orang lain, serta memberikan respons yang sesuai.",
                    "Membuat materi presentasi, pidato, draf naskah, laporan, dan lain-lain sesuai arahan "
                    "pimpinan.",
                ],
            ),
            (
                "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan "
                "informasi yang sensitif/rumit/kompleks",
                [
                    "Menyampaikan suatu informasi yang sensitif/rumit dengan cara penyampaian dan kondisi yang "
                    "tepat, sehingga dapat dipahami dan diterima oleh pihak lain.",
                    "Menyederhanakan topik yang rumit dan sensitif sehingga lebih mudah dipahami dan diterima "
                    "orang lain.",
                    "Membuat laporan tahunan/periodik/naskah/dokumen/proposal yang kompleks; membuat surat "
                    "resmi yang sistematis dan tidak menimbulkan pemahaman yang berbeda; membuat proposal yang "
                    "rinci dan lengkap.",
                ],
            ),
            (
                "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong "
                "kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan",
                [
                    "Mengintegrasikan informasi-informasi penting dari berbagai sumber dengan pihak lain untuk "
                    "mendapatkan pemahaman yang sama.",
                    "Menuangkan pemikiran/konsep dari berbagai sudut pandang/multidimensi dalam bentuk tulisan "
                    "formal.",
                    "Menyampaikan informasi secara persuasif untuk mendorong pemangku kepentingan sepakat pada "
                    "langkah-langkah bersama dengan tujuan meningkatkan kinerja secara keseluruhan.",
                ],
            ),
            (
                "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan "
                "meningkatkan kinerja",
                [
                    "Menghilangkan hambatan komunikasi, mampu berkomunikasi dalam isu-isu nasional yang "
                    "memiliki risiko tinggi, menggalang hubungan dalam skala strategis di tingkat nasional.",
                    "Menggunakan saluran komunikasi formal dan nonformal guna mencapai kesepakatan dengan "
                    "tujuan meningkatkan kinerja di tingkat instansi/nasional.",
                    "Menggagas sistem komunikasi dengan melibatkan pemangku kepentingan sejak dini untuk "
                    "mencari solusi dengan tujuan meningkatkan kinerja di tingkat instansi/nasional.",
                ],
            ),
        ],
    ),
    (
        "M.4",
        "Orientasi pada Hasil",
        MANAJERIAL,
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, "
        "bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan "
        "keterhubungan antara perencanaan dan hasil, untuk keberhasilan organisasi.",
        [
            (
                "Bertanggung jawab untuk memenuhi standar kerja",
                [
                    "Menyelesaikan tugas dengan tuntas; dapat diandalkan.",
                    "Bekerja dengan teliti dan hati-hati guna meminimalkan kesalahan dengan mengacu pada "
                    "standar kualitas (SOP).",
                    "Bersedia menerima masukan, mengikuti contoh cara bekerja yang lebih efektif, efisien di "
                    "lingkungan kerjanya.",
                ],
            ),
            (
                "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, "
                "mencari, mencoba metode alternatif untuk peningkatan kinerja",
                [
                    "Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari standar "
                    "kerja yang ditetapkan organisasi.",
                    "Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya.",
                    "Memberi contoh kepada orang-orang di unit kerjanya untuk mencoba menerapkan metode kerja "
                    "yang lebih efektif yang sudah dilakukannya.",
                ],
            ),
            (
                "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk "
                "mendorong kinerja",
                [
                    "Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan organisasi.",
                    "Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya.",
                    "Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target kerja "
                    "unitnya.",
                ],
            ),
            (
                "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya",
                [
                    "Mendorong unit kerja di tingkat instansi untuk mencapai kinerja yang melebihi target yang "
                    "ditetapkan.",
                    "Memantau dan mengevaluasi hasil kerja unitnya agar selaras dengan sasaran strategis "
                    "instansi.",
                    "Mendorong pemanfaatan sumber daya bersama antarunit kerja dalam rangka meningkatkan "
                    "efektivitas dan efisiensi pencapaian target organisasi.",
                ],
            ),
            (
                "Meningkatkan mutu pencapaian kerja organisasi",
                [
                    "Memastikan kualitas sesuai standar dan keberlanjutan hasil kerja organisasi yang memberi "
                    "kontribusi pada pencapaian target prioritas nasional.",
                    "Memastikan tersedianya sumber daya organisasi untuk menjamin tercapainya target prioritas "
                    "instansi/nasional.",
                    "Membuat kebijakan untuk menerapkan metode kerja yang lebih efektif-efisien dalam mencapai "
                    "tujuan prioritas nasional.",
                ],
            ),
        ],
    ),
    (
        "M.5",
        "Pelayanan Publik",
        MANAJERIAL,
        "Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan pemenuhan kebutuhan "
        "pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, "
        "tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan "
        "pribadi/kelompok/golongan/partai politik.",
        [
            (
                "Menjalankan tugas mengikuti standar pelayanan",
                [
                    "Mampu mengerjakan tugas-tugas dengan mengikuti standar pelayanan yang objektif, netral, "
                    "tidak memihak, tidak diskriminatif, transparan dan tidak terpengaruh kepentingan "
                    "pribadi/kelompok/partai politik.",
                    "Melayani kebutuhan, permintaan dan keluhan pemangku kepentingan.",
                    "Menyelesaikan masalah dengan tepat tanpa bersikap membela diri dalam kapasitas sebagai "
                    "pelaksana pelayanan publik.",
                ],
            ),
            (
                "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas "
                "pemerintahan/pelayanan publik secara transparan",
                [
                    "Menunjukkan sikap yakin dalam mengerjakan tugas-tugas pemerintahan/pelayanan publik, mampu "
                    "menyelia dan menjelaskan secara objektif bila ada yang mempertanyakan kebijakan yang "
                    "diambil.",
                    "Secara aktif mencari informasi untuk mengenali kebutuhan pemangku kepentingan agar dapat "
                    "menjalankan pelaksanaan tugas pemerintahan, pembangunan dan pelayanan publik secara cepat "
                    "dan tanggap.",
                    "Mampu mengenali dan memanfaatkan kebiasaan, tata cara, situasi tertentu sehingga apa yang "
                    "disampaikan menjadi perhatian pemangku kepentingan dalam hal penyelesaian tugas-tugas "
                    "pemerintahan, pembangunan dan pelayanan publik.",
                ],
            ),
            (
                "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup "
                "unit kerja",
                [
                    "Memahami, mendeskripsikan pengaruh dan hubungan/kekuatan kelompok yang sedang berjalan di "
                    "organisasi (aliansi atau persaingan), dan dampaknya terhadap unit kerja untuk menjalankan "
                    "tugas pemerintahan secara profesional dan netral, tidak memihak.",
                    "Menggunakan keterampilan dan pemahaman lintas organisasi untuk secara efektif "
                    "memfasilitasi kebutuhan kelompok yang lebih besar dengan cara-cara yang mengikuti standar "
                    "objektif, transparan, profesional, sehingga tidak merugikan para pihak di lingkup "
                    "pelayanan publik unit kerjanya.",
                    "Mengimplementasikan cara-cara yang efektif untuk memantau dan mengevaluasi masalah yang "
                    "dihadapi pemangku kepentingan/masyarakat serta mengantisipasi kebutuhan mereka saat "
                    "menjalankan tugas pelayanan publik di unit kerjanya.",
                ],
            ),
            (
                "Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak dari isu-isu jangka "
                "panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan pemangku kepentingan "
                "yang transparan, objektif, dan profesional",
                [
                    "Memahami dan memberi perhatian kepada isu-isu jangka panjang, kesempatan atau kekuatan "
                    "politik yang memengaruhi organisasi dalam hubungannya dengan dunia luar, memperhitungkan "
                    "dan mengantisipasi dampak terhadap pelaksanaan tugas-tugas pelayanan publik secara "
                    "objektif, transparan, dan profesional dalam lingkup organisasi.",
                    "Menjaga agar kebijakan pelayanan publik yang diselenggarakan oleh instansinya telah "
                    "selaras dengan standar pelayanan yang objektif, netral, tidak memihak, tidak "
                    "diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.",
                    "Menerapkan strategi jangka panjang yang berfokus pada pemenuhan kebutuhan pemangku "
                    "kepentingan dalam menyusun kebijakan dengan mengikuti standar objektif, netral, tidak "
                    "memihak, tidak diskriminatif, transparan, tidak terpengaruh kepentingan pribadi/kelompok.",
                ],
            ),
            (
                "Mampu memastikan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya "
                "pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak "
                "terpengaruh kepentingan pribadi/kelompok/partai politik",
                [
                    "Mampu menciptakan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya "
                    "pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak "
                    "terpengaruh kepentingan pribadi/kelompok/partai politik.",
                    "Menginternalisasikan nilai dan semangat pelayanan publik yang mengikuti standar objektif, "
                    "netral, tidak memihak, tidak diskriminatif, transparan, tidak terpengaruh kepentingan "
                    "pribadi/kelompok kepada setiap individu di lingkungan instansi/nasional.",
                    "Menjamin terselenggaranya pelayanan publik yang objektif, netral, tidak memihak, tidak "
                    "diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik.",
                ],
            ),
        ],
    ),
    (
        "M.6",
        "Pengembangan Diri dan Orang Lain",
        MANAJERIAL,
        "Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang "
        "lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan "
        "pekerjaan dan pengembangan karier jangka panjang, mendorong kemauan belajar sepanjang hidup, "
        "memberikan saran/bantuan, umpan balik, bimbingan untuk membantu orang lain untuk mengembangkan "
        "potensi dirinya.",
        [
            (
                "Pengembangan diri",
                [
                    "Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta metodologi "
                    "pembelajaran yang diperlukan.",
                    "Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari berbagai "
                    "media pembelajaran.",
                    "Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan luas di "
                    "dalam organisasi.",
                ],
            ),
            (
                "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan "
                "suatu pekerjaan",
                [
                    "Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan dan petunjuk "
                    "praktis yang jelas kepada bawahan dalam menyelesaikan suatu pekerjaan.",
                    "Membantu bawahan untuk mempelajari proses, program atau sistem baru.",
                    "Menggunakan metode lain untuk meyakinkan bahwa orang lain telah memahami penjelasan atau "
                    "pengarahan.",
                ],
            ),
            (
                "Memberikan umpan balik, membimbing",
                [
                    "Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk "
                    "mengembangkan kemampuannya.",
                    "Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang objektif dan "
                    "jujur; melakukan diskusi dengan bawahan untuk memberikan bimbingan dan umpan balik yang "
                    "berguna bagi bawahan.",
                    "Mendorong kepercayaan diri bawahan; memberikan kepercayaan penuh pada bawahan untuk "
                    "mengerjakan tugas dengan caranya sendiri; memberi kesempatan dan membantu bawahan "
                    "menemukan peluang untuk berkembang.",
                ],
            ),
            (
                "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran",
                [
                    "Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk di "
                    "dalamnya penetapan tujuan, bimbingan, penugasan dan pengalaman lainnya, serta "
                    "mengalokasikan waktu untuk mengikuti pelatihan/pendidikan/pengembangan kompetensi dan "
                    "karier.",
                    "Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran "
                    "organisasi.",
                    "Mengembangkan orang-orang di sekitarnya secara konsisten, melakukan kaderisasi untuk "
                    "posisi-posisi di unit kerjanya.",
                ],
            ),
            (
                "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara "
                "berkelanjutan dalam rangka mendukung pencapaian hasil",
                [
                    "Menciptakan situasi yang mendorong individu, kelompok, unit kerja untuk mengembangkan "
                    "kemampuan belajar secara berkelanjutan di tingkat instansi.",
                    "Merekomendasikan/memberikan penghargaan bagi upaya pengembangan yang berhasil, memastikan "
                    "dukungan bagi orang lain dalam mengembangkan kemampuan dalam unit kerja di tingkat "
                    "instansi.",
                    "Memberikan inspirasi kepada individu atau kelompok untuk belajar secara berkelanjutan "
                    "dalam penerapan di tingkat instansi.",
                ],
            ),
        ],
    ),
    (
        "M.7",
        "Mengelola Perubahan",
        MANAJERIAL,
        "Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara "
        "berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan "
        "inisiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan "
        "perubahan berhasil diimplementasikan secara efektif.",
        [
            (
                "Mengikuti perubahan dengan arahan",
                [
                    "Sadar mengenai perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri dengan "
                    "perubahan tersebut.",
                    "Mengikuti perubahan secara terbuka sesuai petunjuk/pedoman.",
                    "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru dengan bimbingan orang "
                    "lain.",
                ],
            ),
            (
                "Proaktif beradaptasi mengikuti perubahan",
                [
                    "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru selaras dengan ketentuan "
                    "yang berlaku tanpa arahan orang lain.",
                    "Mengembangkan kemampuan diri untuk menghadapi perubahan.",
                    "Cepat dan tanggap dalam menerima perubahan.",
                ],
            ),
            (
                "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
                [
                    "Membantu orang lain dalam melakukan perubahan.",
                    "Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan.",
                    "Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat; memberikan "
                    "solusi efektif terhadap masalah yang ditimbulkan oleh adanya perubahan.",
                ],
            ),
            (
                "Memimpin perubahan pada unit kerja",
                [
                    "Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk memitigasi "
                    "risiko yang mungkin terjadi.",
                    "Memastikan perubahan sudah diterapkan secara aktif di lingkup unit kerjanya secara "
                    "berkala.",
                    "Memimpin dan memastikan penerapan program-program perubahan selaras antarunit kerja.",
                ],
            ),
            (
                "Memimpin, menggalang dan menggerakkan dukungan pemangku kepentingan untuk menjalankan "
                "perubahan secara berkelanjutan pada tingkat instansi/nasional",
                [
                    "Membuat kebijakan-kebijakan yang mendorong perubahan yang berdampak pada pencapaian "
                    "sasaran prioritas nasional.",
                    "Menggalang dan menggerakkan dukungan para pemangku kepentingan untuk mengimplementasikan "
                    "perubahan yang telah ditetapkan.",
                    "Secara berkelanjutan, mencari cara-cara baru untuk memberi nilai tambah bagi perubahan "
                    "yang tengah dijalankan agar memberi manfaat yang lebih besar bagi para pemangku "
                    "kepentingan.",
                ],
            ),
        ],
    ),
    (
        "M.8",
        "Pengambilan Keputusan",
        MANAJERIAL,
        "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah "
        "mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan saksama berdasarkan "
        "berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas "
        "keputusan yang diambil.",
        [
            (
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan",
                [
                    "Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi.",
                    "Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan.",
                    "Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin "
                    "berdasarkan kebijakan dan prosedur yang telah ditentukan.",
                ],
            ),
            (
                "Menganalisis masalah secara mendalam",
                [
                    "Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya mencari "
                    "solusi.",
                    "Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan.",
                    "Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber informasi sesuai "
                    "dengan pedoman yang ada.",
                ],
            ),
            (
                "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi",
                [
                    "Membandingkan berbagai alternatif tindakan dan implikasinya.",
                    "Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada "
                    "alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, saksama, "
                    "mengikuti prinsip kehati-hatian.",
                    "Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya.",
                ],
            ),
            (
                "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat "
                "tindakan pengamanan; mitigasi risiko",
                [
                    "Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan beberapa/seluruh "
                    "fungsi dalam organisasi.",
                    "Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang kerjanya "
                    "yang berdampak pada pihak lain.",
                    "Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan "
                    "penanganannya (mitigasi risiko).",
                ],
            ),
            (
                "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka "
                "panjang/strategis, berdampak nasional",
                [
                    "Menghasilkan solusi yang dapat mengatasi permasalahan jangka panjang.",
                    "Menghasilkan solusi strategis yang berdampak pada tataran instansi/nasional.",
                    "Membuat keputusan atau kebijakan yang berdampak nasional dengan memitigasi risiko yang "
                    "mungkin timbul.",
                ],
            ),
        ],
    ),
    (
        "SK.1",
        "Perekat Bangsa",
        SOSIAL_KULTURAL,
        "Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan "
        "individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan "
        "masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan "
        "Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta "
        "di antara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa "
        "persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa dan bernegara Indonesia.",
        [
            (
                "Peka memahami dan menerima kemajemukan",
                [
                    "Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat.",
                    "Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat.",
                    "Mampu bekerja bersama dengan individu yang berbeda latar belakang dengannya.",
                ],
            ),
            (
                "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
                [
                    "Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan menghargai "
                    "perbedaan.",
                    "Membangun hubungan baik antarindividu dalam organisasi, mitra kerja, pemangku "
                    "kepentingan.",
                    "Bersikap tenang, mampu mengendalikan emosi, kemarahan dan frustrasi dalam menghadapi "
                    "pertentangan yang ditimbulkan oleh perbedaan latar belakang, agama/kepercayaan, suku, "
                    "gender, sosial ekonomi, preferensi politik di lingkungan unit kerjanya.",
                ],
            ),
            (
                "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
                [
                    "Mempromosikan sikap menghargai perbedaan di antara orang-orang yang mendorong toleransi "
                    "dan keterbukaan.",
                    "Melakukan pemetaan sosial di masyarakat sehingga dapat memberikan respons yang sesuai "
                    "dengan budaya yang berlaku; mengidentifikasi potensi kesalahpahaman yang diakibatkan "
                    "adanya keragaman budaya yang ada.",
                    "Menjadi mediator untuk menyelesaikan konflik atau mengurangi dampak negatif dari konflik "
                    "atau potensi konflik.",
                ],
            ),
            (
                "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas "
                "organisasi",
                [
                    "Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat untuk "
                    "senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima segala bentuk "
                    "perbedaan dalam kehidupan bermasyarakat.",
                    "Mampu mendayagunakan perbedaan latar belakang, agama/kepercayaan, suku, gender, sosial "
                    "ekonomi, preferensi politik untuk mencapai kelancaran pencapaian tujuan organisasi.",
                    "Mampu membuat program yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, "
                    "suku, gender, sosial ekonomi, preferensi politik.",
                ],
            ),
            (
                "Wakil pemerintah untuk membangun hubungan sosial psikologis",
                [
                    "Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan masyarakat "
                    "sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta di "
                    "antara para pemangku kepentingan itu sendiri.",
                    "Mampu mengomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan tindakan "
                    "korektif berdasarkan pertimbangan perbedaan latar belakang, agama/kepercayaan, suku, "
                    "gender, sosial ekonomi, preferensi politik untuk membangun hubungan jangka panjang.",
                    "Mampu membuat kebijakan yang mengakomodasi perbedaan latar belakang, agama/kepercayaan, "
                    "suku, gender, sosial ekonomi, preferensi politik yang berdampak positif secara nasional.",
                ],
            ),
        ],
    ),
]
