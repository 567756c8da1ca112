// MoFile: reads a compiled gettext message catalog (.mo) from its bytes, either byte order.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace twb {

struct MoMessage {
  QString context;      // msgctxt; empty when the message has none
  QString source;       // msgid (the English source string); the singular when it has plurals
  QString translation;  // msgstr; the first form when it has plurals
  bool plural = false;
};

struct MoCatalog {
  QString header;  // the translation of the empty msgid: "Content-Type: ...; charset=UTF-8" ...
  QVector<MoMessage> messages;  // in the file's order (sorted by msgid), the header left out
};

// Parses a .mo file: magic 0x950412de in either byte order, major revision 0 or 1 (whose
// system-dependent strings are not read), N strings, and the
// tables of (length, offset) of the originals and of the translations. A key "ctx\x04id" splits
// into context and source; "a\0b" (plural forms) keeps the first. Text is decoded as UTF-8 (the
// header's charset when it names ISO-8859-1). Throws InputError naming file when the bytes are
// not a .mo file or point outside it.
MoCatalog parseMo(const QByteArray& bytes, const QString& file);

}  // namespace twb
