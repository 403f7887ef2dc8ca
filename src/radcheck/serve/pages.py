"""The web pages' own words and templates (the report itself is ``radcheck.formats.html``'s)."""

from __future__ import annotations

from functools import cache
from typing import Any

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "app": "radcheck — pemeriksa rancangan RAD", "check": "Periksa rancangan", "rules": "Aturan",
        "lang_switch": "English", "lang_other": "en",
        "files": "Berkas rancangan",
        "files_help": "Pilih satu atau beberapa berkas (.docx, .pdf, .xlsx, .txt, .yaml, .json). "
                      "Beberapa berkas diperiksa bersama, sehingga temuan lintas dokumen ikut muncul.",
        "drop": "Seret berkas ke sini, atau pilih dengan tombol di atas.",
        "previous": "Rancangan sebelumnya (tidak wajib)",
        "previous_help": "Berkas rancangan sebelumnya atau laporan JSON-nya: temuan ditandai baru, masih terbuka, "
                         "atau sudah diperbaiki.",
        "as_of": "Per tanggal", "as_of_help": "Tanggal yang menentukan tenggat mana yang sudah lewat.",
        "families": "Kelompok aturan", "submit": "Periksa", "working": "Sedang memeriksa…",
        "seconds": "detik",
        "privacy": "Berkas diperiksa di komputer ini, dalam folder sementara yang dihapus setelah laporan dikirim. "
                   "Tidak ada yang disimpan.",
        "downloads": "Unduh laporan", "again": "Periksa berkas lain", "error": "Pemeriksaan tidak dapat dilakukan",
"what_to_do": "Yang dapat dilakukan",
        "rule_what": "Yang diperiksa", "rule_why": "Mengapa", "rule_fail": "Contoh yang gagal",
        "rule_pass": "Contoh yang lolos", "rule_basis": "Dasar hukum", "rule_message": "Pesan", "none": "tidak ada",
        "severity": "Tingkat", "error_sev": "Galat", "warning": "Peringatan", "info": "Info",
        "xlsx": "Excel", "md": "Markdown", "json": "JSON", "sarif": "SARIF", "ics": "Tenggat (.ics)",
    },
    "en": {
        "app": "radcheck — RAD draft checker", "check": "Check a draft", "rules": "Rules",
        "lang_switch": "Bahasa Indonesia", "lang_other": "id",
        "files": "Draft files",
        "files_help": "Choose one or more files (.docx, .pdf, .xlsx, .txt, .yaml, .json). Several files are checked "
                      "together, so findings across documents appear too.",
        "drop": "Drop files here, or choose them with the button above.",
        "previous": "Previous draft (optional)",
        "previous_help": "The previous draft's file or its JSON report: findings are marked new, still open or "
                         "resolved.",
        "as_of": "As of", "as_of_help": "The date that decides which deadlines are past.",
        "families": "Rule families", "submit": "Check", "working": "Checking…", "seconds": "seconds",
        "privacy": "Files are checked on this computer, in a temporary folder removed once the report is sent. "
                   "Nothing is kept.",
        "downloads": "Download the report", "again": "Check another file", "error": "The check could not be done",
"what_to_do": "What to do",
        "rule_what": "What it flags", "rule_why": "Why", "rule_fail": "Failing example",
        "rule_pass": "Passing example", "rule_basis": "Legal basis", "rule_message": "Message", "none": "none",
        "severity": "Severity", "error_sev": "Error", "warning": "Warning", "info": "Info",
        "xlsx": "Excel", "md": "Markdown", "json": "JSON", "sarif": "SARIF", "ics": "Deadlines (.ics)",
    },
}

