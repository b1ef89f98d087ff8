import type { ArticleContent, Block } from '../../src/articles/model/content.js';

/**
 * A fixed small corpus for judging ranking (written for this project; people and events are
 * fictional): Indonesian news across several desks, a few English articles, and near misses that
 * share words with the judged queries without being what they ask for.
 */
export interface JudgedArticle {
  readonly id: string;
  readonly content: ArticleContent;
}

function article(
  id: string,
  headline: string,
  dek: string,
  paragraphs: readonly string[],
  topics: readonly string[],
  extra: { language?: string; quote?: { text: string; attribution: string; role?: string }; sources?: readonly string[] } = {},
): JudgedArticle {
  const body: Block[] = paragraphs.map((text) => ({ type: 'paragraph', text }));
  if (extra.quote !== undefined) body.splice(1, 0, { type: 'quote', ...extra.quote });
  return {
    id,
    content: {
      headline,
      dek,
      dateline: 'Jakarta, Redaksi',
      language: extra.language ?? 'id',
      body,
      sources: (extra.sources ?? ['Antara']).map((name) => ({ name })),
      topics,
    },
  };
}

export const JUDGED_CORPUS: readonly JudgedArticle[] = [
  // Armenia and Azerbaijan: a ceasefire and talks.
  article(
    'kaukasus-1',
    'Armenia dan Azerbaijan Sepakati Gencatan Senjata di Perbatasan',
    'Kesepakatan dicapai setelah perundingan tiga hari yang dimediasi sejumlah negara.',
    [
      'Armenia dan Azerbaijan menyepakati gencatan senjata yang berlaku mulai tengah malam waktu setempat.',
      'Kedua pihak berjanji menarik pasukan dari titik-titik rawan di sepanjang perbatasan.',
    ],
    ['Armenia', 'Azerbaijan'],
    { sources: ['Reuters'] },
  ),
  article(
    'kaukasus-2',
    'Gencatan Senjata Armenia-Azerbaijan Dilanggar, Dua Tentara Tewas',
    'Kedua negara saling menuduh memulai tembakan.',
    [
      'Gencatan senjata yang baru berlaku dua hari dilanggar di wilayah perbatasan selatan.',
      'Kementerian Pertahanan Azerbaijan menyebut pasukan Armenia menembak lebih dulu, tuduhan yang dibantah Yerevan.',
    ],
    ['Armenia', 'Azerbaijan'],
  ),
  article(
    'kaukasus-3',
    'Mediator Minta Armenia dan Azerbaijan Redakan Ketegangan',
    'Utusan khusus bertemu kedua menteri luar negeri secara terpisah.',
    [
      'Mediator internasional meminta kedua negara meredakan ketegangan dan kembali ke meja perundingan.',
      'Pertemuan lanjutan dijadwalkan pekan depan di Jenewa.',
    ],
    ['Armenia', 'Azerbaijan', 'Diplomasi'],
    {
      quote: {
        text: 'Kedua pihak harus menahan diri agar gencatan senjata bertahan.',
        attribution: 'Helena Markovic',
        role: 'Utusan khusus',
      },
    },
  ),
  article(
    'kaukasus-4',
    'Warga Perbatasan Azerbaijan Mulai Kembali ke Rumah',
    'Sekolah dibuka lagi setelah tiga pekan ditutup.',
    [
      'Ribuan pengungsi mulai kembali ke desa-desa di perbatasan setelah gencatan senjata bertahan sepekan.',
      'Pemerintah Azerbaijan menjanjikan bantuan perbaikan rumah yang rusak.',
    ],
    ['Azerbaijan'],
  ),
  article(
    'kaukasus-5',
    'Perundingan Damai Armenia-Azerbaijan Berlanjut di Jenewa',
    'Isu perbatasan dan tawanan perang menjadi agenda utama.',
    [
      'Delegasi kedua negara melanjutkan perundingan damai dengan agenda penetapan garis perbatasan.',
      'Para diplomat menilai gencatan senjata yang bertahan membuka peluang kesepakatan yang lebih luas.',
    ],
    ['Armenia', 'Azerbaijan', 'Diplomasi'],
  ),
  article(
    'en-kaukasus-1',
    'Armenia and Azerbaijan agree ceasefire on their border',
    'The truce follows three days of talks brokered by mediators.',
    [
      'Armenia and Azerbaijan agreed a ceasefire that took effect at midnight, officials said.',
      'Both sides pledged to pull troops back from flashpoints along the border.',
    ],
    ['Armenia', 'Azerbaijan'],
    { language: 'en', sources: ['Reuters'] },
  ),
  article(
    'en-kaukasus-2',
    'Ceasefire holds as Azerbaijani villagers return home',
    'Schools reopen after three weeks.',
    ['Thousands of displaced villagers returned to border villages as the ceasefire held for a week.'],
    ['Azerbaijan'],
    { language: 'en' },
  ),
  // Tension elsewhere: a near miss for the Caucasus queries.
  article(
    'ketegangan-dprd',
    'Wali Kota Bogor Berupaya Meredakan Ketegangan dengan DPRD',
    'Rapat anggaran sempat diwarnai aksi walk out.',
    [
      'Wali Kota Bogor mengundang pimpinan DPRD untuk meredakan ketegangan soal pembahasan anggaran.',
      'Fraksi oposisi menilai rancangan anggaran terlalu besar untuk belanja pegawai.',
    ],
    ['Bogor', 'Politik'],
  ),

  // Floods in Jakarta and around it.
  article(
    'banjir-1',
    'Banjir Rendam 40 RT di Jakarta Timur',
    'Kali Sunter meluap setelah hujan deras semalaman.',
    [
      'Banjir merendam 40 RT di Jakarta Timur setelah Kali Sunter meluap pada Selasa dini hari.',
      'Petugas mengevakuasi warga lanjut usia dengan perahu karet.',
    ],
    ['Banjir', 'Jakarta'],
  ),
  article(
    'banjir-2',
    'Pemprov Jakarta Siagakan 500 Pompa Air Hadapi Musim Hujan',
    'Dinas Sumber Daya Air menyiapkan petugas di setiap kecamatan.',
    [
      'Pemerintah Provinsi Jakarta menyiagakan 500 pompa air bergerak untuk mengantisipasi banjir.',
      'Warga di bantaran sungai diminta waspada terhadap banjir kiriman dari Bogor.',
    ],
    ['Banjir', 'Jakarta'],
  ),
  article(
    'banjir-3',
    'Ribuan Warga Jakarta Utara Mengungsi akibat Banjir Rob',
    'Air laut pasang merendam permukiman di pesisir.',
    [
      'Banjir rob merendam permukiman di pesisir Jakarta Utara setinggi setengah meter.',
      'Sebanyak 1.200 warga mengungsi ke posko di gedung sekolah.',
    ],
    ['Banjir', 'Jakarta'],
    {
      quote: {
        text: 'Air masuk rumah sejak subuh, kami tidak sempat menyelamatkan barang.',
        attribution: 'Siti Aminah',
        role: 'warga Muara Baru',
      },
    },
  ),
  article(
    'banjir-4',
    'Genangan Lumpuhkan Jalan Utama Jakarta Selatan',
    'Lalu lintas dialihkan ke jalur alternatif.',
    [
      'Genangan setinggi lutut melumpuhkan sejumlah ruas jalan di Jakarta Selatan setelah hujan lebat.',
      'Dinas Perhubungan mengalihkan arus kendaraan dan mengerahkan pompa untuk menyedot air, mencegah banjir meluas.',
    ],
    ['Banjir', 'Jakarta', 'Lalu Lintas'],
  ),
  article(
    'banjir-5',
    'Kebanjiran, Warga Kampung Melayu Minta Normalisasi Sungai Dipercepat',
    'Banjir kembali datang untuk ketiga kalinya tahun ini.',
    [
      'Warga Kampung Melayu, Jakarta Timur, kembali kebanjiran setelah Sungai Ciliwung meluap.',
      'Mereka meminta pemerintah mempercepat normalisasi sungai yang tertunda.',
    ],
    ['Banjir', 'Jakarta'],
  ),
  article(
    'banjir-bekasi',
    'Banjir Rendam Perumahan di Bekasi',
    'Tanggul Kali Bekasi jebol sepanjang 20 meter.',
    [
      'Banjir merendam ratusan rumah di sebuah perumahan di Bekasi setelah tanggul jebol.',
      'BPBD Kota Bekasi mendirikan dapur umum bagi para pengungsi.',
    ],
    ['Banjir', 'Bekasi'],
  ),
  article(
    'banjir-tangsel',
    'BPBD Tangsel Siagakan 12 Pompa Air Jelang Puncak Musim Hujan',
    'Warga bantaran Kali Angke diminta waspada.',
    ['BPBD Kota Tangerang Selatan menyiagakan 12 pompa air di titik rawan banjir.'],
    ['Banjir', 'Tangerang Selatan'],
  ),
  article(
    'jakarta-macet',
    'Kemacetan Jakarta Makin Parah Menjelang Libur Panjang',
    'Volume kendaraan naik dua kali lipat.',
    [
      'Kemacetan di sejumlah ruas tol dalam kota Jakarta makin parah menjelang libur panjang.',
      'Polisi menerapkan rekayasa lalu lintas di gerbang tol.',
    ],
    ['Jakarta', 'Lalu Lintas'],
  ),
  article(
    'en-banjir',
    'Floods force thousands from homes in North Jakarta',
    'High tides swamp the coastal district.',
    ['Tidal floods swamped homes in North Jakarta, forcing about 1,200 residents into shelters.'],
    ['Floods', 'Jakarta'],
    { language: 'en' },
  ),

  // Market fires.
  article(
    'kebakaran-1',
    'Kebakaran Hanguskan 80 Kios di Pasar Senen',
    'Api diduga berasal dari korsleting listrik.',
    [
      'Kebakaran melanda Pasar Senen, Jakarta Pusat, dan menghanguskan 80 kios pedagang pakaian.',
      'Sebanyak 20 unit mobil pemadam dikerahkan untuk memadamkan api.',
    ],
    ['Kebakaran', 'Jakarta'],
  ),
  article(
    'kebakaran-2',
    'Pasar Tradisional di Medan Terbakar, Pedagang Merugi Ratusan Juta',
    'Api baru padam setelah lima jam.',
    [
      'Pasar tradisional di pusat Kota Medan terbakar pada Rabu malam.',
      'Pedagang menaksir kerugian akibat kebakaran mencapai ratusan juta rupiah.',
    ],
    ['Kebakaran', 'Medan'],
  ),
  article(
    'kebakaran-3',
    'Pedagang Korban Kebakaran Pasar Direlokasi Sementara',
    'Pemerintah kota menyiapkan lapak darurat.',
    [
      'Para pedagang korban kebakaran pasar direlokasi ke lapak darurat di lahan parkir.',
      'Pembangunan kembali pasar ditargetkan selesai dalam enam bulan.',
    ],
    ['Kebakaran', 'Surabaya'],
  ),
  article(
    'kebakaran-4',
    'Polisi Selidiki Penyebab Kebakaran Pasar Kembang',
    'Sejumlah saksi telah diperiksa.',
    ['Polisi memeriksa lima saksi untuk mengungkap penyebab kebakaran Pasar Kembang.'],
    ['Kebakaran', 'Yogyakarta'],
  ),
  article(
    'kebakaran-hutan',
    'Kebakaran Hutan di Riau Meluas, Kabut Asap Selimuti Pekanbaru',
    'Jarak pandang turun hingga 200 meter.',
    ['Kebakaran hutan dan lahan di Riau meluas dan kabut asap mulai menyelimuti Pekanbaru.'],
    ['Kebakaran', 'Riau'],
  ),

  // Rice prices.
  article(
    'beras-1',
    'Harga Beras Naik Menjelang Ramadan',
    'Beras medium kini dijual Rp15.000 per kilogram.',
    [
      'Harga beras di pasar tradisional naik menjelang Ramadan akibat pasokan berkurang.',
      'Pedagang mengaku pembeli mulai mengurangi jumlah belanja.',
    ],
    ['Ekonomi', 'Pangan'],
  ),
  article(
    'beras-2',
    'Bulog Gelar Operasi Pasar untuk Menekan Harga Beras',
    'Beras dijual di bawah harga pasar di 50 titik.',
    ['Perum Bulog menggelar operasi pasar untuk menekan kenaikan harga beras di 50 titik.'],
    ['Ekonomi', 'Pangan'],
    {
      quote: {
        text: 'Stok beras kami cukup hingga akhir tahun, warga tidak perlu panik.',
        attribution: 'Rudi Hartono',
        role: 'Kepala Bulog Wilayah',
      },
    },
  ),
  article(
    'beras-3',
    'Petani Keluhkan Harga Gabah Anjlok saat Harga Beras Tinggi',
    'Selisih harga dinilai dinikmati tengkulak.',
    ['Petani di Karawang mengeluhkan harga gabah yang anjlok, sementara harga beras di pasar tetap tinggi.'],
    ['Ekonomi', 'Pertanian'],
  ),
  article(
    'beras-4',
    'Inflasi Februari Dipicu Kenaikan Harga Beras dan Cabai',
    'BPS mencatat inflasi bulanan 0,8 persen.',
    ['Badan Pusat Statistik mencatat kenaikan harga beras dan cabai menjadi penyumbang terbesar inflasi.'],
    ['Ekonomi'],
  ),
  article(
    'beras-impor',
    'Pemerintah Putuskan Impor Beras 500 Ribu Ton',
    'Impor ditujukan untuk memperkuat cadangan.',
    ['Pemerintah memutuskan mengimpor beras sebanyak 500 ribu ton untuk menjaga harga tetap stabil.'],
    ['Ekonomi', 'Pangan'],
  ),
  article(
    'cabai',
    'Harga Cabai Rawit Tembus Rp100.000 per Kilogram',
    'Cuaca buruk membuat panen gagal.',
    ['Harga cabai rawit di sejumlah pasar tembus Rp100.000 per kilogram karena gagal panen.'],
    ['Ekonomi', 'Pangan'],
  ),
  article(
    'en-beras',
    'Rice prices climb ahead of Ramadan',
    'Medium-grade rice now costs 15,000 rupiah a kilogram.',
    ['Rice prices at traditional markets rose ahead of Ramadan as supplies tightened.'],
    ['Economy'],
    { language: 'en' },
  ),

  // Earthquake.
  article(
    'gempa-1',
    'Gempa Magnitudo 6,2 Guncang Cianjur, Ratusan Rumah Rusak',
    'BMKG memastikan gempa tidak berpotensi tsunami.',
    ['Gempa bermagnitudo 6,2 mengguncang Cianjur dan merusak ratusan rumah.', 'Warga berhamburan keluar rumah saat guncangan terasa.'],
    ['Gempa', 'Cianjur'],
  ),
  article(
    'gempa-2',
    'Pengungsi Gempa Cianjur Butuh Tenda dan Air Bersih',
    'Posko pengungsian kekurangan selimut.',
    ['Ribuan pengungsi gempa di Cianjur membutuhkan tenda, air bersih, dan selimut.', 'Relawan mendirikan dapur umum di lapangan desa.'],
    ['Gempa', 'Cianjur'],
    { quote: { text: 'Kami tidur di luar karena takut gempa susulan.', attribution: 'Ujang Suryana', role: 'pengungsi' } },
  ),
  article(
    'gempa-3',
    'Gempa Susulan Masih Terjadi, Pengungsi Bertahan di Tenda',
    'BMKG mencatat 40 kali gempa susulan.',
    ['Gempa susulan masih terjadi sehingga para pengungsi memilih bertahan di tenda darurat.'],
    ['Gempa', 'Cianjur'],
  ),
  article(
    'gempa-4',
    'Sekolah Rusak akibat Gempa, Siswa Belajar di Tenda',
    'Dinas Pendidikan menyiapkan ruang kelas darurat.',
    ['Puluhan sekolah rusak akibat gempa sehingga siswa belajar di tenda.'],
    ['Gempa', 'Pendidikan'],
  ),
  article(
    'pengungsi-banjir',
    'Pengungsi Banjir di Bekasi Mulai Terserang Penyakit Kulit',
    'Posko kesehatan kewalahan.',
    ['Para pengungsi banjir di Bekasi mulai terserang gatal-gatal dan diare.'],
    ['Banjir', 'Kesehatan'],
  ),

  // Dengue.
  article(
    'dbd-1',
    'Kasus Demam Berdarah di Bandung Meningkat Tajam',
    'Dinas Kesehatan mencatat 900 kasus sejak Januari.',
    [
      'Kasus demam berdarah di Kota Bandung meningkat tajam dibandingkan tahun lalu.',
      'Warga diimbau menguras bak mandi dan menutup tempat penampungan air.',
    ],
    ['Kesehatan', 'Bandung'],
  ),
  article(
    'dbd-2',
    'Fogging Digencarkan untuk Tekan Demam Berdarah',
    'Pengasapan dilakukan di 30 kelurahan.',
    ['Dinas Kesehatan menggencarkan pengasapan untuk menekan penyebaran demam berdarah.'],
    ['Kesehatan'],
  ),
  article(
    'dbd-3',
    'Rumah Sakit Penuh, Pasien Demam Berdarah Dirawat di Lorong',
    'Jumlah pasien anak meningkat.',
    ['Sejumlah rumah sakit penuh sehingga pasien demam berdarah terpaksa dirawat di lorong.'],
    ['Kesehatan'],
    {
      quote: {
        text: 'Anak saya sudah tiga hari demam tinggi dan trombositnya turun.',
        attribution: 'Dewi Lestari',
        role: 'orang tua pasien',
      },
    },
  ),
  article(
    'demam-biasa',
    'Musim Pancaroba, Warga Diminta Waspadai Demam dan Flu',
    'Puskesmas mencatat kenaikan kunjungan.',
    ['Pergantian musim membuat banyak warga terserang demam dan flu, kata dokter puskesmas.'],
    ['Kesehatan'],
  ),

  // Corruption.
  article(
    'korupsi-1',
    'KPK Tetapkan Kepala Dinas PUPR Tersangka Korupsi Proyek Jalan',
    'Kerugian negara ditaksir Rp12 miliar.',
    ['Komisi Pemberantasan Korupsi menetapkan kepala dinas PUPR sebagai tersangka korupsi proyek jalan.'],
    ['Hukum', 'Korupsi'],
  ),
  article(
    'korupsi-2',
    'Sidang Korupsi Dana Desa Hadirkan Lima Saksi',
    'Terdakwa didakwa memperkaya diri sendiri.',
    ['Jaksa menghadirkan lima saksi dalam sidang kasus korupsi dana desa di Pengadilan Tipikor.'],
    ['Hukum', 'Korupsi'],
  ),
  article(
    'korupsi-sepakbola',
    'Pengurus Klub Sepak Bola Diperiksa dalam Kasus Korupsi Dana Hibah',
    'Penyidik menyita dokumen keuangan klub.',
    ['Penyidik memeriksa pengurus klub sepak bola terkait dugaan korupsi dana hibah dari pemerintah daerah.'],
    ['Hukum', 'Sepak Bola'],
  ),
  article(
    'korupsi-3',
    'Kejaksaan Tahan Tiga Tersangka Korupsi Pengadaan Alat Kesehatan',
    'Ketiganya ditahan 20 hari.',
    ['Kejaksaan menahan tiga tersangka korupsi pengadaan alat kesehatan di rumah sakit daerah.'],
    ['Hukum', 'Korupsi'],
  ),

  // Elections.
  article(
    'pemilu-1',
    'KPU Mulai Rekapitulasi Suara Pemilu Tingkat Kecamatan',
    'Rekapitulasi dijadwalkan rampung dalam sepekan.',
    ['Komisi Pemilihan Umum memulai rekapitulasi suara pemilu di tingkat kecamatan.'],
    ['Pemilu'],
  ),
  article(
    'pemilu-2',
    'Bawaslu Temukan 120 Dugaan Pelanggaran Kampanye',
    'Sebagian besar berupa alat peraga di tempat terlarang.',
    ['Badan Pengawas Pemilu menemukan 120 dugaan pelanggaran selama masa kampanye pemilu.'],
    ['Pemilu'],
  ),
  article(
    'pemilu-3',
    'Partisipasi Pemilih pada Pemilu Kali Ini Capai 82 Persen',
    'Angka itu tertinggi dalam dua dekade.',
    ['Partisipasi pemilih pada pemilu tahun ini mencapai 82 persen menurut KPU.'],
    ['Pemilu'],
  ),
  article(
    'pemilu-as',
    'Pemilu Amerika Serikat: Kandidat Saling Serang dalam Debat',
    'Debat terakhir digelar di Ohio.',
    ['Dua kandidat presiden Amerika Serikat saling serang dalam debat terakhir menjelang pemilu.'],
    ['Internasional', 'Pemilu'],
  ),

  // Football.
  article(
    'bola-1',
    'Timnas Indonesia Menang 2-0 atas Vietnam',
    'Dua gol dicetak pada babak kedua.',
    ['Tim nasional Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi di Stadion Gelora Bung Karno.'],
    ['Sepak Bola'],
  ),
  article(
    'bola-2',
    'Suporter Padati Stadion, Tiket Laga Timnas Ludes',
    'Panitia menambah layar lebar di luar stadion.',
    ['Tiket laga timnas ludes dalam hitungan jam dan suporter memadati stadion sejak siang.'],
    ['Sepak Bola'],
  ),
];
