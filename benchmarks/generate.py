"""A seeded generator of large, realistic RAD regulations, for benchmarks and fuzzing.

One abstract plan is drawn from a seed and written two ways:

- ``to_text``: the seeds' extracted-text format.  A body (cover, Judul, Menimbang, Mengingat, Menetapkan,
  Pasal 1 definitions, the fields, the inseparable-annex clause, monitoring and reporting articles, the
  closing) and a Lampiran of tab-separated tables in both Bekasi layouts, with the artefacts real inputs
  have: the header repeated on every page, dash lines between pages, long cells wrapped onto continuation
  rows after a page break, merged "same as above" cells left empty, Indonesian numbers (``6.182``,
  ``87,7``), ``-`` and qualitative targets, ``<i>…</i>`` tags.
- ``to_structured``: radcheck's structured form (the model as a dict, for YAML/JSON).

Layouts: ``ppp`` (No · Permasalahan · Tujuan · Capaian · Kegiatan · Satuan · years · Penanggung Jawab ·
Instansi Pendukung) and ``pug`` (No · Rencana Aksi · Indikator · Satuan · Kondisi Awal · years · OPD
Pengampu Urusan); ``mixed`` alternates them by section.  Agencies are written the way drafters write them:
full names, abbreviations, old names, misspellings, urusan instead of agencies, empty list entries.
Defects are sprinkled at a configurable rate: empty targets, falling series where a rise is expected,
duplicated indicator rows, a number spilling into the agency column.

    python benchmarks/generate.py 10000 -o /tmp/plan.txt            # text, 10,000 indicators
    python benchmarks/generate.py 10000 -o /tmp/plan.yaml --seed 7  # structured form (.yaml or .json)
    python benchmarks/generate.py 500 --files 200 -o /tmp/corpus/   # a folder of 200 plans (batch runs)

The same seed and arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# -- vocabulary ------------------------------------------------------------------------------------

REGIONS = [("Kota", "BEKASI", "Bekasi"), ("Kota", "DEPOK", "Depok"), ("Kabupaten", "BOGOR", "Cibinong")]

TOPICS = [
    ("PEMBERDAYAAN DAN PERLINDUNGAN PEREMPUAN", "RAD PPP"),
    ("PENYELENGGARAAN PENGARUSUTAMAAN GENDER", "RAD PUG"),
    ("KOTA LAYAK ANAK", "RAD KLA"),
    ("PANGAN DAN GIZI", "RAD PG"),
]

FIELDS = [
    "Pencegahan", "Penanganan", "Pemberdayaan dan Partisipasi", "Pendidikan", "Kesehatan", "Ekonomi",
    "Ketenagakerjaan", "Sosial", "Politik dan Pengambilan Keputusan", "Hukum dan HAM", "Lingkungan Hidup",
    "Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Permukiman", "Kependudukan", "Pangan",
    "Komunikasi dan Informatika", "Kepemudaan dan Olahraga", "Pariwisata dan Kebudayaan", "Perhubungan",
    "Koperasi dan UKM", "Penanaman Modal", "Keluarga Berencana", "Pertanahan", "Kearsipan", "Perpustakaan",
    "Statistik",
]

# canonical name → ways it is written (abbreviations, old names, misspellings, urusan names)
AGENCIES: dict[str, list[str]] = {
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak": [
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DPPPA", "DP3A", "DPPA", "Dinas PPPA", "DPPP"],
    "Dinas Kesehatan": ["Dinas Kesehatan", "Dinkes", "Dinas Kesehtan", "Kesehatan"],
    "Dinas Sosial": ["Dinas Sosial", "Dinsos", "Dinsa Sosial", "Sosial"],
    "Dinas Pendidikan": ["Dinas Pendidikan", "Disdik", "Dinas Pendidkan", "Pendidikan"],
    "Dinas Tenaga Kerja": ["Dinas Tenaga Kerja", "Disnaker", "Dinas tenaga kerja", "Ketenaga kerjaan"],
    "Dinas Pengendalian Penduduk dan Keluarga Berencana": ["DPPKB", "DP3KB", "Dinas Pengendalian Penduduk dan KB"],
    "Dinas Kependudukan dan Pencatatan Sipil": ["Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"],
    "Dinas Komunikasi, Informatika, Statistik dan Persandian": [
        "Diskominfostandi", "Diskominfo", "Dinas Komunikasi & Informatika"],
    "Dinas Koperasi dan UKM": ["Dinas Koperasi dan UKM", "Dinas Koperasi dan UMKM", "Dinsa koperasi dan UMKM",
                               "Koperasi dan UMKM"],
    "Dinas Kepemudaan dan Olahraga": ["Dispora", "Dinas Kepemudaan dan Olahraga"],
    "Dinas Kebudayaan dan Pariwisata": ["Dinas Pariwisata", "Disbudpar"],
    "Dinas Tata Ruang": ["Distaru", "DISTARU", "Dinas Tata Ruang"],
    "Dinas Perdagangan dan Perindustrian": ["Dinas Perindustrian dan Perdagangan", "Disdagperin"],
    "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah": [
        "Bappelitbangda", "BAPELITBANGDA", "Bapelitbangda", "Bapperida"],
    "Badan Kesatuan Bangsa dan Politik": ["Kesbangpol", "Badan Kesbangpol"],
    "BPBD": ["BPBD"], "BPKAD": ["BPKAD"], "RSUD": ["RSUD"], "Satpol PP": ["Satpol PP"],
    "Inspektorat": ["Inspektorat"], "BKPSDM": ["BKPSDM", "BKD"],
    "Sekretariat DPRD": ["Setwan", "Sekretariat DPRD"],
    "Sekretariat Daerah": ["Setda", "Bagian Hukum", "Bagian Umum", "Bagian Organisasi"],
}
EXTERNAL = ["Kanwil Kemenag", "Kantor Kementerian Agama", "Kanwil Kemenkumham", "Kepolisian", "Kejaksaan",
            "Pengadilan", "FKUB", "FORKOMINDA", "Akademisi", "Ormas", "PWI", "dunia usaha",
            "Lembaga Bantuan Hukum", "Pemuka masyarakat dan agama", "Seluruh Perangkat Daerah", "Kecamatan"]
KECAMATAN = ["Bantargebang", "Bekasi Barat", "Bekasi Selatan", "Bekasi Timur", "Bekasi Utara", "Jatiasih",
             "Jatisampurna", "Medan Satria", "Mustika Jaya", "Pondok Gede", "Pondok Melati", "Rawalumbu"]

SUBJECTS = ["perempuan korban kekerasan", "anak korban kekerasan", "perempuan kepala keluarga", "ibu hamil",
            "remaja putri", "kader posyandu", "perempuan pelaku usaha", "penyandang disabilitas", "lansia",
            "pekerja perempuan", "tenaga pendidik", "peserta didik", "keluarga miskin", "pasangan usia subur",
            "kelompok masyarakat", "tokoh agama", "jurnalis lokal", "aparatur perangkat daerah", "koperasi wanita",
            "sekolah ramah anak", "puskesmas", "kelurahan", "organisasi perempuan", "calon pengantin"]
VERBS_UP = ["yang difasilitasi", "yang mendapat pelatihan", "yang mendapat pendampingan", "yang dilayani",
            "yang mengikuti sosialisasi", "yang terlatih", "yang mendapat bantuan", "yang ditangani",
            "yang terjangkau layanan", "yang menerima pembinaan"]
DOWN = ["Jumlah kasus kekerasan terhadap {s}", "Angka kematian {s}", "Prevalensi anemia pada {s}",
        "Jumlah kasus obesitas pada {s}", "Persentase {s} dengan unmet need KB",
        "Jumlah kelahiran pada perempuan umur 15-19 tahun (ASFR) di wilayah {s}"]
ACTIONS = ["Pelatihan", "Sosialisasi", "Workshop", "Pendampingan", "Fasilitasi", "Penyediaan sarana",
           "Rapat koordinasi", "Kampanye kreatif", "Pembinaan", "Penguatan kapasitas", "Penyusunan kebijakan",
           "Monitoring dan evaluasi", "Pengembangan sistem informasi", "Advokasi"]
THEMES = ["kesetaraan gender", "pencegahan kekerasan", "perlindungan hak perempuan", "pemberdayaan ekonomi",
          "gizi seimbang", "kesehatan reproduksi", "partisipasi politik perempuan", "layanan pengaduan",
          "pendidikan inklusif", "perencanaan penganggaran responsif gender", "ketahanan keluarga",
          "deteksi dini", "rehabilitasi sosial", "reintegrasi sosial"]
ISSUE_OPENERS = ["Masih rendahnya", "Belum maksimalnya", "Terbatasnya", "Belum optimalnya", "Masih tingginya",
                 "Kurangnya"]
GOAL_OPENERS = ["Meningkatkan", "Memperkuat", "Membangun dan menerapkan", "Mendukung penguatan", "Mengembangkan"]
UNITS_COUNT = ["orang", "Orang", "Kegiatan", "kegiatan", "kali", "Kali", "Dok", "Unit", "Paket", "Lembaga",
               "Sekolah", "lokasi", "Kelompok", "Bulan"]
STAGES = [["Inisiasi Awal", "Perencanaan", "Ada", "Ada", "Ada"], ["Tidak Ada", "Perencanaan", "Tersedia",
                                                                   "Tersedia", "Terlaksana"]]
PPP_HEADER = ["No", "Permasalahan", "Tujuan", "Capaian", "Kegiatan", "Satuan",
              "Target Rencana Aksi/ Kegiatan", "", "", "", "", "Penanggung Jawab", "Instansi Pendukung"]
PUG_HEADER = ["No", "Rencana Aksi (Program/ Kegiatan)", "Indikator", "Satuan", "Kondisi Awal tahun {b}",
              "Target Rencana Aksi/ Kegiatan", "", "", "", "", "OPD Pengampu Urusan"]
ROWS_PER_PAGE = 24
WRAP_AT = 110  # a cell longer than this wraps onto a continuation row after the page break


# -- the abstract plan -----------------------------------------------------------------------------

@dataclass
class GIndicator:
    text: str
    unit: str
    baseline: str  # as written: "6.182", "87,7", "-", "" …
    targets: list[str]
    lead: str = ""  # "" = merged with the row above (inherited)
    supporting: str = ""
    no: str = ""
    activity: str = ""  # PUG: the activity cell of this row ("" = merged); PPP: the Kegiatan text
    activity_level: str | None = None
    stray: str = ""  # a number spilling past the last column


@dataclass
class GGoal:
    no: str
    text: str
    outcome: str
    indicators: list[GIndicator] = field(default_factory=list)


@dataclass
class GIssue:
    no: str
    text: str
    goals: list[GGoal] = field(default_factory=list)


@dataclass
class GSection:
    letter: str
    title: str
    layout: str  # "ppp" | "pug"
    issues: list[GIssue] = field(default_factory=list)  # ppp
    rows: list[GIndicator | tuple[str, str, str, str]] = field(default_factory=list)  # pug: indicators, headings


@dataclass
class GPlan:
    seed: int
    office: str  # "WALI KOTA"
    kind: str  # "Peraturan Wali Kota"
    region_kind: str
    region_upper: str
    capital: str
    number: int
    year: int
    period: tuple[int, int]
    topic: str
    abbr: str
    fields: list[str]
    sections: list[GSection] = field(default_factory=list)

    @property
    def region(self) -> str:
        return f"{self.region_kind} {self.region_upper.title()}"

    @property
    def years(self) -> list[int]:
        return list(range(self.period[0], self.period[1] + 1))

    @property
    def indicator_count(self) -> int:
        return sum(len(g.indicators) for s in self.sections for i in s.issues for g in i.goals) + sum(
            1 for s in self.sections for r in s.rows if isinstance(r, GIndicator))


# -- drawing a plan --------------------------------------------------------------------------------

def _id_number(value: float, decimals: int) -> str:
    """Indonesian format: ``.`` groups thousands, ``,`` is the decimal mark."""
    if decimals == 0:
        return f"{int(round(value)):,}".replace(",", ".")
    whole, frac = f"{value:.{decimals}f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


class _Drawer:
    def __init__(self, rng: random.Random, defect_rate: float, region_upper: str) -> None:
        self.rng = rng
        self.defect_rate = defect_rate
        self.kecamatan = len(KECAMATAN) if region_upper == "BEKASI" else rng.randint(5, 40)

    def defect(self, weight: float = 1.0) -> bool:
        return self.rng.random() < self.defect_rate * weight

    def agency(self) -> str:
        rng = self.rng
        name = rng.choice(list(AGENCIES))
        variants = AGENCIES[name]
        # Mostly the usual spelling; sometimes an alias, an old name, a misspelling or an urusan.
        return variants[0] if rng.random() < 0.6 else rng.choice(variants)

    def agency_list(self) -> str:
        rng = self.rng
        names = [self.agency() for _ in range(rng.randint(2, 9))] + rng.sample(EXTERNAL, rng.randint(0, 3))
        out = names[0]
        for n in names[1:]:
            sep = rng.choices([", ", ". ", ", , ", " ,"], weights=[85, 8, 4, 3])[0]
            out += sep + n
        return out

    def series(self, down: bool, unit: str) -> tuple[str, list[str]]:
        """Baseline and five targets as written."""
        rng = self.rng
        kind = rng.random()
        if unit == "Kecamatan":
            vals = [str(self.kecamatan)] * 6
        elif kind < 0.08:
            stages = rng.choice(STAGES)
            vals = ["Tidak Ada", *stages]
        elif kind < 0.3 or unit == "%":
            start = rng.uniform(10, 80)
            step = rng.uniform(0.5, 4) * (-1 if down else 1)
            vals = [_id_number(max(0.0, min(100.0, start + step * i)), rng.choice([0, 1, 2])) for i in range(6)]
        else:
            start = rng.choice([rng.randint(1, 20), rng.randint(20, 900), rng.randint(1000, 70000)])
            step = max(1, start // rng.randint(8, 40)) * (-1 if down else 1)
            vals = [_id_number(max(0, start + step * i), 0) for i in range(6)]
            if rng.random() < 0.15:
                vals[1:] = [vals[1]] * 5  # a flat series
        base, targets = vals[0], vals[1:]
        if rng.random() < 0.1:
            base = "-"
        if rng.random() < 0.05:
            targets[rng.randrange(5)] = "-"
        if self.defect(1.0):
            targets[rng.randrange(5)] = ""  # an empty target cell
        if not down and self.defect(0.5) and all(t and t[0].isdigit() for t in targets):
            targets = targets[::-1]  # falls where a rise is expected
        return base, targets

    def indicator_text(self) -> tuple[str, bool]:
        rng = self.rng
        s = rng.choice(SUBJECTS)
        if rng.random() < 0.12:
            return rng.choice(DOWN).format(s=s), True
        opener = rng.choice(["Jumlah", "Persentase", "Cakupan", "Jumlah"])
        return f"{opener} {s} {rng.choice(VERBS_UP)} {rng.choice(['', 'terkait ' + rng.choice(THEMES)])}".strip(), \
            False

    def activity_text(self) -> str:
        rng = self.rng
        extra = rng.choice(["", "", f" bagi {rng.choice(SUBJECTS)}", f" di {rng.choice(KECAMATAN)}",
                            f" tentang {rng.choice(THEMES)} dan {rng.choice(THEMES)}"])
        return f"{rng.choice(ACTIONS)} {rng.choice(THEMES)}{extra}"


def draw_plan(n_indicators: int, *, seed: int = 0, layout: str = "mixed", defect_rate: float = 0.03) -> GPlan:
    """An abstract plan with exactly ``n_indicators`` indicator rows, drawn from ``seed``."""
    rng = random.Random(seed)
    region_kind, region_upper, capital = REGIONS[0] if seed % 3 == 0 else rng.choice(REGIONS)
    office = "WALI KOTA" if region_kind == "Kota" else "BUPATI"
    topic, abbr = rng.choice(TOPICS)
    year = rng.choice([2023, 2024, 2025])
    period = (year, year + 4)
    n_sections = max(1, min(26, n_indicators // 40 or 1))
    fields = rng.sample(FIELDS, n_sections) if n_sections <= len(FIELDS) else FIELDS[:n_sections]
    plan = GPlan(seed=seed, office=office, kind=f"Peraturan {office.title()}", region_kind=region_kind,
                 region_upper=region_upper, capital=capital, number=rng.randint(1, 90), year=year, period=period,
                 topic=topic, abbr=abbr, fields=fields)
    d = _Drawer(rng, defect_rate, region_upper)
    per_section = [n_indicators // n_sections + (1 if i < n_indicators % n_sections else 0) for i in range(n_sections)]
    for i, (fld, count) in enumerate(zip(fields, per_section)):
        lay = layout if layout != "mixed" else ("ppp" if i % 2 == 0 else "pug")
        letter = chr(ord("A") + i)
        if lay == "ppp":
            sec = GSection(letter, f"Rencana Aksi Bidang {fld}", "ppp")
            _draw_ppp(d, sec, count)
        else:
            sec = GSection(letter, f"Rencana Aksi Daerah Bidang {fld} Tahun {period[0]} - {period[1]}", "pug")
            _draw_pug(d, sec, count, fld)
        plan.sections.append(sec)
    return plan


def _draw_ppp(d: _Drawer, sec: GSection, count: int) -> None:
    rng = d.rng
    made = 0
    issue_no = 0
    while made < count:
        issue_no += 1
        tail = rng.choice(["", " secara komprehensif dan tuntas di seluruh wilayah kota dan kecamatan"])
        issue = GIssue(f"{issue_no}.", f"{rng.choice(ISSUE_OPENERS)} {rng.choice(THEMES)} bagi "
                                       f"{rng.choice(SUBJECTS)}{tail}")
        for g in range(rng.randint(1, 3)):
            if made >= count:
                break
            theme = rng.choice(THEMES)
            goal = GGoal(f"{g + 1}.", f"{rng.choice(GOAL_OPENERS)} {theme} bagi {rng.choice(SUBJECTS)}",
                         f"Tersedianya {theme} yang memadai bagi {rng.choice(SUBJECTS)} dan pemangku kepentingan "
                         f"lainnya di {rng.choice(['kota', 'kecamatan', 'kelurahan'])}")
            lead, supporting = d.agency(), d.agency_list()
            for a in range(rng.randint(1, 5)):
                if made >= count:
                    break
                text, down = d.indicator_text()
                unit = rng.choice(UNITS_COUNT + ["Kecamatan", "Sistem"])
                base, targets = d.series(down, unit)
                act = f"{a + 1}. {d.activity_text()}" if rng.random() < 0.7 else d.activity_text()
                ind = GIndicator(text=act, unit=unit, baseline=base, targets=targets, activity=act)
                if a == 0:
                    ind.lead, ind.supporting = lead, supporting
                elif rng.random() < 0.15:  # a new lead agency mid-goal, supporting merged
                    ind.lead = d.agency()
                if d.defect(0.3):
                    ind.stray = str(rng.randint(1, 99))
                goal.indicators.append(ind)
                made += 1
                if d.defect(0.5) and made < count:  # a duplicated row
                    goal.indicators.append(GIndicator(**{**ind.__dict__, "lead": "", "supporting": "", "stray": ""}))
                    made += 1
            issue.goals.append(goal)
        sec.issues.append(issue)


def _draw_pug(d: _Drawer, sec: GSection, count: int, fld: str) -> None:
    rng = d.rng
    made = 0
    sec.rows.append(("1", f"Bidang {fld}", "group", ""))
    prog_no = 0
    while made < count:
        prog_no += 1
        agency = d.agency()
        # Programme row: measured by its own outcome indicator.
        text, down = d.indicator_text()
        base, targets = d.series(down, "%")
        prog = f"Program {rng.choice(ACTIONS).lower()} {rng.choice(THEMES)}"
        sec.rows.append(GIndicator(text=text.replace("Jumlah", "Persentase"), unit="%", baseline=base,
                                   targets=targets, lead=agency, no=str(prog_no), activity=prog,
                                   activity_level="program"))
        made += 1
        for k in range(rng.randint(1, 3)):
            if made >= count:
                break
            keg = f"Kegiatan {d.activity_text()}"
            sec.rows.append((chr(ord("a") + k), keg, "kegiatan", agency if rng.random() < 0.8 else ""))
            for _s in range(rng.randint(1, 4)):
                if made >= count:
                    break
                sub = ("Sub kegiatan: " if rng.random() < 0.3 else "") + d.activity_text()
                for j in range(rng.randint(1, 5)):
                    if made >= count:
                        break
                    text, down = d.indicator_text()
                    unit = rng.choice(UNITS_COUNT + ["%", "Kecamatan"])
                    base, targets = d.series(down, unit)
                    ind = GIndicator(text=text, unit=unit, baseline=base, targets=targets,
                                     lead=agency if (j == 0 or rng.random() < 0.5) else "",
                                     activity=sub if j == 0 else "", activity_level="subkegiatan")
                    if j == 0 and rng.random() < 0.2:
                        ind.lead = d.agency()  # another agency for this sub-activity
                    if d.defect(0.3):
                        ind.stray = str(rng.randint(1, 99))
                    sec.rows.append(ind)
                    made += 1
                    if d.defect(0.5) and made < count:
                        sec.rows.append(GIndicator(**{**ind.__dict__, "activity": "", "stray": ""}))
                        made += 1


# -- the body --------------------------------------------------------------------------------------

def _definitions(p: GPlan) -> list[str]:
    office_t = p.office.title()
    defs = [
        f"Daerah adalah {p.region}.",
        f"{office_t} adalah {office_t} {p.region_upper.title()}.",
        f"Pemerintah Daerah adalah {office_t} sebagai unsur penyelenggara Pemerintahan Daerah yang memimpin "
        "pelaksanaan urusan pemerintahan yang menjadi kewenangan daerah otonom.",
        f"Perangkat Daerah adalah unsur pembantu {office_t} dan Dewan Perwakilan Rakyat Daerah dalam "
        "penyelenggaraan Urusan Pemerintahan yang menjadi kewenangan Daerah.",
        f"Rencana Aksi Daerah {p.topic.title()} yang selanjutnya disingkat {p.abbr} adalah dokumen perencanaan "
        f"untuk periode 5 (lima) tahun.",
        "Kelompok Kerja yang selanjutnya disebut Pokja adalah tim lintas Perangkat Daerah yang dibentuk untuk "
        "mengoordinasikan pelaksanaan Rencana Aksi Daerah.",
    ]
    for name, variants in list(AGENCIES.items())[:8]:
        abbr = variants[1] if len(variants) > 1 else variants[0]
        defs.append(f"{name} yang selanjutnya disingkat {abbr} adalah Perangkat Daerah yang melaksanakan "
                    f"urusan pemerintahan di bidang {THEMES[len(defs) % len(THEMES)]}.")
    return defs


def _body_text(p: GPlan) -> list[str]:
    ot = p.office.title()
    title_lines = ["RENCANA AKSI DAERAH", p.topic, f"TAHUN {p.period[0]} - {p.period[1]}"]
    title = " ".join(title_lines)
    lines = [
        "BERITA DAERAH", f"{p.region_kind.upper()} {p.region_upper}", "", "", "", f"NOMOR : {p.number}", "",
        f"TAHUN : {p.year}", "", f"PERATURAN {p.office} {p.region_upper}", f"NOMOR {p.number} TAHUN {p.year}", "",
        "TENTANG", "", *title_lines, "", "DENGAN RAHMAT TUHAN YANG MAHA ESA", f"{p.office} {p.region_upper},", "",
        f"- Menimbang : a. bahwa {p.topic.lower()} merupakan bagian dari pembangunan daerah yang perlu "
        "direncanakan secara terpadu;",
        "- b. bahwa untuk mencapai tujuan sebagaimana dimaksud dalam huruf a diperlukan rencana aksi daerah "
        "sebagai acuan bagi Perangkat Daerah dan pemangku kepentingan;",
        "- c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
        f"Peraturan {ot} tentang Rencana Aksi Daerah {p.topic.title()} Tahun {p.period[0]}-{p.period[1]};",
        "- Mengingat : 1. Undang-Undang Nomor 9 Tahun 1996 tentang Pembentukan Kotamadya Daerah Tingkat II "
        "Bekasi (Lembaran Negara Republik Indonesia Tahun 1996 Nomor 111, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 3663);",
        "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia "
        "Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587);",
        "3. Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pembentukan Produk Hukum Daerah (Berita "
        "Negara Republik Indonesia Tahun 2015 Nomor 2036);",
        f"4. Peraturan Daerah {p.region} Nomor 4 Tahun 2023 tentang {p.topic.title()} (Lembaran Daerah "
        f"{p.region} Tahun 2023 Nomor 4).", "", "MEMUTUSKAN :", "",
        f"Menetapkan : PERATURAN {p.office} TENTANG {title.replace(' - ', '-')}.", "",
        "BAB I", "KETENTUAN UMUM", "", "Pasal 1", "", f"Dalam Peraturan {ot} ini yang dimaksud dengan:", "",
    ]
    lines += [f"{i}. {d}" for i, d in enumerate(_definitions(p), 1)]
    n = len(p.fields)
    items = [f" - {chr(ord('a') + i)}. bidang {f.lower()}{';' if i < n - 2 else ('; dan' if i == n - 2 else '.')}"
             for i, f in enumerate(p.fields)] if n > 1 else []
    lines += [
        "", "BAB II RUANG LINGKUP Pasal 2", "",
        f"- (1) {p.abbr} meliputi {n} ({_words(n)}) bidang:" if n > 1 else f"- (1) {p.abbr} meliputi bidang "
        f"{p.fields[0].lower()}.", *items,
        f"- (2) {p.abbr} sebagaimana dimaksud pada ayat (1) tercantum dalam Lampiran yang merupakan bagian tidak "
        f"terpisahkan dari Peraturan {ot} ini.", "",
        "Pasal 3", "",
        f"- (1) Pelaksanaan {p.abbr} diselenggarakan oleh Perangkat Daerah terkait sesuai dengan tugas dan fungsinya.",
        f"- (2) Dalam pelaksanaan {p.abbr}, Perangkat Daerah sebagaimana dimaksud pada ayat (1) dapat melibatkan "
        "peran serta masyarakat.", "",
        "BAB III PEMANTAUAN, EVALUASI DAN PELAPORAN Pasal 4", "",
        f"- (1) Pemantauan dan evaluasi pelaksanaan {p.abbr} dilaksanakan oleh Pokja.",
        "- (2) Pemantauan dan evaluasi sebagaimana dimaksud pada ayat (1) dilaksanakan secara berkala setiap 1 "
        "(satu) tahun sekali.", "", "Pasal 5", "",
        f"- (1) Pokja menyampaikan laporan pelaksanaan {p.abbr} kepada {ot}.",
        "- (2) Pelaporan sebagaimana dimaksud pada ayat (1) dilaksanakan paling kurang 1 (satu) tahun sekali.",
        f"- (3) Laporan sebagaimana dimaksud pada ayat (2) disampaikan secara tertulis kepada {ot}.", "",
        "BAB IV", "KETENTUAN PENUTUP", "Pasal 6", "", f"Peraturan {ot} ini mulai berlaku pada tanggal diundangkan.",
        "", f"Agar setiap orang mengetahuinya memerintahkan pengundangan Peraturan {ot} ini dengan penempatannya "
        f"dalam Berita Daerah {p.region}.", "",
        f"Ditetapkan di {p.capital}", f"pada tanggal 10 Juni {p.year}", "", f"{p.office} {p.region_upper},", "",
        "Ttd", "", "NAMA PEJABAT", "", f"Diundangkan di {p.capital}", f"pada tanggal 10 Juni {p.year}", "",
        f"SEKRETARIS DAERAH {p.region_kind.upper()} {p.region_upper},", "", "Ttd", "", "NAMA SEKRETARIS", "",
        f"BERITA DAERAH {p.region_kind.upper()} {p.region_upper} TAHUN {p.year} NOMOR {p.number}", "",
    ]
    return lines


_UNITS_WORDS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                "sebelas"]


def _words(n: int) -> str:
    if n < 12:
        return _UNITS_WORDS[n]
    if n < 20:
        return f"{_UNITS_WORDS[n - 10]} belas"
    tens, unit = divmod(n, 10)
    return f"{_UNITS_WORDS[tens]} puluh" + (f" {_UNITS_WORDS[unit]}" if unit else "")


# -- writing text ----------------------------------------------------------------------------------

def _wrap(text: str, rng: random.Random) -> tuple[str, str]:
    """Split a long cell at a word boundary: what stays on the row, what goes to the continuation row."""
    if len(text) <= WRAP_AT or rng.random() < 0.5:
        return text, ""
    cut = text.rfind(" ", 0, WRAP_AT // 2 + rng.randint(0, WRAP_AT // 2))
    return (text, "") if cut <= 0 else (text[:cut], text[cut + 1:])


def _italic(text: str, rng: random.Random) -> str:
    if rng.random() < 0.02 and " " in text:
        a, b = text.split(" ", 1)
        return f"{a} <i>{b}</i>"
    return text


def to_text(plan: GPlan) -> str:
    """The plan as text extracted from PDF (the seeds' format)."""
    rng = random.Random(plan.seed + 1)
    out = _body_text(plan)
    out += ["LAMPIRAN", f" PERATURAN {plan.office} {plan.region_upper}", f" NOMOR {plan.number} TAHUN {plan.year}",
            f" TENTANG RENCANA AKSI DAERAH {plan.topic}", f" TAHUN {plan.period[0]}-{plan.period[1]}", ""]
    years = [str(y) for y in plan.years]
    for sec in plan.sections:
        out += [f"{sec.letter}. {sec.title}", ""]
        if sec.layout == "ppp":
            header = ["\t".join(PPP_HEADER), "\t" * 6 + "\t".join(years) + "\t\t"]
            width = len(PPP_HEADER)
            rows = list(_ppp_rows(sec, rng))
        else:
            header = ["\t".join(PUG_HEADER).replace("{b}", str(plan.period[0] - 1)), "\t" * 5 + "\t".join(years) + "\t"]
            width = len(PUG_HEADER)
            rows = list(_pug_rows(sec, rng))
        out += header
        on_page = 0
        for cells, cont in rows:
            if on_page >= ROWS_PER_PAGE and not cont:
                out += ["\t".join(["-" * rng.randint(1, 12)] * width), "", *header]
                on_page = 0
            out.append("\t".join(cells))
            on_page += 1
            if cont:  # the page breaks inside this row: the rest of its long cells come after the header
                out += ["\t".join(["-" * 3] * width), "", *header, "\t".join(cont)]
                on_page = 1
        out.append("")
    return "\n".join(out) + "\n"


def _ppp_rows(sec: GSection, rng: random.Random):
    for issue in sec.issues:
        for gi, goal in enumerate(issue.goals):
            for ii, ind in enumerate(goal.indicators):
                first_of_issue = gi == 0 and ii == 0
                issue_txt, issue_rest = _wrap(issue.text, rng) if first_of_issue else ("", "")
                goal_txt, goal_rest = _wrap(f"{goal.no} {goal.text}", rng) if ii == 0 else ("", "")
                out_txt, out_rest = _wrap(goal.outcome, rng) if ii == 0 else ("", "")
                cells = [issue.no if first_of_issue else "", _italic(issue_txt, rng), goal_txt, out_txt,
                         ind.activity, ind.unit, *ind.targets, ind.lead, ind.supporting]
                if ind.stray and not ind.lead:
                    cells[-2] = ind.stray  # a number spilling into the agency column
                cont = None
                if issue_rest or goal_rest or out_rest:
                    cont = ["", issue_rest, goal_rest, out_rest] + [""] * 9
                yield cells, cont


def _pug_rows(sec: GSection, rng: random.Random):
    for row in sec.rows:
        if isinstance(row, tuple):
            no, text, _level, agency = row
            yield [no, text, "", "", "", "", "", "", "", "", agency], None
            continue
        ind = row
        cells = [ind.no, ind.activity, _italic(ind.text, rng), ind.unit, ind.baseline, *ind.targets, ind.lead]
        if ind.stray:
            cells.append(ind.stray)  # an extra value beyond the last column
        yield cells, None


# -- writing the structured form -------------------------------------------------------------------

def _cell(raw: str) -> dict[str, Any]:
    """A typed target cell as the model holds it (radcheck.numbers' reading of the generated text)."""
    raw = raw.strip()
    if raw == "":
        return {"kind": "missing", "raw": "", "value": None}
    if raw == "-":
        return {"kind": "none", "raw": "-", "value": None}
    if raw[0].isdigit():
        return {"kind": "number", "raw": raw, "value": float(raw.replace(".", "").replace(",", "."))}
    return {"kind": "qualitative", "raw": raw, "value": None}


def _agency(raw: str, held: dict[str, Any] | None) -> dict[str, Any] | None:
    if raw:
        return {"raw": raw, "line": None, "inherited": False}
    return {**held, "inherited": True} if held else None


def _columns(layout: str, years: list[int], base_year: int) -> list[dict[str, Any]]:
    if layout == "ppp":
        head = [("no", "No"), ("issue", "Permasalahan"), ("goal", "Tujuan"), ("outcome", "Capaian"),
                ("activity", "Kegiatan"), ("unit", "Satuan")]
        tail = [("lead", "Penanggung Jawab"), ("supporting", "Instansi Pendukung")]
    else:
        head = [("no", "No"), ("activity", "Rencana Aksi (Program/ Kegiatan)"), ("indicator", "Indikator"),
                ("unit", "Satuan"), ("baseline", f"Kondisi Awal tahun {base_year}")]
        tail = [("agency", "OPD Pengampu Urusan")]
    cols = [{"role": r, "label": lbl, "year": base_year if r == "baseline" else None} for r, lbl in head]
    cols += [{"role": "target", "label": str(y), "year": y} for y in years]
    return cols + [{"role": r, "label": lbl, "year": None} for r, lbl in tail]


def _node(sec: str, kind: str, store: list[dict[str, Any]], text: str, parent: str | None, no: str | None = None,
          level: str | None = None) -> dict[str, Any]:
    plural = {"group": "groups", "issue": "issues", "goal": "goals", "outcome": "outcomes",
              "activity": "activities"}[kind]
    node = {"id": f"{sec}/{plural}/{len(store)}", "kind": kind, "level": level, "no": no, "text": text,
            "parent": parent, "lead": None, "supporting": None, "line": None, "end_line": None}
    store.append(node)
    return node


def _split_no(text: str) -> tuple[str | None, str]:
    head, _, rest = text.partition(". ")
    return (head, rest) if rest and head.isdigit() else (None, text)


def to_structured(plan: GPlan) -> dict[str, Any]:
    """The plan as radcheck's structured form: a dict for ``json.dumps``/``yaml.dump``."""
    ot = plan.office.title()
    provisions: list[dict[str, Any]] = []

    def prov(kind: str, number: str = "", text: str = "", heading: str | None = None,
             children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        return {"kind": kind, "number": number, "heading": heading, "text": text, "children": children or [],
                "line": None, "end_line": None}

    defs = _definitions(plan)
    provisions.append(prov("bab", "I", heading="KETENTUAN UMUM", children=[
        prov("pasal", "1", f"Dalam Peraturan {ot} ini yang dimaksud dengan:",
             children=[prov("angka", str(i), d) for i, d in enumerate(defs, 1)])]))
    provisions.append(prov("bab", "II", heading="RUANG LINGKUP", children=[prov("pasal", "2", children=[
        prov("ayat", "1", f"{plan.abbr} meliputi bidang " + ", ".join(f.lower() for f in plan.fields) + "."),
        prov("ayat", "2", f"{plan.abbr} sebagaimana dimaksud pada ayat (1) tercantum dalam Lampiran yang merupakan "
                          f"bagian tidak terpisahkan dari Peraturan {ot} ini.")]),
        prov("pasal", "3", children=[
            prov("ayat", "1", f"Pelaksanaan {plan.abbr} diselenggarakan oleh Perangkat Daerah terkait sesuai dengan "
                              "tugas dan fungsinya."),
            prov("ayat", "2", f"Dalam pelaksanaan {plan.abbr}, Perangkat Daerah sebagaimana dimaksud pada ayat (1) "
                              "dapat melibatkan peran serta masyarakat.")])]))
    provisions.append(prov("bab", "III", heading="PEMANTAUAN, EVALUASI DAN PELAPORAN", children=[
        prov("pasal", "4", children=[
            prov("ayat", "1", f"Pemantauan dan evaluasi pelaksanaan {plan.abbr} dilaksanakan oleh Pokja."),
            prov("ayat", "2", "Pemantauan dan evaluasi sebagaimana dimaksud pada ayat (1) dilaksanakan secara "
                              "berkala setiap 1 (satu) tahun sekali.")]),
        prov("pasal", "5", children=[
            prov("ayat", "1", f"Pokja menyampaikan laporan pelaksanaan {plan.abbr} kepada {ot}."),
            prov("ayat", "2", "Pelaporan sebagaimana dimaksud pada ayat (1) dilaksanakan paling kurang 1 (satu) "
                              "tahun sekali."),
            prov("ayat", "3", f"Laporan sebagaimana dimaksud pada ayat (2) disampaikan secara tertulis kepada {ot}.")]),
    ]))
    provisions.append(prov("bab", "IV", heading="KETENTUAN PENUTUP", children=[
        prov("pasal", "6", f"Peraturan {ot} ini mulai berlaku pada tanggal diundangkan.")]))
    definitions = []
    for i, d in enumerate(defs, 1):
        term, _, rest = d.partition(" adalah ")
        abbr = None
        form = "none"
        for word in ("disingkat", "disebut"):
            if f" yang selanjutnya {word} " in term:
                term, abbr = term.split(f" yang selanjutnya {word} ")
                form = word
        definitions.append({"no": str(i), "term": term, "abbreviation": abbr, "abbreviation_form": form,
                            "definition": rest, "raw": d, "line": None})
    title = f"RENCANA AKSI DAERAH {plan.topic} TAHUN {plan.period[0]} - {plan.period[1]}"
    doc: dict[str, Any] = {
        "schema_version": 1, "source": "", "format": "yaml", "kind": plan.kind, "office": f"{plan.office} "
        f"{plan.region_upper}", "region": plan.region, "number": plan.number, "year": plan.year, "title": title,
        "judul": f"PERATURAN {plan.office} {plan.region_upper} NOMOR {plan.number} TAHUN {plan.year} TENTANG {title}",
        "judul_line": None, "period": list(plan.period),
        "menimbang": [{"no": "a", "text": f"bahwa {plan.topic.lower()} perlu direncanakan secara terpadu;",
                       "line": None, "end_line": None}],
        "mengingat": [{"no": "1", "kind": "Undang-Undang", "issuer": None, "number": 23, "number_raw": "23",
                       "year": 2014, "title": "Pemerintahan Daerah",
                       "gazettes": ["Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244"],
                       "raw": "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara "
                              "Republik Indonesia Tahun 2014 Nomor 244);", "line": None, "end_line": None}],
        "menetapkan": f"PERATURAN {plan.office} TENTANG {title}.", "menetapkan_line": None,
        "provisions": provisions, "definitions": definitions,
        "closing": {"enacted": {"place": plan.capital, "date": f"{plan.year}-06-10", "raw": "", "line": None},
                    "promulgated": {"place": plan.capital, "date": f"{plan.year}-06-10", "raw": "", "line": None},
                    "signatories": [{"office": f"{plan.office} {plan.region_upper}", "name": None, "line": None}],
                    "gazette_heading": None,
                    "gazette_closing": {"region": plan.region, "year": plan.year, "number": plan.number, "raw": "",
                                        "line": None}},
        "lampiran": [{"raw": f"LAMPIRAN PERATURAN {plan.office} {plan.region_upper} NOMOR {plan.number} TAHUN "
                             f"{plan.year} TENTANG {title}", "kind": f"PERATURAN {plan.office} {plan.region_upper}",
                      "number": plan.number, "year": plan.year, "title": title, "line": None}],
        "sections": [_structured_section(s, plan) for s in plan.sections],
        "notes": [],
    }
    return doc


def _structured_section(sec: GSection, plan: GPlan) -> dict[str, Any]:
    s: dict[str, Any] = {"letter": sec.letter, "title": sec.title, "years": [y for y in plan.period] if
                         sec.layout == "pug" else [], "columns": _columns(sec.layout, plan.years, plan.period[0] - 1),
                         "line": None, "header_line": None, "later_headers": [], "end_line": None, "groups": [],
                         "issues": [], "goals": [], "outcomes": [], "activities": [], "indicators": []}
    L = sec.letter
    inds = s["indicators"]

    def indicator(ind: GIndicator, parent: str | None, lead: dict | None, supporting: dict | None,
                  baseline: bool) -> None:
        no, text = _split_no(ind.text)
        inds.append({"id": f"{L}/indicators/{len(inds)}", "text": text, "no": no, "unit": ind.unit or None,
                     "baseline": _cell(ind.baseline) if baseline else None,
                     "targets": {str(y): _cell(t) for y, t in zip(plan.years, ind.targets)},
                     "parent": parent, "lead": lead, "supporting": supporting, "polarity": None, "line": None,
                     "end_line": None})

    if sec.layout == "ppp":
        for issue in sec.issues:
            i_node = _node(L, "issue", s["issues"], issue.text, None, issue.no.rstrip("."))
            for goal in issue.goals:
                g_node = _node(L, "goal", s["goals"], goal.text, i_node["id"], goal.no.rstrip("."))
                o_node = _node(L, "outcome", s["outcomes"], goal.outcome, g_node["id"])
                lead = sup = None
                for ind in goal.indicators:
                    no, text = _split_no(ind.activity)
                    a_node = _node(L, "activity", s["activities"], text, o_node["id"], no)
                    lead = _agency(ind.lead, lead)
                    sup = _agency(ind.supporting, sup)
                    if ind.lead:
                        lead = {**lead, "inherited": False}
                    indicator(GIndicator(**{**ind.__dict__, "text": text}), a_node["id"], lead, sup, False)
        return s
    group: dict[str, Any] | None = None
    prog = keg = sub = None
    held: dict[str, Any] | None = None
    for row in sec.rows:
        if isinstance(row, tuple):
            no, text, level, agency = row
            if level == "group":
                group = _node(L, "group", s["groups"], text, None, no)
                prog = keg = sub = None
                continue
            keg = _node(L, "activity", s["activities"], text, prog["id"] if prog else None, no, "kegiatan")
            sub = None
            if agency:
                held = {"raw": agency, "line": None, "inherited": False}
            continue
        if row.activity_level == "program":
            prog = _node(L, "activity", s["activities"], row.activity, group["id"] if group else None, row.no,
                         "program")
            keg = sub = None
            parent = prog
        elif row.activity:
            sub = _node(L, "activity", s["activities"], row.activity, (keg or prog)["id"], None, "subkegiatan")
            parent = sub
        else:
            parent = sub or keg or prog
        held = _agency(row.lead, held)
        indicator(row, parent["id"], held, None, True)
    return s


# -- command line ----------------------------------------------------------------------------------

def write_plan(path: Path, n_indicators: int, *, seed: int = 0, layout: str = "mixed",
               defect_rate: float = 0.03) -> Path:
    """Write one generated plan; the suffix (.txt, .yaml, .json) chooses the form."""
    plan = draw_plan(n_indicators, seed=seed, layout=layout, defect_rate=defect_rate)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        path.write_text(to_text(plan), encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps(to_structured(plan), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif suffix in (".yaml", ".yml"):
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        path.write_text(yaml.dump(to_structured(plan), Dumper=dumper, sort_keys=False, allow_unicode=True,
                                  width=120), encoding="utf-8")
    else:
        raise SystemExit(f"{path}: write .txt, .yaml or .json")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("indicators", type=int, help="indicator rows per plan")
    parser.add_argument("-o", "--output", type=Path, required=True, help="a .txt/.yaml/.json file, or a folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--layout", choices=["ppp", "pug", "mixed"], default="mixed")
    parser.add_argument("--defects", type=float, default=0.03, help="defect rate per row (default 0.03)")
    parser.add_argument("--files", type=int, default=0, help="write this many plans into the folder -o")
    parser.add_argument("--suffix", default=".txt", help="with --files: .txt, .yaml or .json")
    args = parser.parse_args()
    if args.files:
        args.output.mkdir(parents=True, exist_ok=True)
        for i in range(args.files):
            write_plan(args.output / f"plan-{i:05d}{args.suffix}", args.indicators, seed=args.seed + i,
                       layout=args.layout, defect_rate=args.defects)
        print(f"wrote {args.files} plans of {args.indicators} indicators to {args.output}")
    else:
        write_plan(args.output, args.indicators, seed=args.seed, layout=args.layout, defect_rate=args.defects)
        print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
