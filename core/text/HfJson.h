// HfJson: reads a Hugging Face tokenizer folder's JSON files; errors name file, line and key.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "text/AddedTokens.h"

namespace twb::hfjson {

// The top-level object of a JSON file. Throws InputError naming the file (and the line and
// column of a syntax error) when it is missing, unreadable, not JSON or not an object.
QJsonObject readObject(const QString& path);
// The object, or an empty one when the file does not exist.
QJsonObject readObjectIfExists(const QString& path);

// The largest token id read: far above any real vocabulary (XLM-V has under 2^20 tokens).
constexpr int kMaxTokenId = (1 << 24) - 1;

// A token id: an integer from 0 to kMaxTokenId. Throws InputError naming the file and key
// otherwise.
int id(const QJsonValue& value, const QString& file, const QString& key);
// A bool member; `fallback` when absent or null. Throws InputError naming the key when it is
// present and not a bool.
bool flag(const QJsonObject& object, const QString& name, bool fallback, const QString& file,
          const QString& keyPath);
// A string member; `fallback` when absent or null. Throws InputError naming the key when it is
// present and not a string.
QString string(const QJsonObject& object, const QString& name, const QString& fallback,
               const QString& file, const QString& keyPath);

}  // namespace twb::hfjson

namespace twb {

// A token object's content (required) and lstrip / rstrip / single_word flags, as both
// tokenizer.json's added_tokens and tokenizer_config.json's special tokens write them. Throws
// InputError naming file and key.
void readAddedTokenObject(AddedToken& token, const QJsonObject& object, const QString& file,
                          const QString& key);

}  // namespace twb
