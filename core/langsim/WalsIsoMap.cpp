#include "langsim/WalsIsoMap.h"

namespace twb {

const QVector<std::pair<QString, QString>>& walsIsoTable() {
  // Checked against the names in WALS and iso-codes, with notes where the choice is not
  // obvious. Languages whose WALS name equals their ISO name are matched by name instead.
  static const QVector<std::pair<QString, QString>> table = [] {
    const char* pairs[][2] = {
        // Mandarin stands for Chinese (zh) as well as for Mandarin Chinese.
        {"mnd", "zho"},
        {"mnd", "cmn"},
        {"cnt", "yue"},
        // Modern Standard Arabic (20 features) stands for Arabic (ar): Arabic text is MSA, and
        // Egyptian (120 features) differs in word order (SVO, MSA VSO).
        {"ams", "ara"},
        {"ams", "arb"},
        {"aeg", "arz"},
        {"amr", "ary"},
        {"asy", "apc"},
        {"arg", "afb"},
        {"grk", "ell"},
        {"heb", "heb"},
        {"swa", "swa"},
        {"swa", "swh"},
        {"arm", "hye"},
        {"arw", "hyw"},
        {"nep", "nep"},
        {"nep", "npi"},
        {"psh", "pus"},
        {"krd", "ckb"},
        {"prs", "fas"},
        {"prs", "pes"},
        {"est", "est"},
        {"est", "ekk"},
        {"lat", "lav"},
        {"lat", "lvs"},
        {"mly", "msa"},
        {"mly", "zsm"},
        {"kha", "mon"},
        {"kha", "khk"},
        {"gua", "grn"},
        {"gua", "gug"},
        {"scr", "hbs"},
        {"scr", "srp"},
        {"scr", "hrv"},
        {"scr", "bos"},
        {"tib", "bod"},
        {"orh", "hae"},
        {"qim", "qvi"},
        {"gae", "gla"},
        {"fri", "fry"},
        {"grw", "kal"},
        {"abk", "abk"},
        {"lez", "lez"},
        {"chk", "ckt"},
        {"lkt", "lkt"},
        {"ain", "ain"},
        {"niv", "niv"},
        {"tuv", "tyv"},
        {"uzb", "uzb"},
        {"uzb", "uzn"},
        {"aze", "aze"},
        {"aze", "azj"},
        {"alb", "sqi"},
        {"alb", "als"},
        {"ydd", "yid"},
        {"ydd", "ydd"},
        {"mal", "mlg"},
        {"mal", "plt"},
        {"nor", "nor"},
        {"nor", "nob"},
        {"uyg", "uig"},
        {"oss", "oss"},
        {"tng", "ton"},
        {"slo", "slv"},
        {"hcr", "hat"},
        {"lda", "lug"},
        {"stn", "nso"},
        {"kbl", "kab"},
        {"tas", "shi"},
        {"bma", "tzm"},
        {"ctl", "cat"},
        {"rom", "ron"},
        {"dut", "nld"},
        {"geo", "kat"},
        {"bsq", "eus"},
        {"mym", "mal"},
        {"tag", "tgl"},
        {"brm", "mya"},
        {"mhi", "mar"},
        {"kgz", "kir"},
        {"wel", "cym"},
        {"iri", "gle"},
        {"mao", "mri"},
        {"snh", "sin"},
    };
    QVector<std::pair<QString, QString>> out;
    for (const auto& pair : pairs)
      out.append({QString::fromLatin1(pair[0]), QString::fromLatin1(pair[1])});
    return out;
  }();
  return table;
}

}  // namespace twb
