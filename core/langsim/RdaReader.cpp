#include "langsim/RdaReader.h"

#include <QFile>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <limits>

#include "common/InputError.h"
#include "langsim/Decompress.h"

namespace twb {
namespace {

// SEXP type codes and the serializer's pseudo-types (R's serialize.c).
enum : int {
  kNilSxp = 0,
  kSymSxp = 1,
  kListSxp = 2,
  kCloSxp = 3,
  kEnvSxp = 4,
  kPromSxp = 5,
  kLangSxp = 6,
  kCharSxp = 9,
  kLglSxp = 10,
  kIntSxp = 13,
  kRealSxp = 14,
  kCplxSxp = 15,
  kStrSxp = 16,
  kDotSxp = 17,
  kVecSxp = 19,
  kExprSxp = 20,
  kRawSxp = 24,
  kS4Sxp = 25,
  kAltrepSxp = 238,
  kAttrListSxp = 239,
  kAttrLangSxp = 240,
  kBaseEnvSxp = 241,
  kEmptyEnvSxp = 242,
  kGlobalEnvSxp = 253,
  kNilValueSxp = 254,
  kRefSxp = 255,
  kUnboundValueSxp = 252,
  kMissingArgSxp = 251,
  kBaseNamespaceSxp = 250,
  kNamespaceSxp = 249,
  kPackageSxp = 248,
};

constexpr int kHasAttr = 1 << 9;
constexpr int kHasTag = 1 << 10;
constexpr int kLatin1Mask = 1 << 2;
constexpr int kMaxDepth = 10000;
constexpr double kIntMax = std::numeric_limits<int>::max();

class XdrReader {
 public:
  XdrReader(const QByteArray& bytes, qsizetype pos, const QString& what)
      : bytes_(bytes), pos_(pos), what_(what) {}

  [[noreturn]] void fail(const QString& message) const {
    throw InputError(what_, 0, 0, QStringLiteral("%1 (at byte %2)").arg(message).arg(pos_));
  }

  void need(qsizetype count) const {
    if (count < 0 || bytes_.size() - pos_ < count) fail(QStringLiteral("unexpected end of data"));
  }

  int readInt() {
    need(4);
    const auto value = qFromBigEndian<qint32>(bytes_.constData() + pos_);
    pos_ += 4;
    return value;
  }

  double readDouble() {
    need(8);
    const quint64 bits = qFromBigEndian<quint64>(bytes_.constData() + pos_);
    pos_ += 8;
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }

  QByteArray readBytes(qsizetype count) {
    need(count);
    QByteArray out = bytes_.mid(pos_, count);
    pos_ += count;
    return out;
  }

  // A vector length: an int, or -1 followed by two ints for a long vector.
  qsizetype readLength() {
    const int length = readInt();
    if (length >= 0) return length;
    if (length != -1) fail(QStringLiteral("negative vector length"));
    const quint64 upper = static_cast<quint32>(readInt());
    const quint64 lower = static_cast<quint32>(readInt());
    const quint64 full = (upper << 32) | lower;
    // Every element takes at least one byte, which bounds what a corrupt length can ask for.
    if (full > static_cast<quint64>(bytes_.size() - pos_))
      fail(QStringLiteral("vector length too large"));
    return static_cast<qsizetype>(full);
  }

  void readHeader() {
    if (readBytes(2) != "X\n") fail(QStringLiteral("not R's XDR serialization format"));
    const int version = readInt();
    readInt();  // the writer's R version
    readInt();  // the oldest R version that can read it
    if (version == 3) {
      const int length = readInt();
      readBytes(length);  // the writer's native encoding
    } else if (version != 2) {
      fail(QStringLiteral("unsupported serialization version %1").arg(version));
    }
  }

  RObjectPtr readItem(int depth = 0) {
    if (depth > kMaxDepth) fail(QStringLiteral("objects nested too deeply"));
    const int flags = readInt();
    const int type = flags & 0xff;
    switch (type) {
      case kNilValueSxp:
        return std::make_shared<RObject>();
      case kEmptyEnvSxp:
      case kBaseEnvSxp:
      case kGlobalEnvSxp:
      case kBaseNamespaceSxp:
        return environment();
      case kUnboundValueSxp:
      case kMissingArgSxp:
        return other();
      case kRefSxp:
        return reference(flags);
      case kNamespaceSxp:
      case kPackageSxp:
        return persistentName(depth);
      case kSymSxp:
        return symbol(depth);
      case kEnvSxp:
        return environmentBody(depth);
      case kListSxp:
      case kLangSxp:
      case kCloSxp:
      case kPromSxp:
      case kDotSxp:
      case kAttrListSxp:
      case kAttrLangSxp:
        return pairlist(flags, depth);
      case kAltrepSxp:
        return altrep(depth);
      default:
        break;
    }
    auto object = std::make_shared<RObject>();
    readVector(*object, type, flags, depth);
    if (flags & kHasAttr) readAttributes(*object, depth);
    return object;
  }