# Why a check failed, and what the drafter can do about it: WorkerFailure.kind / request problem → words.
FAILURES: dict[str, dict[str, tuple[str, str]]] = {
    "id": {
        "timeout": ("Pemeriksaan melewati batas waktu ({detail}).",
                    "Periksa berkas yang lebih kecil, atau minta pengelola menaikkan timeout-seconds."),
        "memory": ("Pemeriksaan melewati batas memori; berkas mungkin rusak atau dibuat untuk membebani "
                   "(misalnya arsip yang mengembang sangat besar).",
                   "Simpan ulang berkas dari Word/Excel dan coba lagi, atau kirim sebagai PDF."),
        "crash": ("Pemeriksaan berhenti karena galat internal ({detail}).",
                  "Coba lagi; bila berulang, laporkan bersama berkasnya."),
        "too_large": ("Unggahan terlalu besar: {detail}.", "Kirim berkas yang lebih kecil atau lebih sedikit."),
        "no_files": ("Tidak ada berkas yang dipilih.", "Pilih sekurang-kurangnya satu berkas rancangan."),
        "too_many": ("Terlalu banyak berkas: {detail}.", "Periksa berkas dalam beberapa kali."),
        "file_type": ("Jenis berkas tidak dikenal: {detail}.",
                      "Gunakan .docx, .pdf, .xlsx, .txt, .yaml atau .json."),
        "csrf": ("Formulir kedaluwarsa atau tidak berasal dari halaman ini.",
                 "Muat ulang halaman pemeriksaan lalu kirim lagi."),
        "token": ("Akses ditolak: token tidak ada atau salah.",
                  "Buka alamat lengkap yang diberikan pengelola (dengan ?token=…)."),
        "host": ("Halaman ini hanya dilayani untuk komputer ini (nama host {detail}).",
                 "Buka alamat yang dicetak saat server dimulai, misalnya http://127.0.0.1:8765/."),
        "bad_date": ("Tanggal tidak sah: {detail}.", "Tulis tanggal dalam bentuk TTTT-BB-HH."),
        "problem": ("{detail}", "Perbaiki masukan di atas lalu coba lagi."),
        "unreadable": ("Tidak ada berkas yang dapat dibaca.",
                       "Periksa apakah berkas terbuka normal di Word/Excel, lalu coba lagi."),
        "busy": ("Server sedang sibuk: terlalu banyak pemeriksaan menunggu.", "Coba lagi sebentar lagi."),
        "not_found": ("Halaman tidak ditemukan.", "Kembali ke halaman pemeriksaan."),
    },
    "en": {
        "timeout": ("The check went over its time limit ({detail}).",
                    "Check a smaller file, or ask the administrator to raise timeout-seconds."),
        "memory": ("The check went over its memory limit; the file may be damaged or built to overload "
                   "(for instance an archive that inflates enormously).",
                   "Save the file again from Word/Excel and retry, or send it as PDF."),
        "crash": ("The check stopped on an internal error ({detail}).", "Retry; if it happens again, report it "
                  "with the file."),
        "too_large": ("The upload is too large: {detail}.", "Send smaller or fewer files."),
        "no_files": ("No file was chosen.", "Choose at least one draft file."),
        "too_many": ("Too many files: {detail}.", "Check the files in several rounds."),
        "file_type": ("Unknown file type: {detail}.", "Use .docx, .pdf, .xlsx, .txt, .yaml or .json."),
        "csrf": ("The form has expired or did not come from this page.", "Reload the check page and send it "
                 "again."),
        "token": ("Access refused: the token is missing or wrong.",
                  "Open the full address the administrator gave you (with ?token=…)."),
        "host": ("This page is served for this computer only (host name {detail}).",
                 "Open the address printed when the server started, e.g. http://127.0.0.1:8765/."),
        "bad_date": ("Not a valid date: {detail}.", "Write the date as YYYY-MM-DD."),
        "problem": ("{detail}", "Correct the input above and try again."),
        "unreadable": ("No file could be read.", "Check that the file opens normally in Word/Excel, then try again."),
        "busy": ("The server is busy: too many checks are waiting.", "Try again in a moment."),
        "not_found": ("Page not found.", "Go back to the check page."),
    },
}


def lang_of(value: str | None) -> str:
    return "en" if value == "en" else "id"


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("radcheck.serve", "templates"),
        autoescape=True,  # file names and document text are the user's: always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, *, lang: str, **values: Any) -> str:
    lang = lang_of(lang)
    return _environment().get_template(name).render(lab=LABELS[lang], lang=lang, **values)


def failure_text(kind: str, lang: str, detail: str = "") -> tuple[str, str]:
    what, todo = FAILURES[lang_of(lang)][kind]
    return what.format(detail=detail), todo


def family_name(letter: str, english: str, lang: str) -> str:
    """A rule family's name in the page's language: the catalogue's names, as ``radcheck rules`` gives them."""
    from radcheck.catalogue import FAMILY_NAMES

    return FAMILY_NAMES.get(lang_of(lang), {}).get(letter, english)
