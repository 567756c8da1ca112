#include "data/LanguageCodes.h"

#include <QHash>
#include <QRegularExpression>

namespace twb {
namespace {

struct LanguageRow {
  const char* iso6393;
  const char* iso6391;  // nullptr when the language has none
  const char* name;
};

// Every language that has an ISO 639-1 code: its 639-3 code, 639-1 code and English name.
// Source: Debian's iso-codes 4.15 (iso_639-3.json: alpha_3, alpha_2, name), which follows SIL's
// ISO 639-3 code tables; a few names shortened to their common form ("Greek", "Pashto").
const LanguageRow kWithTwoLetters[] = {
    {"aar", "aa", "Afar"},
    {"abk", "ab", "Abkhazian"},
    {"ave", "ae", "Avestan"},
    {"afr", "af", "Afrikaans"},
    {"aka", "ak", "Akan"},
    {"amh", "am", "Amharic"},
    {"arg", "an", "Aragonese"},
    {"ara", "ar", "Arabic"},
    {"asm", "as", "Assamese"},
    {"ava", "av", "Avaric"},
    {"aym", "ay", "Aymara"},
    {"aze", "az", "Azerbaijani"},
    {"bak", "ba", "Bashkir"},
    {"bel", "be", "Belarusian"},
    {"bul", "bg", "Bulgarian"},
    {"bis", "bi", "Bislama"},
    {"bam", "bm", "Bambara"},
    {"ben", "bn", "Bengali"},
    {"bod", "bo", "Tibetan"},
    {"bre", "br", "Breton"},
    {"bos", "bs", "Bosnian"},
    {"cat", "ca", "Catalan"},
    {"che", "ce", "Chechen"},
    {"cha", "ch", "Chamorro"},
    {"cos", "co", "Corsican"},
    {"cre", "cr", "Cree"},
    {"ces", "cs", "Czech"},
    {"chu", "cu", "Church Slavonic"},
    {"chv", "cv", "Chuvash"},
    {"cym", "cy", "Welsh"},
    {"dan", "da", "Danish"},
    {"deu", "de", "German"},
    {"div", "dv", "Dhivehi"},
    {"dzo", "dz", "Dzongkha"},
    {"ewe", "ee", "Ewe"},
    {"ell", "el", "Greek"},
    {"eng", "en", "English"},
    {"epo", "eo", "Esperanto"},
    {"spa", "es", "Spanish"},
    {"est", "et", "Estonian"},
    {"eus", "eu", "Basque"},
    {"fas", "fa", "Persian"},
    {"ful", "ff", "Fulah"},
    {"fin", "fi", "Finnish"},
    {"fij", "fj", "Fijian"},
    {"fao", "fo", "Faroese"},
    {"fra", "fr", "French"},
    {"fry", "fy", "Western Frisian"},
    {"gle", "ga", "Irish"},
    {"gla", "gd", "Scottish Gaelic"},
    {"glg", "gl", "Galician"},
    {"grn", "gn", "Guarani"},
    {"guj", "gu", "Gujarati"},
    {"glv", "gv", "Manx"},
    {"hau", "ha", "Hausa"},
    {"heb", "he", "Hebrew"},
    {"hin", "hi", "Hindi"},
    {"hmo", "ho", "Hiri Motu"},
    {"hrv", "hr", "Croatian"},
    {"hat", "ht", "Haitian Creole"},
    {"hun", "hu", "Hungarian"},
    {"hye", "hy", "Armenian"},
    {"her", "hz", "Herero"},
    {"ina", "ia", "Interlingua"},
    {"ind", "id", "Indonesian"},
    {"ile", "ie", "Interlingue"},
    {"ibo", "ig", "Igbo"},
    {"iii", "ii", "Sichuan Yi"},
    {"ipk", "ik", "Inupiaq"},
    {"ido", "io", "Ido"},
    {"isl", "is", "Icelandic"},
    {"ita", "it", "Italian"},
    {"iku", "iu", "Inuktitut"},
    {"jpn", "ja", "Japanese"},
    {"jav", "jv", "Javanese"},
    {"kat", "ka", "Georgian"},
    {"kon", "kg", "Kongo"},
    {"kik", "ki", "Kikuyu"},
    {"kua", "kj", "Kuanyama"},
    {"kaz", "kk", "Kazakh"},
    {"kal", "kl", "Greenlandic"},
    {"khm", "km", "Khmer"},
    {"kan", "kn", "Kannada"},
    {"kor", "ko", "Korean"},
    {"kau", "kr", "Kanuri"},
    {"kas", "ks", "Kashmiri"},
    {"kur", "ku", "Kurdish"},
    {"kom", "kv", "Komi"},
    {"cor", "kw", "Cornish"},
    {"kir", "ky", "Kyrgyz"},
    {"lat", "la", "Latin"},
    {"ltz", "lb", "Luxembourgish"},
    {"lug", "lg", "Ganda"},
    {"lim", "li", "Limburgan"},
    {"lin", "ln", "Lingala"},
    {"lao", "lo", "Lao"},
    {"lit", "lt", "Lithuanian"},
    {"lub", "lu", "Luba-Katanga"},
    {"lav", "lv", "Latvian"},
    {"mlg", "mg", "Malagasy"},
    {"mah", "mh", "Marshallese"},
    {"mri", "mi", "Maori"},
    {"mkd", "mk", "Macedonian"},
    {"mal", "ml", "Malayalam"},
    {"mon", "mn", "Mongolian"},
    {"mar", "mr", "Marathi"},
    {"msa", "ms", "Malay"},
    {"mlt", "mt", "Maltese"},
    {"mya", "my", "Burmese"},
    {"nau", "na", "Nauru"},
    {"nob", "nb", "Norwegian Bokmål"},
    {"nde", "nd", "North Ndebele"},
    {"nep", "ne", "Nepali"},
    {"ndo", "ng", "Ndonga"},
    {"nld", "nl", "Dutch"},
    {"nno", "nn", "Norwegian Nynorsk"},
    {"nor", "no", "Norwegian"},
    {"nbl", "nr", "South Ndebele"},
    {"nav", "nv", "Navajo"},
    {"nya", "ny", "Nyanja"},
    {"oci", "oc", "Occitan"},
    {"oji", "oj", "Ojibwa"},
    {"orm", "om", "Oromo"},
    {"ori", "or", "Odia"},
    {"oss", "os", "Ossetian"},
    {"pan", "pa", "Punjabi"},
    {"pli", "pi", "Pali"},
    {"pol", "pl", "Polish"},
    {"pus", "ps", "Pashto"},
    {"por", "pt", "Portuguese"},
    {"que", "qu", "Quechua"},
    {"roh", "rm", "Romansh"},
    {"run", "rn", "Rundi"},
    {"ron", "ro", "Romanian"},
    {"rus", "ru", "Russian"},
    {"kin", "rw", "Kinyarwanda"},
    {"san", "sa", "Sanskrit"},
    {"srd", "sc", "Sardinian"},
    {"snd", "sd", "Sindhi"},
    {"sme", "se", "Northern Sami"},
    {"sag", "sg", "Sango"},
    {"hbs", "sh", "Serbo-Croatian"},
    {"sin", "si", "Sinhala"},
    {"slk", "sk", "Slovak"},
    {"slv", "sl", "Slovenian"},
    {"smo", "sm", "Samoan"},
    {"sna", "sn", "Shona"},
    {"som", "so", "Somali"},
    {"sqi", "sq", "Albanian"},
    {"srp", "sr", "Serbian"},
    {"ssw", "ss", "Swati"},
    {"sot", "st", "Southern Sotho"},
    {"sun", "su", "Sundanese"},
    {"swe", "sv", "Swedish"},
    {"swa", "sw", "Swahili"},
    {"tam", "ta", "Tamil"},
    {"tel", "te", "Telugu"},
    {"tgk", "tg", "Tajik"},
    {"tha", "th", "Thai"},
    {"tir", "ti", "Tigrinya"},
    {"tuk", "tk", "Turkmen"},
    {"tgl", "tl", "Tagalog"},
    {"tsn", "tn", "Tswana"},
    {"ton", "to", "Tongan"},
    {"tur", "tr", "Turkish"},
    {"tso", "ts", "Tsonga"},
    {"tat", "tt", "Tatar"},
    {"twi", "tw", "Twi"},
    {"tah", "ty", "Tahitian"},
    {"uig", "ug", "Uyghur"},
    {"ukr", "uk", "Ukrainian"},
    {"urd", "ur", "Urdu"},
    {"uzb", "uz", "Uzbek"},
    {"ven", "ve", "Venda"},
    {"vie", "vi", "Vietnamese"},
    {"vol", "vo", "Volapük"},
    {"wln", "wa", "Walloon"},
    {"wol", "wo", "Wolof"},
    {"xho", "xh", "Xhosa"},
    {"yid", "yi", "Yiddish"},
    {"yor", "yo", "Yoruba"},
    {"zha", "za", "Zhuang"},
    {"zho", "zh", "Chinese"},
    {"zul", "zu", "Zulu"},
};
// Languages without a 639-1 code that the catalog's corpora name by their 639-3 code.
const LanguageRow kThreeLetterOnly[] = {
    {"ang", nullptr, "Old English"},
    {"ast", nullptr, "Asturian"},
    {"bew", nullptr, "Betawi"},
    {"bgn", nullptr, "Western Balochi"},
    {"blo", nullptr, "Anii"},
    {"ccp", nullptr, "Chakma"},
    {"ceb", nullptr, "Cebuano"},
    {"chr", nullptr, "Cherokee"},
    {"ckb", nullptr, "Central Kurdish"},
    {"crh", nullptr, "Crimean Tatar"},
    {"doi", nullptr, "Dogri"},
    {"dsb", nullptr, "Lower Sorbian"},
    {"fil", nullptr, "Filipino"},
    {"frr", nullptr, "Northern Frisian"},
    {"fur", nullptr, "Friulian"},
    {"hsb", nullptr, "Upper Sorbian"},
    {"kab", nullptr, "Kabyle"},
    {"kok", nullptr, "Konkani"},
    {"lij", nullptr, "Ligurian"},
    {"mai", nullptr, "Maithili"},
    {"mni", nullptr, "Manipuri"},
    {"nds", nullptr, "Low German"},
    {"nso", nullptr, "Northern Sotho"},
    {"pap", nullptr, "Papiamento"},
    {"pcm", nullptr, "Nigerian Pidgin"},
    {"quc", nullptr, "K'iche'"},
    {"rhg", nullptr, "Rohingya"},
    {"sat", nullptr, "Santali"},
    {"shn", nullptr, "Shan"},
    {"syr", nullptr, "Syriac"},
    {"vec", nullptr, "Venetian"},
    {"yue", nullptr, "Yue Chinese"},
};

// Individual languages written with their macrolanguage's 639-1 code, as BCP 47 and CLDR do:
// the standard variety that the two-letter code denotes in practice. Source: SIL's ISO 639-3
// macrolanguage mappings (iso-639-3-macrolanguages.tab). Other members keep their own code.
// zlm ("Malay", the UDHR's code for its standard Malay text) joins zsm as "ms".
const char* const kMacrolanguageMembers[][2] = {
    {"als", "sq"}, {"arb", "ar"}, {"ayr", "ay"}, {"azj", "az"}, {"cmn", "zh"}, {"ekk", "et"},
    {"gaz", "om"}, {"gug", "gn"}, {"ike", "iu"}, {"khk", "mn"}, {"kmr", "ku"}, {"knc", "kr"},
    {"kng", "kg"}, {"lvs", "lv"}, {"npi", "ne"}, {"ory", "or"}, {"pbu", "ps"}, {"pes", "fa"},
    {"plt", "mg"}, {"quz", "qu"}, {"src", "sc"}, {"swh", "sw"}, {"uzn", "uz"}, {"ydd", "yi"},
    {"zlm", "ms"}, {"zsm", "ms"}, {"zyb", "za"}};

// Two-letter codes written another way elsewhere: CLDR's "no" holds Norwegian Bokmål (the
// "nb" of GTK and UDHR); the rest are ISO 639-1 codes withdrawn in favour of the second.
const char* const kTwoLetterAliases[][2] = {
    {"no", "nb"}, {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"mo", "ro"}};

struct Tables {
  QHash<QString, QString> toCode;  // 639-3 code or alias -> code
  QHash<QString, QString> names;   // code -> English name
};

const Tables& tables() {
  static const Tables built = [] {
    Tables t;
    for (const LanguageRow& row : kWithTwoLetters) {
      t.toCode.insert(QLatin1String(row.iso6393), QLatin1String(row.iso6391));
      t.names.insert(QLatin1String(row.iso6391), QString::fromUtf8(row.name));
    }
    for (const LanguageRow& row : kThreeLetterOnly)
      t.names.insert(QLatin1String(row.iso6393), QString::fromUtf8(row.name));
    for (const auto& member : kMacrolanguageMembers)
      t.toCode.insert(QLatin1String(member[0]), QLatin1String(member[1]));
    for (const auto& alias : kTwoLetterAliases)
      t.toCode.insert(QLatin1String(alias[0]), QLatin1String(alias[1]));
    return t;
  }();
  return built;
}

}  // namespace

QString languageCode(const QString& tag) {
  static const QRegularExpression separators(QStringLiteral("[-_@.]"));
  static const QRegularExpression code(QStringLiteral("^[a-z]{2,3}$"));
  const QString primary = tag.trimmed().section(separators, 0, 0).toLower();
  if (!code.match(primary).hasMatch()) return QString();
  if (primary == QLatin1String("und") || primary == QLatin1String("mul") ||
      primary == QLatin1String("zxx") || primary == QLatin1String("mis"))
    return QString();
  return tables().toCode.value(primary, primary);
}

QString languageName(const QString& code) { return tables().names.value(code); }

}  // namespace twb
