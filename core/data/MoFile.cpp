#include "data/MoFile.h"

#include <QRegularExpression>
#include <QtEndian>

#include "common/InputError.h"

namespace twb {
namespace {

constexpr quint32 kMagic = 0x950412de;
constexpr qsizetype kHeaderSize = 20;  // magic, revision, N, offset of originals, of translations

[[noreturn]] void malformed(const QString& file, const QString& what) {
  throw InputError(file, 0, 0, QStringLiteral("not a gettext .mo file: %1").arg(what));
}

class Reader {
 public:
  Reader(const QByteArray& bytes, const QString& file, bool bigEndian)
      : bytes_(bytes), file_(file), bigEndian_(bigEndian) {}

  quint32 word(qint64 offset) const {
    if (offset < 0 || offset + 4 > bytes_.size())
      malformed(file_, QStringLiteral("offset %1 is past the end").arg(offset));
    const uchar* at = reinterpret_cast<const uchar*>(bytes_.constData()) + offset;
    return bigEndian_ ? qFromBigEndian<quint32>(at) : qFromLittleEndian<quint32>(at);
  }

  // String i of the table at tableOffset: its (length, offset) pair, bytes without the NUL.
  QByteArray string(quint32 tableOffset, quint32 i) const {
    const qint64 entry = static_cast<qint64>(tableOffset) + 8 * static_cast<qint64>(i);
    const qint64 length = word(entry);
    const qint64 offset = word(entry + 4);
    if (offset + length > bytes_.size())
      malformed(file_, QStringLiteral("string %1 runs past the end").arg(i));
    return bytes_.mid(offset, length);
  }

 private:
  const QByteArray& bytes_;
  QString file_;
  bool bigEndian_;
};

bool isLatin1(const QString& header) {
  static const QRegularExpression charset(QStringLiteral("charset=([A-Za-z0-9_-]+)"));
  const QString name = charset.match(header).captured(1).toUpper();
  return name == QLatin1String("ISO-8859-1") || name == QLatin1String("LATIN1");
}

}  // namespace

MoCatalog parseMo(const QByteArray& bytes, const QString& file) {
  if (bytes.size() < kHeaderSize) malformed(file, QStringLiteral("too short"));
  const uchar* start = reinterpret_cast<const uchar*>(bytes.constData());
  bool bigEndian = false;
  if (qFromLittleEndian<quint32>(start) == kMagic)
    bigEndian = false;
  else if (qFromBigEndian<quint32>(start) == kMagic)
    bigEndian = true;
  else
    malformed(file, QStringLiteral("wrong magic number"));
  const Reader reader(bytes, file, bigEndian);
  // Major revision 1 adds system-dependent strings (messages using <inttypes.h> macros) in tables
  // of their own; the plain tables read the same, and those few messages are left out.
  const quint32 major = reader.word(4) >> 16;
  if (major > 1) malformed(file, QStringLiteral("unknown major revision %1").arg(major));
  const quint32 count = reader.word(8);
  const quint32 originals = reader.word(12);
  const quint32 translations = reader.word(16);
  if (static_cast<qint64>(count) * 8 > bytes.size())
    malformed(file, QStringLiteral("%1 strings cannot fit").arg(count));

  QVector<QPair<QByteArray, QByteArray>> raw;
  raw.reserve(count);
  QString header;
  bool latin1 = false;
  // A catalog stores each string once; entries that point at one long string again and again
  // would multiply it in memory (a 64 KiB file could ask for gigabytes).
  const qint64 maxReferenced = 4 * static_cast<qint64>(bytes.size()) + (1 << 20);
  qint64 referenced = 0;
  for (quint32 i = 0; i < count; ++i) {
    const QByteArray source = reader.string(originals, i);
    const QByteArray translation = reader.string(translations, i);
    referenced += source.size() + translation.size();
    if (referenced > maxReferenced)
      malformed(file, QStringLiteral("its strings overlap: they would take more than %1 bytes, "
                                     "four times the file's size")
                          .arg(maxReferenced));
    if (source.isEmpty()) {
      header = QString::fromUtf8(translation);
      latin1 = isLatin1(header);
      continue;
    }
    raw.push_back({source, translation});
  }

  const auto decode = [latin1](const QByteArray& text) {
    return latin1 ? QString::fromLatin1(text) : QString::fromUtf8(text);
  };
  MoCatalog catalog;
  catalog.header = header;
  catalog.messages.reserve(raw.size());
  for (const auto& [source, translation] : raw) {
    MoMessage message;
    QByteArray id = source;
    const qsizetype contextEnd = id.indexOf('\x04');
    if (contextEnd >= 0) {
      message.context = decode(id.left(contextEnd));
      id = id.mid(contextEnd + 1);
    }
    const qsizetype pluralAt = id.indexOf('\0');
    message.plural = pluralAt >= 0;
    message.source = decode(message.plural ? id.left(pluralAt) : id);
    const qsizetype formEnd = translation.indexOf('\0');
    message.translation = decode(formEnd >= 0 ? translation.left(formEnd) : translation);
    catalog.messages.push_back(message);
  }
  return catalog;
}

}  // namespace twb
