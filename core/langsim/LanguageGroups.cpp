#include "langsim/LanguageGroups.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include "common/InputError.h"

namespace twb {
namespace {

void addGroup(LanguageGroups& groups, const QString& parent, const QString& children) {
  const QString group = parent.trimmed();
  if (group.isEmpty()) return;
  groups.groups.insert(group);
  for (const QString& child : children.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    if (child == group) continue;
    if (groups.parent.contains(child)) {
      if (!groups.multiParent.contains(child)) groups.multiParent << child;
      continue;  // the first parent listed wins
    }
    groups.parent.insert(child, group);
  }
}

}  // namespace

bool LanguageGroups::contains(const QString& code) const {
  return parent.contains(code) || groups.contains(code);
}

QStringList LanguageGroups::ancestors(const QString& code) const {
  QStringList path;
  QSet<QString> seen{code};
  for (auto it = parent.constFind(code); it != parent.constEnd(); it = parent.constFind(*it)) {
    if (*it == kLanguageTreeRoot || seen.contains(*it)) break;
    seen.insert(*it);
    path << *it;
  }
  return path;
}

LanguageGroups parseLanguageGroupsJson(const QByteArray& json, const QString& what) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(json, &error);
  if (error.error != QJsonParseError::NoError)
    throw InputError(what, 0, 0, QStringLiteral("bad JSON: %1").arg(error.errorString()));
  const QJsonValue table = document.object()
                               .value(QStringLiteral("supplemental"))
                               .toObject()
                               .value(QStringLiteral("languageGroups"));
  if (!table.isObject())
    throw InputError(what, 0, 0, QStringLiteral("no supplemental.languageGroups object"));
  LanguageGroups groups;
  const QJsonObject object = table.toObject();
  for (auto it = object.begin(); it != object.end(); ++it)
    addGroup(groups, it.key(), it.value().toString());
  if (groups.groups.isEmpty()) throw InputError(what, 0, 0, QStringLiteral("no language groups"));
  return groups;
}

LanguageGroups parseLanguageGroupsXml(const QByteArray& xml, const QString& what) {
  LanguageGroups groups;
  QXmlStreamReader reader(xml);
  while (!reader.atEnd()) {
    reader.readNext();
    if (reader.isStartElement() && reader.name() == QLatin1String("languageGroup")) {
      const QString parent = reader.attributes().value(QStringLiteral("parent")).toString();
      addGroup(groups, parent, reader.readElementText());
    }
  }
  if (reader.hasError())
    throw InputError(what, static_cast<int>(reader.lineNumber()),
                     static_cast<int>(reader.columnNumber()),
                     QStringLiteral("bad XML: %1").arg(reader.errorString()));
  if (groups.groups.isEmpty()) throw InputError(what, 0, 0, QStringLiteral("no language groups"));
  return groups;
}

LanguageGroups parseLanguageGroups(const QByteArray& bytes, const QString& what) {
  const QByteArray start = bytes.trimmed().left(1);
  if (start == "{") return parseLanguageGroupsJson(bytes, what);
  if (start == "<") return parseLanguageGroupsXml(bytes, what);
  throw InputError(what, 0, 0, QStringLiteral("neither JSON nor XML"));
}

LanguageGroups readLanguageGroupsFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
  return parseLanguageGroups(file.readAll(), path);
}

}  // namespace twb
