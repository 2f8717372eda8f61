/**
 * Strings of the /verifikasi page only, kept out of i18n.ts so that the report
 * page's script does not carry them. Bahasa Indonesia first; English mirrors
 * every key (enforced by the type and by verify-i18n.test.ts).
 */
import type { Lang } from './i18n';

const id = {
  title: 'Verifikasi Log Publik',
  metaDescription:
    'Periksa sendiri, di peramban Anda, bahwa log publik Terang ditandatangani dan bahwa tanda terima Anda tercatat di dalamnya.',
  lead: 'Halaman ini memeriksa log publik langsung di peramban Anda, dengan kunci yang dipublikasikan di /log/key: tidak perlu mempercayai server kami.',
  checkpointHeading: 'Checkpoint terbaru',
  checking: 'Memeriksa…',
  signatureValid: 'Tanda tangan sah',
  signatureInvalid: 'Checkpoint tidak dapat diverifikasi',
  origin: 'Asal log',
  size: 'Jumlah entri',
  root: 'Akar pohon (base64)',
  signedBy: 'Ditandatangani oleh',
  rootMatches: 'Akar pohon cocok',
  rootMatchesHint: 'Akar dihitung ulang dari semua tile hash dan sama dengan akar di checkpoint.',
  rootMismatch: 'Akar pohon tidak cocok',
  rootUnchecked: 'Akar pohon belum dapat dihitung ulang',
  receiptHeading: 'Periksa tanda terima',
  receiptHint:
    'Tempel tanda terima (format C2SP tlog-proof) dari GET /api/public/contributions/{id}/receipt atau /api/public/ledger/{index}/receipt.',
  receiptLabel: 'Tanda terima',
  verifyButton: 'Verifikasi tanda terima',
  receiptValid: 'Tanda terima sah: entri ini tercatat di log publik',
  receiptInvalid: 'Tanda terima tidak sah',
  entryIndex: 'Nomor entri',
  entryType: 'Jenis entri',
  entryFund: 'Dana',
  entryAmount: 'Jumlah',
  entryId: 'ID entri',
  treeSize: 'Ukuran pohon di tanda terima',
  technicalDetail: 'Rincian teknis',
  failKey: 'Kunci verifikasi log (/log/key) tidak dapat dimuat atau tidak valid.',
  failFetch: 'Checkpoint (/log/checkpoint) tidak dapat dimuat.',
  failSignature: 'Tanda tangan checkpoint tidak sah untuk kunci log.',
  failCheckpoint: 'Isi checkpoint tidak valid.',
  failEmpty: 'Tempel tanda terima terlebih dahulu.',
  failFormat: 'Format tanda terima tidak valid.',
  failNoEntry: 'Tanda terima tidak memuat entri (baris extra).',
  failInclusion: 'Bukti inklusi tidak mengarah ke akar checkpoint: salah satu hash bukti atau entri telah diubah.',
  failEntry: 'Entri di tanda terima tidak valid.',
};

export type VerifyMessages = Record<keyof typeof id, string>;

const en: VerifyMessages = {
  title: 'Verify the Public Log',
  metaDescription:
    'Check for yourself, in your browser, that Terang’s public log is signed and that your receipt is recorded in it.',
  lead: 'This page checks the public log right in your browser, with the key published at /log/key: you do not need to trust our server.',
  checkpointHeading: 'Latest checkpoint',
  checking: 'Checking…',
  signatureValid: 'Signature valid',
  signatureInvalid: 'The checkpoint could not be verified',
  origin: 'Log origin',
  size: 'Number of entries',
  root: 'Root hash (base64)',
  signedBy: 'Signed by',
  rootMatches: 'Root matches',
  rootMatchesHint: 'The root recomputed from all hash tiles equals the checkpoint’s root.',
  rootMismatch: 'Root does not match',
  rootUnchecked: 'The root could not be recomputed yet',
  receiptHeading: 'Check a receipt',
  receiptHint:
    'Paste a receipt (C2SP tlog-proof format) from GET /api/public/contributions/{id}/receipt or /api/public/ledger/{index}/receipt.',
  receiptLabel: 'Receipt',
  verifyButton: 'Verify receipt',
  receiptValid: 'Receipt valid: this entry is in the public log',
  receiptInvalid: 'Receipt not valid',
  entryIndex: 'Entry number',
  entryType: 'Entry type',
  entryFund: 'Fund',
  entryAmount: 'Amount',
  entryId: 'Entry id',
  treeSize: 'Tree size in the receipt',
  technicalDetail: 'Technical detail',
  failKey: 'The log’s verifier key (/log/key) could not be loaded or is not valid.',
  failFetch: 'The checkpoint (/log/checkpoint) could not be loaded.',
  failSignature: 'The checkpoint’s signature is not valid for the log key.',
  failCheckpoint: 'The checkpoint’s content is not valid.',
  failEmpty: 'Paste a receipt first.',
  failFormat: 'The receipt’s format is not valid.',
  failNoEntry: 'The receipt does not carry the entry (extra line).',
  failInclusion:
    'The inclusion proof does not lead to the checkpoint’s root: one of the proof hashes or the entry was changed.',
  failEntry: 'The entry in the receipt is not valid.',
};

export const verifyMessages: Record<Lang, VerifyMessages> = { id, en };
