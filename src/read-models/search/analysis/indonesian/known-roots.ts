/**
 * Indonesian roots the stemmer recognises inside affixed words before it falls back to the
 * rule-based Snowball algorithm. Written for this project from common news vocabulary; it is not
 * a dictionary of the language and needs none of the licences one would. A rule-based stemmer
 * cannot tell these apart on its own, so without the list different forms of one word would not
 * meet (see docs/search.md, "Analysis"):
 *
 * - K and T: roots whose first consonant disappears after meng-/peng- and men-/pen-
 *   ("mengatakan" is meng- + kata, "mengambil" is meng- + ambil; "menerima" is men- + terima).
 * - R: roots that begin with r, which ber-, per- and ter- merge with ("perundingan" is per- +
 *   runding + -an, "beralih" is ber- + alih).
 * - M, N, NY, NG: roots that begin with the nasal themselves ("meminta" is me- + minta, not
 *   mem- + pinta; "menyatakan" is me- + nyata).
 * - Look-alikes: roots, function words and names that begin or end like an affix and have enough
 *   syllables for the rules to cut them ("berita" is not ber- + ita, "masalah" not masa + -lah,
 *   "damai" not dama + -i, "mereka" not me- + reka, "Maluku" not malu + -ku).
 */

const K_ROOTS = `
  kabar kabul kacau kagum kaget kaji kaku kalah kandung kantong kait karang karya kasih kawal
  kecam kecewa kecil kecoh kejar kelola kelompok keluar keluh kemas kembali kembang kemudi kemuka kena
  kenal kenang kendali kendara kepala kepung kerah keras kering kerja kesal kesan ketua kibar kikis kira
  kirim kisah klaim kobar koordinasi korban kosong kotor kuak kuasa kuat kubur kucur kukuh kumpul kunci
  kunjung kupas kurang kurung kutip kutuk konsumsi kritik khawatir
`;

const T_ROOTS = `
  tahan tahu tanam tanda tangan tangkap tanggap tanggung tampil tanya tarik tawar tekan telan telepon
  tembak tembus tempat tempuh tentang tentu terang terap terbang terbit terima terjemah teriak tetap
  tindak tinggal tinggi tingkat tolak tonton tuduh tuju tulis tunda tunggu tunjuk tuntut turun tutup
`;

const NASAL_ROOTS = `
  maaf main makan malu manfaat marah masak masuk mati menang menteri merah milik minta minum miskin
  modal mohon muat muda mudah mulai muncul mundur musnah musuh
  naik nama nanti nasihat negara nikah nikmat nilai nomor nyaman nyanyi nyala nyata nyawa ngeri
`;

const LOOK_ALIKES = `
  berat beras berita pertama perintah peristiwa perempuan perilaku perdana pemilu penting penjara
  beritahu pegawai terima teroris terorisme terapi teriak
  diskusi direktur diplomasi digital disiplin dialog distribusi diktator dinamika dimensi
  keluarga kemarin kemudian kereta kedai ketua kepala
  sekolah sebelah masalah istilah selatan sendiri
  damai pantai nilai mulai ramai sungai selesai santai bantai sampai capai pakai badai usai partai
  lantai rantai andai abai urai cerai balai pandai
  halaman pahlawan wartawan relawan ilmuwan karyawan wisatawan kawasan pasukan
  ekonomi teknologi energi strategi industri ideologi kategori teori materi memori negeri
  temu tamu
  adalah ketika menurut mereka setelah tetapi maluku
`;

/** Frequent roots that other readings would otherwise cut or merge. */
const BASE_ROOTS = `
  ada adil ajar akhir aman ambil angkat anggota atas atur baik bakar bangun bantu banjir bawa bayar
  beli besar bicara buat buka cari cepat dapat datang dengar duduk gagal ganti guna hadap hadir hasil
  hilang hukum hujan ikut jadi jaga jalan jawab jelas jual kata lapor lihat luka minta pakai pilih pimpin
  pukul rusak sakit sampai sebut selamat serang setuju siap tahun tahu tanya tulis ubah umum usaha
  samping
`;

const R_ROOTS = `
  rampas rampok rancang rasa ragam rawat rebut rekam rencana rendam risiko rugi ruang rumah runding
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word !== '');
}

export const KNOWN_ROOTS: ReadonlySet<string> = new Set([
  ...words(K_ROOTS),
  ...words(T_ROOTS),
  ...words(R_ROOTS),
  ...words(NASAL_ROOTS),
  ...words(LOOK_ALIKES),
  ...words(BASE_ROOTS),
]);