 private:
  static RObjectPtr environment() {
    auto object = std::make_shared<RObject>();
    object->type = RObject::Type::Environment;
    return object;
  }

  static RObjectPtr other() {
    auto object = std::make_shared<RObject>();
    object->type = RObject::Type::Other;
    return object;
  }

  RObjectPtr reference(int flags) {
    int index = flags >> 8;
    if (index == 0) index = readInt();
    if (index < 1 || index > refs_.size()) fail(QStringLiteral("bad reference %1").arg(index));
    return refs_[index - 1];
  }

  RObjectPtr persistentName(int depth) {
    if (readInt() != 0) fail(QStringLiteral("bad namespace or package name"));
    const qsizetype count = readInt();
    for (qsizetype i = 0; i < count; ++i) readItem(depth + 1);
    RObjectPtr object = environment();
    refs_ << object;
    return object;
  }

  RObjectPtr symbol(int depth) {
    const RObjectPtr name = readItem(depth + 1);
    auto object = std::make_shared<RObject>();
    object->type = RObject::Type::Symbol;
    object->symbol = name->strings.value(0);
    refs_ << object;
    return object;
  }

  RObjectPtr environmentBody(int depth) {
    auto object = std::make_shared<RObject>();
    object->type = RObject::Type::Environment;
    refs_ << object;  // registered before its contents, which may refer back to it
    readInt();        // locked
    for (int part = 0; part < 4; ++part) readItem(depth + 1);  // enclosure, frame, hash, attrib
    return object;
  }

  // Pairlists are read iteratively along their CDR so long ones cost no stack.
  RObjectPtr pairlist(int flags, int depth) {
    auto object = std::make_shared<RObject>();
    const int type = flags & 0xff;
    const bool plain = type == kListSxp || type == kAttrListSxp;
    object->type = plain ? RObject::Type::Pairlist : RObject::Type::Other;
    bool first = true;
    while (true) {
      if (flags & kHasAttr) {
        if (first)
          readAttributes(*object, depth);
        else
          readItem(depth + 1);
      }
      QString tag;
      if (flags & kHasTag) tag = readItem(depth + 1)->symbol;
      object->tags << tag;
      object->items << readItem(depth + 1);
      first = false;
      flags = readInt();
      const int next = flags & 0xff;
      if (next == kNilValueSxp) break;
      if (next != type && !(plain && (next == kListSxp || next == kAttrListSxp))) {
        pos_ -= 4;  // an unusual tail: read it as a whole item and drop it
        readItem(depth + 1);
        break;
      }
    }
    return object;
  }

  RObjectPtr altrep(int depth) {
    const RObjectPtr info = readItem(depth + 1);
    const RObjectPtr state = readItem(depth + 1);
    const RObjectPtr attributes = readItem(depth + 1);
    const QString kind = info->items.isEmpty() ? QString() : info->items.front()->symbol;
    auto object = std::make_shared<RObject>();
    if (kind == QLatin1String("compact_intseq") || kind == QLatin1String("compact_realseq")) {
      const QVector<double> spec = state->asDoubles();  // length, first, step
      if (spec.size() != 3 || !(spec[0] >= 0) || spec[0] > bytes_.size() * 8.0)
        fail(QStringLiteral("bad compact sequence"));
      const bool integer = kind == QLatin1String("compact_intseq");
      // A sequence is linear: its ends bound every value (NaN fails both tests).
      const double last = spec[1] + (spec[0] - 1) * spec[2];
      if (integer && spec[0] > 0 && !(std::abs(spec[1]) <= kIntMax && std::abs(last) <= kIntMax))
        fail(QStringLiteral("compact integer sequence outside the integer range"));
      object->type = integer ? RObject::Type::Integer : RObject::Type::Double;
      for (qint64 i = 0; i < qint64(spec[0]); ++i) {
        const double value = spec[1] + double(i) * spec[2];
        if (integer)
          object->integers << int(value);
        else
          object->doubles << value;
      }
    } else if (kind.startsWith(QLatin1String("wrap_")) && !state->items.isEmpty()) {
      *object = *state->items.front();
    } else if (kind == QLatin1String("deferred_string") && !state->items.isEmpty()) {
      object->type = RObject::Type::Character;
      object->strings = state->items.front()->asStrings();
    } else {
      fail(QStringLiteral("unsupported ALTREP class '%1'").arg(kind));
    }
    if (attributes->type == RObject::Type::Pairlist)
      for (qsizetype i = 0; i < attributes->items.size(); ++i)
        object->attributes.append({attributes->tags.value(i), attributes->items[i]});
    return object;
  }

