"""P006 body-part-unread: a part of the body that the reader found but read as empty or half.

The text reader notes it (``ReadingNote`` code P006, ``detail["problem"]``): a Mengingat heading with no
numbered items (or a Menimbang heading with nothing under it), a Judul without its number or year, a line
beginning "Menetapkan" inside Menimbang while no Menetapkan clause was found.  Each such part silences the
rules that read it, so it is said aloud.
"""

from __future__ import annotations

from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.model import Document

# problem → (part, reason, fix), each in id/en: the words of the one message template in rules/catalogue/P.yaml
_PROBLEMS: dict[str, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {
    "mengingat-empty": (
        {"id": "Mengingat", "en": "Mengingat"},
        {"id": "judulnya ada tetapi tidak ada butir bernomor (1., 2., …) yang terbaca",
         "en": "its heading is there but no numbered items (1., 2., …) were read"},
        {"id": "tulis setiap dasar hukum sebagai butir bernomor \"1. Undang-Undang Nomor … Tahun … tentang …;\".",
         "en": "write each legal basis as a numbered item \"1. Undang-Undang Nomor … Tahun … tentang …;\"."},
    ),
    "menimbang-empty": (
        {"id": "Menimbang", "en": "Menimbang"},
        {"id": "judulnya ada tetapi tidak ada pertimbangan yang terbaca",
         "en": "its heading is there but no consideration was read"},
        {"id": "tulis pertimbangan sebagai butir berhuruf \"a. bahwa …;\".",
         "en": "write the considerations as lettered items \"a. bahwa …;\"."},
    ),
    "judul-without-number": (
        {"id": "Judul", "en": "Judul (title)"},
        {"id": "nomor peraturan tidak terbaca", "en": "the regulation's number was not read"},
        {"id": "tulis \"NOMOR … TAHUN …\" di bawah atau sesudah jenis peraturan (untuk rancangan: isi nomornya "
               "sebelum penetapan).",
         "en": "write \"NOMOR … TAHUN …\" under or after the kind of regulation (for a draft: fill in the number "
               "before enactment)."},
    ),
    "judul-without-year": (
        {"id": "Judul", "en": "Judul (title)"},
        {"id": "tahun peraturan tidak terbaca", "en": "the regulation's year was not read"},
        {"id": "tulis \"NOMOR … TAHUN …\" dengan tahun empat angka.",
         "en": "write \"NOMOR … TAHUN …\" with a four-digit year."},
    ),
    "menetapkan-in-menimbang": (
        {"id": "Menetapkan", "en": "Menetapkan"},
        {"id": "satu-satunya baris \"menetapkan\" berada di dalam Menimbang, dan diktum Menetapkan sendiri tidak "
               "ditemukan",
         "en": "the only \"menetapkan\" line is inside Menimbang, and the Menetapkan clause itself was not found"},
        {"id": "tulis diktum sesudah \"MEMUTUSKAN:\" sebagai \"Menetapkan : PERATURAN … TENTANG ….\".",
         "en": "write the clause after \"MEMUTUSKAN:\" as \"Menetapkan : PERATURAN … TENTANG ….\"."},
    ),
}


@rule("P006")
def check_body_part_unread(doc: Document, ctx: Context) -> Iterator[Hit]:
    for note in doc.notes:
        if note.code != "P006":
            continue
        part, reason, fix = _PROBLEMS[note.detail.get("problem", "mengingat-empty")]
        yield hit("P006", note.path, line=note.line, end_line=note.end_line, excerpt=note.text,
                  part=part, reason=reason, fix=fix)
