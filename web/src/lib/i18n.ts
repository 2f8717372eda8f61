/**
 * Interface strings. Bahasa Indonesia is the primary language; English mirrors
 * every key (enforced by the `Messages` type and by i18n.test.ts).
 */

export type Lang = 'id' | 'en';

export const LANGS: readonly Lang[] = ['id', 'en'];

/** localStorage key holding the visitor's language choice. */
export const LANG_STORAGE_KEY = 'terang.lang';

const id = {
  siteName: 'Terang',
  siteTagline: 'Transparansi dana CSR dan BAZNAS',
  skipLink: 'Langsung ke konten utama',
  langToggleHint: 'Switch to English',
  pageTitle: 'Laporan Transparansi',
  metaDescription:
    'Laporan transparansi dana CSR perusahaan serta zakat dan infak BAZNAS: komitmen, realisasi, dan data kecamatan.',
  lead: 'Dana tanggung jawab sosial perusahaan (CSR) serta zakat dan infak yang dihimpun BAZNAS',
  lastUpdated: 'Terakhir diperbarui',
  demoTitle: 'Data contoh',
  demoText:
    'Angka di halaman ini adalah data contoh untuk uji coba, bukan laporan resmi. Nama organisasi bersifat fiktif.',
  loading: 'Memuat data…',
  errorTitle: 'Data tidak dapat dimuat',
  errorText: 'Periksa koneksi internet Anda, lalu coba lagi. Jika masalah berlanjut, coba beberapa saat lagi.',
  retry: 'Coba lagi',
  summaryHeading: 'Ringkasan',
  pledged: 'Komitmen',
  pledgedHint: 'Total dana yang dijanjikan',
  confirmed: 'Realisasi',
  confirmedHint: 'Total dana yang sudah dikonfirmasi',
  organisationCount: 'Organisasi',
  organisationCountHint: 'Perusahaan dan BAZNAS yang tercatat',
  byFundHeading: 'Realisasi per jenis dana',
  fundCSR: 'CSR',
  fundCSRHint: 'Tanggung jawab sosial perusahaan',
  fundZAKAT: 'Zakat',
  fundZAKATHint: 'Zakat yang dihimpun BAZNAS',
  fundINFAK: 'Infak',
  fundINFAKHint: 'Infak dan sedekah yang dihimpun BAZNAS',
  organisationsHeading: 'Organisasi',
  organisationsCaption: 'Komitmen dan realisasi dana per organisasi',
  colName: 'Nama',
  colKind: 'Jenis',
  colPledged: 'Komitmen',
  colConfirmed: 'Realisasi',
  colCompliance: 'Kepatuhan',
  kindCompany: 'Perusahaan',
  kindBaznas: 'BAZNAS',
  complianceNote: 'Kepatuhan = realisasi ÷ komitmen. Tanda “–” berarti organisasi tidak mencatat komitmen.',
  noOrganisations: 'Belum ada organisasi yang tercatat.',
  kecamatanHeading: 'Kecamatan',
  kecamatanCaption: 'Jumlah rumah tangga miskin per kecamatan',
  colCode: 'Kode',
  colKecamatan: 'Kecamatan',
  colPoorHouseholds: 'Rumah tangga miskin (2018)',
  colEligibleHouseholds: 'Calon penerima di registri',
  eligibleWithheld: '< 5',
  eligibleNote:
    'Calon penerima: keluarga aktif desil 1–4 dalam registri terverifikasi (DTKS/DTSEN). Angka di bawah 5 keluarga disembunyikan agar tidak ada keluarga yang dapat dikenali.',
  total: 'Jumlah',
  kecamatanSource: 'Sumber: laporan pemerintah kota tahun 2018.',
  noKecamatan: 'Belum ada data kecamatan.',
  aboutHeading: 'Tentang angka ini',
  aboutPledged: 'dana yang dijanjikan oleh perusahaan atau lembaga.',
  aboutConfirmed: 'dana yang penerimaan atau penyalurannya sudah dikonfirmasi.',
  aboutCurrency: 'Semua nilai dalam rupiah (Rp). Waktu dalam WITA (UTC+8).',
  footer: 'Terang — buku besar transparansi dana CSR dan BAZNAS.',
};

export type Messages = Record<keyof typeof id, string>;

const en: Messages = {
  siteName: 'Terang',
  siteTagline: 'CSR and BAZNAS fund transparency',
  skipLink: 'Skip to main content',
  langToggleHint: 'Ganti ke Bahasa Indonesia',
  pageTitle: 'Transparency Report',
  metaDescription:
    'Transparency report on corporate CSR funds and BAZNAS zakat and infak: pledged and confirmed funds, and district data.',
  lead: 'Corporate social responsibility (CSR) funds, and zakat and infak collected by BAZNAS',
  lastUpdated: 'Last updated',
  demoTitle: 'Demo data',
  demoText:
    'The figures on this page are demo data for testing, not an official report. Organisation names are fictitious.',
  loading: 'Loading data…',
  errorTitle: 'Data could not be loaded',
  errorText: 'Check your internet connection and try again. If the problem persists, try again later.',
  retry: 'Try again',
  summaryHeading: 'Summary',
  pledged: 'Pledged',
  pledgedHint: 'Total funds promised',
  confirmed: 'Confirmed',
  confirmedHint: 'Total funds confirmed',
  organisationCount: 'Organisations',
  organisationCountHint: 'Companies and BAZNAS on record',
  byFundHeading: 'Confirmed funds by type',
  fundCSR: 'CSR',
  fundCSRHint: 'Corporate social responsibility',
  fundZAKAT: 'Zakat',
  fundZAKATHint: 'Zakat collected by BAZNAS',
  fundINFAK: 'Infak',
  fundINFAKHint: 'Infak and alms collected by BAZNAS',
  organisationsHeading: 'Organisations',
  organisationsCaption: 'Pledged and confirmed funds per organisation',
  colName: 'Name',
  colKind: 'Type',
  colPledged: 'Pledged',
  colConfirmed: 'Confirmed',
  colCompliance: 'Compliance',
  kindCompany: 'Company',
  kindBaznas: 'BAZNAS',
  complianceNote: 'Compliance = confirmed ÷ pledged. “–” means the organisation has not recorded a pledge.',
  noOrganisations: 'No organisations on record yet.',
  kecamatanHeading: 'Districts (kecamatan)',
  kecamatanCaption: 'Number of poor households per district',
  colCode: 'Code',
  colKecamatan: 'District',
  colPoorHouseholds: 'Poor households (2018)',
  colEligibleHouseholds: 'Potential beneficiaries in the registry',
  eligibleWithheld: '< 5',
  eligibleNote:
    'Potential beneficiaries: active families of desil 1–4 in the verified registry (DTKS/DTSEN). Counts below 5 families are withheld so that no family can be recognised.',
  total: 'Total',
  kecamatanSource: 'Source: 2018 city government report.',
  noKecamatan: 'No district data yet.',
  aboutHeading: 'About these figures',
  aboutPledged: 'funds promised by a company or institution.',
  aboutConfirmed: 'funds whose receipt or disbursement has been confirmed.',
  aboutCurrency: 'All amounts are in rupiah (Rp). Times are in WITA (UTC+8).',
  footer: 'Terang — a transparency ledger for CSR and BAZNAS funds.',
};

export const messages: Record<Lang, Messages> = { id, en };

export function isLang(value: unknown): value is Lang {
  return value === 'id' || value === 'en';
}
