import type { Actor } from '../../../kernel/identity.js';
import type { ArticleContent } from '../content.js';

/**
 * A realistic community news article (written for these tests; people are fictional) and the
 * cast around it. Shared with HTTP tests, so change it only in ways every test can live with.
 */
export const sampleArticleContent: ArticleContent = {
  headline: 'BPBD Tangsel Siagakan 12 Pompa Air Jelang Puncak Musim Hujan',
  dek: 'Warga di bantaran Kali Angke dan Kali Pesanggrahan diminta waspada karena hujan lebat diprakirakan berlanjut hingga akhir Februari.',
  dateline: 'Tangerang Selatan, IDN Times',
  language: 'id',
  body: [
    {
      type: 'paragraph',
      text: 'Badan Penanggulangan Bencana Daerah (BPBD) Kota Tangerang Selatan menyiagakan 12 pompa air bergerak di titik-titik rawan banjir menjelang puncak musim hujan. Langkah itu diambil setelah hujan deras pada Minggu (19/1/2025) merendam ratusan rumah di Kecamatan Pondok Aren dan Ciputat.',
    },
    { type: 'heading', text: '1. Pompa disiagakan di tujuh kecamatan' },
    {
      type: 'paragraph',
      text: 'Pompa-pompa tersebut ditempatkan di tujuh kecamatan, terutama di permukiman yang berada di sepanjang aliran Kali Angke dan Kali Pesanggrahan. Petugas berjaga selama 24 jam untuk memantau ketinggian muka air.',
    },
    {
      type: 'quote',
      text: 'Kami tidak mau kejadian pekan lalu terulang. Begitu debit air naik, pompa langsung kami operasikan dan warga kami kabari lewat pengeras suara masjid serta grup WhatsApp RT.',
      attribution: 'Rina Maharani',
      role: 'Juru bicara BPBD Kota Tangerang Selatan',
    },
    { type: 'heading', text: '2. BMKG prakirakan hujan lebat hingga akhir Februari' },
    {
      type: 'paragraph',
      text: 'Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memprakirakan hujan dengan intensitas sedang hingga lebat masih akan mengguyur wilayah Jabodetabek hingga akhir Februari, seperti dikutip dari Antara. Para ilmuwan juga menilai cuaca ekstrem makin sering melanda Asia Tenggara, sebagaimana dilansir Reuters.',
    },
    { type: 'heading', text: '3. Warga diminta menyiapkan tas siaga' },
    {
      type: 'paragraph',
      text: 'BPBD mengimbau warga menyiapkan tas siaga berisi dokumen penting, obat-obatan, dan senter, serta segera melapor ke layanan darurat 112 bila air mulai masuk ke permukiman.',
    },
  ],
  sources: [
    { name: 'Antara', url: 'https://www.antaranews.com/berita/contoh/bmkg-prakirakan-hujan-lebat-jabodetabek' },
    { name: 'Reuters', url: 'https://www.reuters.com/world/asia-pacific/example-extreme-weather-southeast-asia' },
  ],
  topics: ['Tangerang Selatan', 'Banjir', 'Cuaca Ekstrem'],
};

/** The same article after the desk's follow-up: two more pumps, and a new source. */
export const sampleRevisedContent: ArticleContent = {
  ...sampleArticleContent,
  headline: 'BPBD Tangsel Siagakan 14 Pompa Air Jelang Puncak Musim Hujan',
  body: sampleArticleContent.body.map((block, index) =>
    index === 2 && block.type === 'paragraph'
      ? {
          type: 'paragraph',
          text: 'Pompa-pompa tersebut ditempatkan di tujuh kecamatan, terutama di permukiman yang berada di sepanjang aliran Kali Angke dan Kali Pesanggrahan. Pada Selasa (21/1/2025), BPBD menambah dua pompa pinjaman dari Pemprov Banten sehingga totalnya menjadi 14 unit.',
        }
      : block,
  ),
  sources: [...sampleArticleContent.sources, { name: 'Pemerintah Provinsi Banten' }],
};

/** The slug the shell would reserve for the sample headline. */
export const sampleSlug = 'bpbd-tangsel-siagakan-12-pompa-air-jelang-puncak-musim-hujan';

export const sampleArticleId = '0b6f3c52-6d1e-4c8a-9f0e-2a7d5b1c9e43';
export const relatedArticleId = '7e2d9a14-3b5c-4f61-8d27-c0a9e6b4f815';

export const writer: Actor = { id: 'writer-dimas', displayName: 'Dimas Prasetyo', roles: ['writer'] };
export const otherWriter: Actor = { id: 'writer-sari', displayName: 'Sari Wulandari', roles: ['writer'] };
export const editor: Actor = { id: 'editor-ayu', displayName: 'Ayu Lestari', roles: ['editor'] };
export const secondEditor: Actor = { id: 'editor-bagus', displayName: 'Bagus Santoso', roles: ['editor'] };
export const auditor: Actor = { id: 'auditor-hendra', displayName: 'Hendra Gunawan', roles: ['auditor'] };
export const publishingService: Actor = { id: 'service-web', displayName: 'Situs web', roles: ['service'] };
export const admin: Actor = { id: 'admin-tono', displayName: 'Tono Wijaya', roles: ['admin'] };
export const scheduler: Actor = { id: 'system-scheduler', displayName: 'Penjadwal', roles: [], system: true };