  void readAttributes(RObject& object, int depth) {
    const RObjectPtr list = readItem(depth + 1);
    if (list->type != RObject::Type::Pairlist) return;
    for (qsizetype i = 0; i < list->items.size(); ++i)
      object.attributes.append({list->tags.value(i), list->items[i]});
  }

  QString readCharsxp(int flags) {
    const int length = readInt();
    if (length == -1) return QString();  // NA_STRING
    const QByteArray text = readBytes(length);
    if (flags & kLatin1Mask) return QString::fromLatin1(text);
    return text.isEmpty() ? QString(QLatin1String("")) : QString::fromUtf8(text);
  }

  void readVector(RObject& object, int type, int flags, int depth) {
    switch (type) {
      case kCharSxp:  // only seen inside symbols; kept as a one-string character vector
        object.type = RObject::Type::Character;
        object.strings << readCharsxp(flags >> 12);
        return;
      case kLglSxp:
      case kIntSxp: {
        object.type = type == kLglSxp ? RObject::Type::Logical : RObject::Type::Integer;
        const qsizetype length = readLength();
        need(length * 4);
        object.integers.reserve(length);
        for (qsizetype i = 0; i < length; ++i) object.integers << readInt();
        return;
      }
      case kRealSxp:
      case kCplxSxp: {
        object.type = type == kRealSxp ? RObject::Type::Double : RObject::Type::Complex;
        const qsizetype count = readLength() * (type == kCplxSxp ? 2 : 1);
        need(count * 8);
        object.doubles.reserve(count);
        for (qsizetype i = 0; i < count; ++i) object.doubles << readDouble();
        return;
      }
      case kStrSxp: {
        object.type = RObject::Type::Character;
        const qsizetype length = readLength();
        need(length * 4);
        for (qsizetype i = 0; i < length; ++i) {
          const int itemFlags = readInt();
          if ((itemFlags & 0xff) != kCharSxp) fail(QStringLiteral("bad string in a vector"));
          object.strings << readCharsxp(itemFlags >> 12);
        }
        return;
      }
      case kVecSxp:
      case kExprSxp: {
        object.type = RObject::Type::List;
        const qsizetype length = readLength();
        need(length * 4);
        for (qsizetype i = 0; i < length; ++i) object.items << readItem(depth + 1);
        return;
      }
      case kRawSxp:
        object.type = RObject::Type::Raw;
        object.raw = readBytes(readLength());
        return;
      case kS4Sxp:
      case kNilSxp:
        object.type = RObject::Type::Other;
        return;
      default:
        fail(QStringLiteral("unsupported R object type %1").arg(type));
    }
  }

  const QByteArray& bytes_;
  qsizetype pos_;
  QString what_;
  QVector<RObjectPtr> refs_;
};

}  // namespace

RObjectPtr unserializeR(const QByteArray& stream, const QString& what) {
  XdrReader reader(stream, 0, what);
  reader.readHeader();
  return reader.readItem();
}

RNamedObjects parseRda(const QByteArray& fileBytes, const QString& what) {
  const QByteArray bytes = decompress(fileBytes, what);
  if (!bytes.startsWith("RDX2\n") && !bytes.startsWith("RDX3\n")) {
    if (bytes.startsWith("RDA") || bytes.startsWith("RDB"))
      throw InputError(what, 0, 0,
                       QStringLiteral("ASCII or native binary .rda files are not "
                                      "supported; save with ascii = FALSE"));
    throw InputError(what, 0, 0, QStringLiteral("not an .rda file (no RDX2/RDX3 header)"));
  }
  const RObjectPtr top = unserializeR(bytes.mid(5), what);
  if (top->type != RObject::Type::Pairlist)
    throw InputError(what, 0, 0, QStringLiteral("an .rda file should hold a tagged pairlist"));
  RNamedObjects out;
  for (qsizetype i = 0; i < top->items.size(); ++i) out.append({top->tags.value(i), top->items[i]});
  return out;
}

RNamedObjects readRdaFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
  return parseRda(file.readAll(), path);
}

}  // namespace twb
