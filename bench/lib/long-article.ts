import type { ArticleContent, Block } from '../../src/articles/model/content.js';

/**
 * The body of issue 17's side-by-side benchmarks: a long news article (~8 KB as JSON, 20 blocks
 * with headings, quotes and sources), written for the benchmarks; people and figures are fictional.
 */
export const longArticleContent: ArticleContent = {
  headline: 'Tangsel Operasikan Tempat Pengolahan Sampah Terpadu Baru, Beban TPA Cipeucang Diklaim Turun 40 Persen',
  dek: 'Fasilitas di Serpong itu mengolah 350 ton sampah per hari menjadi kompos, bahan bakar padat, dan bahan daur ulang. Warga sekitar meminta jaminan soal bau dan lalu lintas truk.',
  dateline: 'Tangerang Selatan, IDN Times',
  language: 'id',
  body: [
    {
      type: 'paragraph',
      text: 'Pemerintah Kota Tangerang Selatan mulai mengoperasikan tempat pengolahan sampah terpadu (TPST) di Kelurahan Setu, Serpong, pada Senin (3/2/2025). Fasilitas seluas 4,2 hektare itu dirancang mengolah hingga 350 ton sampah rumah tangga per hari, atau sekitar sepertiga dari sampah yang setiap hari dihasilkan warga kota berpenduduk 1,4 juta jiwa tersebut. Wali kota menyebut pengoperasian TPST sebagai bagian dari rencana jangka menengah untuk menghentikan pembuangan sampah tanpa pengolahan ke TPA paling lambat 2029, sesuai target nasional pengelolaan sampah.',
    },
    {
      type: 'paragraph',
      text: 'Peresmian dilakukan setelah uji coba selama tiga bulan. Selama masa itu, menurut Dinas Lingkungan Hidup (DLH), jumlah truk yang membuang sampah ke Tempat Pemrosesan Akhir (TPA) Cipeucang berkurang dari rata-rata 210 menjadi 126 rit per hari. Penurunan itu yang kemudian diklaim pemerintah kota sebagai pengurangan beban TPA hingga 40 persen. DLH mencatat, selama uji coba fasilitas itu menghasilkan 1.860 ton kompos, 2.400 ton RDF, dan 610 ton plastik serta logam yang terjual ke pengepul. Angka tersebut belum diaudit pihak independen dan akan diumumkan kembali setelah enam bulan operasi penuh.',
    },
    { type: 'heading', text: '1. Sampah dipilah sebelum diolah' },
    {
      type: 'paragraph',
      text: 'Sampah yang masuk lebih dulu melewati dua lini pemilahan mekanis. Sampah organik dari pasar dan rumah tangga dipisahkan untuk dijadikan kompos, plastik dan logam dipres untuk dijual ke industri daur ulang, sedangkan sisanya dicacah dan dikeringkan menjadi bahan bakar padat atau refuse-derived fuel (RDF) yang akan dipasok ke pabrik semen di Bogor. Bahan bakar padat itu menggantikan sebagian batu bara di tungku pabrik. Kontrak pembeliannya berlaku lima tahun, dengan syarat kadar air RDF tidak lebih dari 20 persen agar pembakarannya stabil.',
    },
    {
      type: 'quote',
      text: 'Yang kami kejar bukan hanya memindahkan sampah dari satu tempat ke tempat lain. Setiap ton yang bisa kami ubah menjadi kompos atau bahan bakar adalah satu ton yang tidak lagi menambah tinggi gunungan di Cipeucang.',
      attribution: 'Wahyu Kurniawan',
      role: 'Kepala Dinas Lingkungan Hidup Kota Tangerang Selatan',
    },
    {
      type: 'paragraph',
      text: 'Wahyu menjelaskan, kapasitas pemilahan saat ini baru terpakai sekitar 70 persen karena sebagian besar sampah yang datang masih tercampur. Pemerintah kota menargetkan seluruh 54 kelurahan memiliki bank sampah aktif pada akhir tahun agar pemilahan dimulai dari rumah, sehingga kualitas kompos dan RDF yang dihasilkan lebih baik. Warga yang menyetorkan sampah terpilah ke bank sampah akan mendapat potongan retribusi kebersihan, skema yang sedang disusun bersama kelurahan dan akan diuji lebih dulu di Serpong dan Setu.',
    },
    { type: 'heading', text: '2. Dibangun dengan skema kerja sama' },
    {
      type: 'paragraph',
      text: 'Pembangunan TPST menelan biaya Rp186 miliar yang ditanggung bersama melalui skema kerja sama pemerintah dan badan usaha. Pemerintah kota menyediakan lahan dan membayar biaya layanan pengolahan sebesar Rp245 ribu per ton, sementara mitra swasta membangun dan mengoperasikan fasilitas selama 20 tahun sebelum diserahkan kembali kepada pemerintah.',
    },
    {
      type: 'paragraph',
      text: 'Anggota Komisi IV DPRD Tangerang Selatan, Melati Hasibuan, meminta pemerintah kota membuka hitungan biaya layanan tersebut kepada publik. Menurutnya, kontrak jangka panjang semacam ini harus disertai laporan kinerja yang bisa diperiksa warga, termasuk berapa ton sampah yang benar-benar diolah setiap bulan dan berapa yang tetap berakhir di TPA. Ia juga meminta agar dokumen kontrak dan hasil uji emisi dipublikasikan di situs resmi pemerintah kota, bukan hanya dibacakan dalam rapat dengar pendapat.',
    },
    {
      type: 'quote',
      text: 'Kami mendukung pengolahan sampah, tetapi uang yang dibayarkan setiap bulan itu uang rakyat. Angkanya harus terbuka dan bisa dicek, jangan sampai kita membayar untuk sampah yang ternyata tetap dibuang ke Cipeucang.',
      attribution: 'Melati Hasibuan',
      role: 'Anggota Komisi IV DPRD Kota Tangerang Selatan',
    },
    { type: 'heading', text: '3. Warga khawatirkan bau dan truk' },
    {
      type: 'paragraph',
      text: 'Di sekitar lokasi, sebagian warga menyambut fasilitas itu dengan hati-hati. Ketua RW 04 Kelurahan Setu, Bambang Sutrisno, mengatakan warganya masih mencium bau menyengat pada beberapa malam selama uji coba, terutama saat hujan. Ia juga mengeluhkan truk sampah yang melintas di jalan lingkungan pada jam berangkat sekolah. Menurut Bambang, sejumlah ruas jalan di permukimannya mulai retak dan berlubang sejak truk bermuatan berat rutin melintas, sementara saluran air di tepi jalan beberapa kali tersumbat ceceran sampah.',
    },
    {
      type: 'quote',
      text: 'Kami tidak menolak, karena sampah memang harus diurus. Tapi kami minta ada jadwal truk yang jelas, jalannya diperbaiki, dan kalau bau muncul lagi ada nomor pengaduan yang benar-benar diangkat.',
      attribution: 'Bambang Sutrisno',
      role: 'Ketua RW 04 Kelurahan Setu',
    },
    {
      type: 'paragraph',
      text: 'Menanggapi keluhan itu, pengelola TPST menyatakan telah memasang sistem penyaring udara dan tirai tekanan negatif di gedung penerimaan sampah. Truk pengangkut juga diwajibkan melewati jalur khusus dari Jalan Raya Puspiptek dan dilarang masuk pada pukul 06.00 hingga 08.00 WIB, saat anak-anak berangkat ke sekolah. Pengelola juga berjanji memperbaiki jalan lingkungan sepanjang 1,2 kilometer yang dilalui truk sebelum musim hujan berakhir dan memasang sensor bau di tiga titik permukiman, yang datanya dapat dipantau warga secara daring.',
    },
    { type: 'heading', text: '4. Cipeucang belum bisa ditutup' },
    {
      type: 'paragraph',
      text: 'Meski bebannya berkurang, TPA Cipeucang belum bisa ditutup. Lokasi itu sempat menjadi sorotan setelah tanggul penahan sampahnya longsor ke aliran Sungai Cisadane pada 2020. Sejak itu, pemerintah kota membangun sel-sel penampungan baru dan instalasi pengolahan air lindi agar cairan dari tumpukan sampah tidak lagi mencemari sungai. Hasil pemantauan kualitas air yang dirilis DLH pada Januari menunjukkan kadar pencemar di hilir TPA menurun, meski pada musim hujan angkanya masih beberapa kali melampaui baku mutu.',
    },
    {
      type: 'paragraph',
      text: 'Pengamat tata kelola sampah dari sebuah universitas negeri di Depok, Rizky Ananda, menilai TPST hanya akan efektif bila diikuti pengurangan sampah dari sumbernya. Ia mengingatkan bahwa volume sampah perkotaan di Jabodetabek terus naik seiring pertumbuhan penduduk, sehingga kapasitas fasilitas baru bisa cepat terlampaui bila pemilahan di rumah tangga tidak berjalan.',
    },
    {
      type: 'quote',
      text: 'Fasilitas sebesar apa pun akan kewalahan kalau hulu dibiarkan. Pemilahan di rumah, pengurangan plastik sekali pakai, dan tarif retribusi yang adil harus berjalan bersamaan.',
      attribution: 'Rizky Ananda',
      role: 'Pengamat tata kelola persampahan',
    },
    {
      type: 'paragraph',
      text: 'Pemerintah kota berencana membangun dua TPST serupa di Pondok Aren dan Pamulang dalam lima tahun ke depan. Warga yang ingin menyampaikan keluhan terkait bau, kebisingan, atau lalu lintas truk di sekitar TPST Setu dapat menghubungi layanan pengaduan DLH melalui nomor WhatsApp yang tercantum di situs resmi pemerintah kota, yang menurut DLH dijawab setiap hari pukul 07.00 hingga 22.00 WIB.',
    },
  ],
  sources: [
    { name: 'Dinas Lingkungan Hidup Kota Tangerang Selatan', url: 'https://dlh.tangerangselatankota.go.id/contoh/tpst-setu' },
    { name: 'Antara', url: 'https://www.antaranews.com/berita/contoh/tpst-tangsel-mulai-beroperasi' },
    { name: 'DPRD Kota Tangerang Selatan' },
    { name: 'Kementerian Lingkungan Hidup', url: 'https://www.menlhk.go.id/contoh/data-timbulan-sampah' },
  ],
  topics: ['Tangerang Selatan', 'Sampah', 'Lingkungan', 'Pelayanan Publik'],
};

/**
 * `count` versions of the long article, each a real change from the one before it (the first
 * paragraph and the dek say which update it is): bodies prepared once, so that the load
 * generator spends its CPU on sending, not on building JSON.
 */
export function longArticleVersions(count: number): ArticleContent[] {
  return Array.from({ length: count }, (_, n) => ({
    ...longArticleContent,
    dek: `${longArticleContent.dek} (Pembaruan ${n + 1})`,
    body: longArticleContent.body.map((block, index): Block =>
      index === 0 && block.type === 'paragraph' ? { ...block, text: `${block.text} Pembaruan ke-${n + 1}.` } : block,
    ),
  }));
}
