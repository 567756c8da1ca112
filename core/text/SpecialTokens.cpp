#include "text/SpecialTokens.h"

#include <QJsonArray>

#include "common/FamilyTraits.h"
#include "common/InputError.h"
#include "text/HfJson.h"

namespace twb {
namespace {

AddedToken token(const char* content, bool lstrip = false) {
  AddedToken t;
  t.content = QString::fromUtf8(content);
  t.lstrip = lstrip;
  return t;
}

// A string keeps the token's flags (Hugging Face wraps RoBERTa's "<mask>" string in an
// lstrip AddedToken); an object sets them.
void applyValue(AddedToken& target, const QJsonValue& value, const QString& file,
                const QString& key) {
  if (value.isUndefined() || value.isNull()) return;
  if (value.isString()) {
    target.content = value.toString();
    return;
  }
  if (!value.isObject())
    throw InputError(file, 0, 0,
                     QStringLiteral("key '%1': expected a string or a token object").arg(key));
  readAddedTokenObject(target, value.toObject(), file, key);
}

}  // namespace

SpecialTokenSet SpecialTokenSet::forFamily(const QString& modelType) {
  const FamilyTraits* family = familyOfHfType(modelType);
  const SpecialTokenStrings& strings =
      (family ? *family : familyTraits(vocab::Family::Bert)).specials;
  SpecialTokenSet s;
  s.pad = token(strings.pad);
  s.unk = token(strings.unk);
  s.cls = token(strings.cls);
  s.sep = token(strings.sep);
  s.mask = token(strings.mask, strings.maskTakesSpaceBefore);
  for (const char* extra : strings.extra) s.extra << token(extra);
  return s;
}

void SpecialTokenSet::apply(const QJsonObject& config, const QString& file) {
  applyValue(pad, config.value(QStringLiteral("pad_token")), file, QStringLiteral("pad_token"));
  applyValue(unk, config.value(QStringLiteral("unk_token")), file, QStringLiteral("unk_token"));
  applyValue(cls, config.value(QStringLiteral("cls_token")), file, QStringLiteral("cls_token"));
  applyValue(sep, config.value(QStringLiteral("sep_token")), file, QStringLiteral("sep_token"));
  applyValue(mask, config.value(QStringLiteral("mask_token")), file, QStringLiteral("mask_token"));
  for (const char* key : {"bos_token", "eos_token"}) {
    const QJsonValue v = config.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) continue;
    AddedToken t;
    applyValue(t, v, file, QLatin1String(key));
    extra << t;
  }
  const QJsonValue more = config.value(QStringLiteral("additional_special_tokens"));
  if (more.isUndefined() || more.isNull()) return;
  if (!more.isArray())
    throw InputError(file, 0, 0,
                     QStringLiteral("key 'additional_special_tokens': expected a list"));
  const QJsonArray list = more.toArray();
  for (int i = 0; i < list.size(); ++i) {
    AddedToken t;
    applyValue(t, list[i], file, QStringLiteral("additional_special_tokens[%1]").arg(i));
    extra << t;
  }
}

QList<AddedToken> SpecialTokenSet::all() const {
  QList<AddedToken> out{pad, unk, cls, sep, mask};
  for (const AddedToken& t : extra) {
    bool seen = t.content.isEmpty();
    for (const AddedToken& o : out) seen = seen || o.content == t.content;
    if (!seen) out << t;
  }
  return out;
}

}  // namespace twb
